import { detailText, type ErrorCatalogue, type ErrorFacts, type Lang, serviceOr } from '../../errors/error-text';

/** Every code an HTTP request step fails with (besides the engine's template codes). */
export const HTTP_REQUEST_ERROR_CODES = [
  'invalid_url',
  'invalid_header',
  'invalid_auth',
  'blocked_address',
  'network',
  'timeout',
  'invalid_request',
  'invalid_redirect',
  'too_many_redirects',
  'response_too_large',
  'http_status',
  'invalid_response_json',
  'response_too_deep',
  'write_outcome_unknown',
] as const;
export type HttpRequestErrorCode = (typeof HTTP_REQUEST_ERROR_CODES)[number];

const RECORD_RU = { request: ['заявки', 'заявка'], lead: ['обращения', 'обращение'] } as const;
const RECORD_EN = { request: 'request', lead: 'lead' } as const;

function secretRu(f: ErrorFacts): string {
  return f.secret ? `проверьте секрет ${f.secret}` : 'проверьте ключ или токен в настройках шага';
}

function secretEn(f: ErrorFacts): string {
  return f.secret ? `check the secret ${f.secret}` : 'check the key or token in the step settings';
}

/** The first sentence for an unaccepted status, by what the status means to a user. */
function statusRu(f: ErrorFacts): string {
  const service = serviceOr(f, 'ru');
  const status = f.status ?? 0;
  if (status === 401 || status === 403) return `${service} отклонил ключ`;
  if (status === 404) {
    if (f.record) return `В ${service} нет ${RECORD_RU[f.record.kind][0]} ${f.record.id}`;
    return `${service} не нашёл то, что запросил шаг (404)`;
  }
  if (status === 429) return `${service} просит отправлять запросы реже (429)`;
  if (status >= 500) return `${service} не справился с запросом: ошибка на его стороне (${status})`;
  if (status === 400 || status === 422) return `${service} не принял отправленные данные (${status})`;
  return status ? `${service} ответил ошибкой ${status}` : `${service} ответил ошибкой`;
}

function statusEn(f: ErrorFacts): string {
  const service = serviceOr(f, 'en');
  const status = f.status ?? 0;
  if (status === 401 || status === 403) return `${service} rejected the key`;
  if (status === 404) {
    if (f.record) return `${service} has no ${RECORD_EN[f.record.kind]} ${f.record.id}`;
    return `${service} did not find what the step asked for (404)`;
  }
  if (status === 429) return `${service} asks to send requests less often (429)`;
  if (status >= 500) return `${service} failed to handle the request: a fault on its side (${status})`;
  if (status === 400 || status === 422) return `${service} did not accept the data sent (${status})`;
  return status ? `${service} answered with error ${status}` : `${service} answered with an error`;
}

function statusHint(f: ErrorFacts, lang: Lang): string {
  const ru = lang === 'ru';
  const status = f.status ?? 0;
  if (status === 401 || status === 403) return ru ? `Проверьте секрет${f.secret ? ` ${f.secret}` : ''}: ключ верный, не отозван и даёт доступ к этому действию.` : `Check the secret${f.secret ? ` ${f.secret}` : ''}: the key is right, not revoked, and allowed to do this.`;
  if (status === 404) {
    if (f.record) return ru ? 'Проверьте номер или тип (заявка/обращение).' : 'Check the number or the type (request/lead).';
    return ru ? 'Проверьте адрес в шаге и значения, подставленные в него.' : 'Check the address in the step and the values inserted into it.';
  }
  if (status === 429 || status >= 500 || status === 408) {
    return ru ? 'Provod повторит запрос сам; если ошибка не проходит — повторите операцию позже.' : 'Provod retries by itself; if the error persists, replay the operation later.';
  }
  if (status === 400 || status === 422) {
    return ru ? 'Откройте подробности: там объяснение сервиса. Исправьте поля, которые шаг отправляет, и повторите.' : "Open the details for the service's explanation. Fix the fields the step sends and replay.";
  }
  return ru ? 'Откройте подробности: там ответ сервиса целиком.' : "Open the details for the service's whole answer.";
}

