import { detailText, type ErrorCatalogue, type ErrorFacts } from '../../errors/error-text';

/** Every code a send-e-mail step fails with (besides the engine's template codes). */
export const SEND_EMAIL_ERROR_CODES = [
  'mail_not_configured',
  'invalid_address',
  'mail_rejected',
  'mail_deferred',
  'mail_unavailable',
  'mail_outcome_unknown',
] as const;
export type SendEmailErrorCode = (typeof SEND_EMAIL_ERROR_CODES)[number];

const answer = (f: ErrorFacts) => detailText(f, 'response');
const said = (f: ErrorFacts, lead: string) => (answer(f) ? `${lead}${answer(f)}` : '');

export const SEND_EMAIL_ERRORS: ErrorCatalogue<SendEmailErrorCode> = {
  mail_not_configured: {
    ru: () => 'Почта не настроена: задайте SMTP_URL, чтобы Provod мог отправлять письма',
    en: () => 'Mail is not set up: set SMTP_URL so that Provod can send letters',
    hintRu: () => 'Задайте SMTP_URL (например, smtp://user:pass@smtp.example.ru:587) и SMTP_FROM в настройках сервера и перезапустите worker.',
    hintEn: () => 'Set SMTP_URL (such as smtp://user:pass@smtp.example.com:587) and SMTP_FROM in the server settings and restart the worker.',
  },
  invalid_address: {
    ru: (f) => `Адрес «${detailText(f, 'address') ?? ''}» не похож на адрес электронной почты`,
    en: (f) => `"${detailText(f, 'address') ?? ''}" does not look like an e-mail address`,
    hintRu: () => 'Проверьте поля «Кому» и «Ответить на»: адреса через запятую, например {{source.email}}, manager@example.ru.',
    hintEn: () => 'Check the "To" and "Reply to" fields: addresses separated by commas, such as {{source.email}}, manager@example.com.',
  },
  mail_rejected: {
    ru: (f) => `Почтовый сервер отказался принять письмо${said(f, ': ')}`,
    en: (f) => `The mail server refused the letter${said(f, ': ')}`,
    hintRu: () => 'Это постоянный отказ (5xx): проверьте адрес получателя, SMTP_FROM и права учётной записи SMTP. Повтор не поможет.',
    hintEn: () => 'This is a permanent refusal (5xx): check the recipient, SMTP_FROM and the SMTP account\'s rights. Trying again will not help.',
  },
  mail_deferred: {
    ru: (f) => `Почтовый сервер временно не принял письмо${said(f, ': ')}`,
    en: (f) => `The mail server did not take the letter for now${said(f, ': ')}`,
    hintRu: () => 'Provod повторит отправку сам. Если отказы не проходят, проверьте лимиты отправки у почтового сервиса.',
    hintEn: () => 'Provod tries again by itself. If the refusals go on, check the mail service\'s sending limits.',
  },
  mail_unavailable: {
    ru: (f) => `Не удалось связаться с почтовым сервером${said(f, ': ')}`.replace(/: $/, ''),
    en: (f) => `Could not reach the mail server${said(f, ': ')}`.replace(/: $/, ''),
    hintRu: () => 'Проверьте адрес и порт в SMTP_URL и что сервер доступен с машины Provod. Provod повторит отправку сам.',
    hintEn: () => 'Check the host and port in SMTP_URL and that the server is reachable from Provod\'s machine. Provod tries again by itself.',
  },
  mail_outcome_unknown: {
    ru: () => 'Письмо могло уйти: связь прервалась после того, как оно было передано серверу, поэтому Provod не отправил его повторно',
    en: () => 'The letter may have gone out: the connection broke after it was handed over, so Provod did not send it again',
    hintRu: () => 'Проверьте почтовый ящик получателя. Если письма нет, повторите событие из истории.',
    hintEn: () => 'Check the recipient\'s mailbox. If the letter is not there, replay the event from the history.',
  },
};
