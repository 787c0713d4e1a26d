/** Hosts people know by another name; the first match wins. */
const KNOWN_SERVICES: Array<[pattern: RegExp, name: string]> = [
  [/(^|\.)u-on\.ru$/i, 'U-ON'],
  [/(^|\.)envycrm\.com$/i, 'Envybox'],
  [/(^|\.)envybox\.io$/i, 'Envybox'],
  [/(^|\.)telegram\.org$/i, 'Telegram'],
  [/(^|\.)bitrix24\.[a-z.]+$/i, 'Битрикс24'],
  [/(^|\.)amocrm\.(ru|com)$/i, 'amoCRM'],
];

/** The name a user knows a remote system by: U-ON for api.u-on.ru, Envybox for x.envycrm.com, else the host. */
export function serviceName(host: string): string {
  const bare = host.replace(/:\d+$/, '');
  for (const [pattern, name] of KNOWN_SERVICES) if (pattern.test(bare)) return name;
  return host;
}

/** The host of an absolute URL (templates inside it left as they are), or undefined. */
export function hostOfUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]+)/i.exec(url.trim());
  if (!match?.[1] || match[1].includes('{{')) return undefined;
  return match[1].toLowerCase();
}