/** What went wrong on the way, by the network error's code. */
function networkRu(f: ErrorFacts): string {
  const service = serviceOr(f, 'ru');
  const cause = detailText(f, 'cause') ?? '';
  if (cause === 'ECONNREFUSED') return `${service} не принимает соединения: в подключении отказано`;
  if (/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/.test(cause)) return `Сервер ${f.host ?? ''} не найден: такого адреса нет`.replace('  ', ' ');
  if (/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(cause)) return `${service} оборвал соединение, не дождавшись ответа`;
  if (/^(EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/.test(cause)) return `До ${service} нет связи по сети`;
  if (/^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO)/.test(cause)) return `Защищённое соединение с ${service} не установилось: сертификат не прошёл проверку`;
  return `Не удалось связаться с ${service}`;
}

function networkEn(f: ErrorFacts): string {
  const service = serviceOr(f, 'en');
  const cause = detailText(f, 'cause') ?? '';
  if (cause === 'ECONNREFUSED') return `${service} refused the connection`;
  if (/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/.test(cause)) return `No server named ${f.host ?? 'so'} was found`;
  if (/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(cause)) return `${service} closed the connection before answering`;
  if (/^(EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/.test(cause)) return `The network cannot reach ${service}`;
  if (/^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO)/.test(cause)) return `The secure connection to ${service} failed: its certificate did not pass the check`;
  return `Could not talk to ${service}`;
}

function networkHint(f: ErrorFacts, lang: Lang): string {
  const ru = lang === 'ru';
  const cause = detailText(f, 'cause') ?? '';
  if (/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/.test(cause)) {
    return ru ? 'Проверьте адрес в шаге: нет ли опечатки в имени сервера (например, в адресе аккаунта Envybox).' : 'Check the address in the step for a typo in the server name (such as the Envybox account address).';
  }
  if (/^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO)/.test(cause)) {
    return ru ? 'Проверьте, что адрес начинается с https:// и ведёт на настоящий сервер сервиса; если сертификат просрочен — сообщите владельцу сервера.' : "Check that the address is the service's real https:// address; if its certificate expired, tell the server's owner.";
  }
  return ru ? 'Provod повторит запрос сам. Если ошибка не проходит — проверьте адрес и работает ли сервис.' : 'Provod retries by itself. If the error persists, check the address and whether the service is up.';
}

