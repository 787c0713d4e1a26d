import { detailText, type ErrorCatalogue, type ErrorFacts } from './error-text';

function list(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value.filter((item): item is string => typeof item === 'string').slice(0, 20);
  return names.length ? names.join(', ') : undefined;
}

const stepRu = (f: ErrorFacts) => (f.step ? ` в шаге «${f.step}»` : '');
const stepEn = (f: ErrorFacts) => (f.step ? ` in the step "${f.step}"` : '');

/** Codes any step can fail with: they come from the engine (templates) or the worker, not from one action type. */
export const ENGINE_ERROR_CODES = [
  'template_error',
  'template_too_large',
  'template_timeout',
  'invalid_template',
  'missing_parameter',
  'invalid_definition',
  'system_error',
  'interrupted',
] as const;
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

export const ENGINE_ERRORS: ErrorCatalogue<EngineErrorCode> = {
  template_error: {
    ru: (f) => `Не удалось подставить значения${stepRu(f)}: в шаблоне ошибка`,
    en: (f) => `Values could not be filled in${stepEn(f)}: the template has a mistake`,
    hintRu: () => 'Проверьте вставки {{…}} в полях шага: скобки парные, имена шагов и полей написаны верно.',
    hintEn: () => 'Check the {{…}} insertions in the step: braces come in pairs, step and field names are spelled right.',
  },
  template_too_large: {
    ru: (f) => `Шаблон${stepRu(f)} дал слишком длинный текст`,
    en: (f) => `The template${stepEn(f)} produced too much text`,
    hintRu: () => 'Вставляйте отдельные поля, а не весь ответ целиком, или уберите повторы {{#each}}.',
    hintEn: () => 'Insert single fields rather than a whole answer, or remove {{#each}} loops.',
  },
  template_timeout: {
    ru: (f) => `Шаблон${stepRu(f)} считался слишком долго и был остановлен`,
    en: (f) => `The template${stepEn(f)} took too long and was stopped`,
    hintRu: () => 'Упростите шаблон: уберите вложенные циклы {{#each}} по большим спискам.',
    hintEn: () => 'Simplify the template: remove nested {{#each}} loops over large lists.',
  },
  invalid_template: {
    ru: (f) => `Шаблон JSON${stepRu(f)} — не JSON`,
    en: (f) => `The JSON template${stepEn(f)} is not valid JSON`,
    hintRu: () => 'Откройте шаг и исправьте место, отмеченное в подробностях: пропущенная запятая, кавычка или скобка.',
    hintEn: () => 'Open the step and fix the place shown in the details: a missing comma, quote or bracket.',
  },
  missing_parameter: {
    ru: (f) => {
      const name = detailText(f, 'parameter') ?? detailText(f, 'name');
      const received = list(f.details['received']);
      const what = name ? `В запросе нет параметра ${name}` : 'В запросе нет нужного параметра';
      return received ? `${what}; пришли: ${received}` : what;
    },
    en: (f) => {
      const name = detailText(f, 'parameter') ?? detailText(f, 'name');
      const received = list(f.details['received']);
      const what = name ? `The request has no parameter ${name}` : 'The request lacks a parameter the step needs';
      return received ? `${what}; it had: ${received}` : what;
    },
    hintRu: () => 'Проверьте, что отправитель передаёт этот параметр (для U-ON — тип вебхука), или поправьте его имя в источнике.',
    hintEn: () => 'Check that the sender passes this parameter (for U-ON, the webhook type), or fix its name in the source.',
  },
  invalid_definition: {
    ru: () => 'Настройки обработки не прошли проверку',
    en: () => "The processing's settings are not valid",
    hintRu: () => 'Откройте обработку в редакторе, исправьте отмеченные поля и сохраните.',
    hintEn: () => 'Open the processing in the editor, fix the marked fields and save.',
  },
  system_error: {
    ru: () => 'Provod не смог выполнить операцию из-за внутреннего сбоя',
    en: () => 'Provod could not run the operation because of an internal fault',
    hintRu: () => 'Повторите операцию позже; если не поможет — передайте подробности администратору.',
    hintEn: () => 'Replay the operation later; if that does not help, pass the details to your administrator.',
  },
  interrupted: {
    ru: () => 'Provod прервался, пока запрос был в пути, поэтому запрос мог дойти до сервиса',
    en: () => 'Provod was interrupted while the request was on its way, so it may have reached the service',
    hintRu: () => 'Запрос отправлен ещё раз с тем же ключом идемпотентности: сервис, который его учитывает, не создаст дубль. Иначе проверьте, нет ли двух записей. Письмо повторно не отправляется.',
    hintEn: () => 'The request was sent again with the same idempotency key: a service that honours it creates no duplicate. Otherwise check for two records. A letter is never sent again.',
  },
};
