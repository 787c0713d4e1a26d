/** The per-host limit and its exceptions (`DESTINATION_HOST_CONCURRENCY`, `…_OVERRIDES`). */
export interface HostLimits {
  /** Requests in flight to one host at once. */
  perHost: number;
  /** Exceptions by `host:port` or host name, lower case. */
  overrides: Record<string, number>;
}

/** `host[:port]` as the URL names it, lower case; null when the URL does not parse (the step reports that). */
export function destinationHostOf(url: string): { host: string; hostname: string } | null {
  try {
    const parsed = new URL(url);
    return { host: parsed.host.toLowerCase(), hostname: parsed.hostname.toLowerCase() };
  } catch {
    return null;
  }
}

export function hostLimitFor(limits: HostLimits, destination: { host: string; hostname: string }): number {
  return limits.overrides[destination.host] ?? limits.overrides[destination.hostname] ?? limits.perHost;
}