export const HTTP_REQUEST_ERRORS: ErrorCatalogue<HttpRequestErrorCode> = {
  invalid_url: {
    ru: () => 'Адрес запроса неправильный',
    en: () => 'The request address is not valid',
    hintRu: () => 'Адрес должен начинаться с https:// (или http://). Проверьте значения, подставленные в него: пустое значение даёт адрес вроде /request/.json.',
    hintEn: () => 'The address must start with https:// (or http://). Check the values inserted into it: an empty one gives an address like /request/.json.',
  },
  invalid_header: {
    ru: () => 'Заголовок запроса нельзя отправить',
    en: () => 'A request header cannot be sent',
    hintRu: () => 'Имена заголовков — латиница, цифры и «-»; русский текст и переносы строк в заголовке не допускаются: передайте такие значения в адресе или теле.',
    hintEn: () => 'Header names use Latin letters, digits and "-"; Cyrillic and line breaks cannot go into headers: put such values in the address or body.',
  },
  invalid_auth: {
    ru: () => 'Авторизация в шаге настроена неполно',
    en: () => 'The step authentication is incomplete',
    hintRu: () => 'Откройте раздел «Авторизация» шага: укажите имя ключа, а в имени пользователя не используйте «:».',
    hintEn: () => 'Open the step\'s authentication: give the key a name, and do not use ":" in the user name.',
  },
  blocked_address: {
    ru: (f) => `Provod не отправляет запросы на внутренний адрес ${detailText(f, 'address') ?? ''}`.trimEnd(),
    en: (f) => `Provod does not send requests to the internal address ${detailText(f, 'address') ?? ''}`.trimEnd(),
    hintRu: () => 'Так защищена внутренняя сеть. Если этот адрес нужен, администратор может разрешить его в OUTBOUND_ALLOWLIST.',
    hintEn: () => 'This protects the internal network. If the address is needed, an administrator can allow it in OUTBOUND_ALLOWLIST.',
  },
  network: {
    ru: networkRu,
    en: networkEn,
    hintRu: (f) => networkHint(f, 'ru'),
    hintEn: (f) => networkHint(f, 'en'),
  },
  timeout: {
    ru: (f) => `${serviceOr(f, 'ru')} не ответил вовремя`,
    en: (f) => `${serviceOr(f, 'en')} did not answer in time`,
    hintRu: () => 'Provod повторит запрос сам. Если ошибка не проходит — проверьте, работает ли сервис, или увеличьте время ожидания в шаге.',
    hintEn: () => 'Provod retries by itself. If the error persists, check that the service is up, or raise the step\'s timeout.',
  },
  invalid_request: {
    ru: () => 'Запрос не удалось отправить: он составлен неправильно',
    en: () => 'The request could not be sent: it is malformed',
    hintRu: () => 'Проверьте адрес, заголовки и тело шага; подробности ниже.',
    hintEn: () => 'Check the step\'s address, headers and body; see the details.',
  },
  invalid_redirect: {
    ru: (f) => `${serviceOr(f, 'ru')} перенаправил запрос на адрес, куда Provod не ходит`,
    en: (f) => `${serviceOr(f, 'en')} redirected the request to an address Provod does not follow`,
    hintRu: () => 'Укажите в шаге конечный адрес (https://…) вместо перенаправляющего.',
    hintEn: () => 'Put the final https://… address in the step instead of the redirecting one.',
  },
  too_many_redirects: {
    ru: (f) => `${serviceOr(f, 'ru')} перенаправлял запрос слишком много раз`,
    en: (f) => `${serviceOr(f, 'en')} redirected the request too many times`,
    hintRu: () => 'Укажите в шаге конечный адрес; часто помогает https:// вместо http:// или «/» в конце.',
    hintEn: () => 'Put the final address in the step; https:// instead of http:// or a trailing "/" often helps.',
  },
  response_too_large: {
    ru: (f) => `Ответ ${serviceOr(f, 'ru')} слишком большой, Provod его не прочитал`,
    en: (f) => `The answer from ${serviceOr(f, 'en')} is too large; Provod did not read it`,
    hintRu: () => 'Запросите меньше данных (одну запись, а не список) или увеличьте предел размера ответа в шаге.',
    hintEn: () => 'Ask for less data (one record rather than a list) or raise the step\'s response size limit.',
  },
  http_status: {
    ru: statusRu,
    en: statusEn,
    hintRu: (f) => (f.status === 401 || f.status === 403 ? `${capitalise(secretRu(f))}.` : statusHint(f, 'ru')),
    hintEn: (f) => (f.status === 401 || f.status === 403 ? `${capitalise(secretEn(f))}.` : statusHint(f, 'en')),
  },
  invalid_response_json: {
    ru: (f) => `${serviceOr(f, 'ru')} прислал ответ, который называет себя JSON, но не является им`,
    en: (f) => `${serviceOr(f, 'en')} sent an answer that claims to be JSON but is not`,
    hintRu: () => 'Обычно так отвечает страница ошибки или входа: проверьте адрес шага и ключ. Ответ целиком — в подробностях.',
    hintEn: () => 'Usually this is an error or login page: check the step address and key. The whole answer is in the details.',
  },
  response_too_deep: {
    ru: (f) => `Ответ ${serviceOr(f, 'ru')} слишком глубоко вложен, Provod его не разбирает`,
    en: (f) => `The answer from ${serviceOr(f, 'en')} is nested too deeply for Provod to read`,
    hintRu: () => 'Запросите у сервиса более простой ответ (другой метод API или меньше данных).',
    hintEn: () => 'Ask the service for a simpler answer (another API method or less data).',
  },
  write_outcome_unknown: {
    ru: (f) => `${serviceOr(f, 'ru')} не ответил, а запрос мог до него дойти — Provod не стал отправлять его ещё раз`,
    en: (f) => `${serviceOr(f, 'en')} did not answer, and the request may have reached it — Provod did not send it again`,
    hintRu: (f) =>
      `Проверьте ${f.service ? `в ${f.service}` : 'у получателя'}, выполнено ли действие (например, создан ли лид). Если нет — повторите операцию. Чтобы такие запросы повторялись сами, включите в шаге «Повторять запись после таймаута» (безопасно, если сервис учитывает ключ идемпотентности).`,
    hintEn: (f) =>
      `Check ${f.service ? `in ${f.service}` : 'with the receiver'} whether it was done (say, whether the lead exists). If not, replay the operation. To have such requests resent by themselves, turn on "Retry writes after a timeout" in the step (safe when the service honours the idempotency key).`,
  },
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
