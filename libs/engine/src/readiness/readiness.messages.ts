import type { LocalizedText } from '@provod/contracts';

/** The check's sentences, Russian first: they are read by someone fixing a form, not a developer. */
export const readinessText = {
  noActions: (): LocalizedText => ({
    ru: 'В обработке нет ни одного шага: события будут «успешными», но никуда не попадут. Добавьте шаг.',
    en: 'The processing has no steps: events would "succeed" and reach nothing. Add a step.',
  }),
  mailNotConfigured: (): LocalizedText => ({
    ru: 'Почта не настроена: задайте SMTP_URL на сервере, иначе этот шаг не сможет отправить письмо.',
    en: 'Mail is not set up: set SMTP_URL on the server, or this step cannot send its letter.',
  }),
  missingSecret: (name: string): LocalizedText => ({
    ru: `Секрета ${name} нет. Создайте его в разделе «Секреты» или исправьте имя.`,
    en: `There is no secret ${name}. Create it under Secrets or correct the name.`,
  }),
  placeholderHost: (host: string): LocalizedText => ({
    ru: `В адресе осталась заготовка «${host}». Впишите адрес своего аккаунта.`,
    en: `The URL still holds the placeholder "${host}". Put in your own account's address.`,
  }),
  unknownStep: (ref: string, key: string): LocalizedText => ({
    ru: `{{${ref}}}: шага с ключом «${key}» нет. Выберите значение из списка полей.`,
    en: `{{${ref}}}: no step has the key "${key}". Pick the value from the field list.`,
  }),
  laterStep: (ref: string, key: string): LocalizedText => ({
    ru: `{{${ref}}}: шаг «${key}» выполняется позже (или это этот же шаг), его результата здесь ещё нет.`,
    en: `{{${ref}}}: the step "${key}" runs later (or is this step), so its output does not exist here yet.`,
  }),
  unknownOutput: (ref: string, key: string, known: readonly string[]): LocalizedText => ({
    ru: `{{${ref}}}: у шага «${key}» нет такого значения. Есть: ${known.join(', ') || 'ничего'}.`,
    en: `{{${ref}}}: the step "${key}" gives no such value. It gives: ${known.join(', ') || 'nothing'}.`,
  }),
  unknownParameter: (ref: string, name: string, declared: readonly string[]): LocalizedText => ({
    ru: `{{${ref}}}: параметра «${name}» нет среди параметров вебхука (${declared.join(', ') || 'их нет'}). Добавьте его в источник.`,
    en: `{{${ref}}}: "${name}" is not one of the webhook's parameters (${declared.join(', ') || 'none'}). Add it to the source.`,
  }),
  invalidTemplate: (reason: string): LocalizedText => ({
    ru: `Шаблон не разбирается: ${reason}`,
    en: `The template does not parse: ${reason}`,
  }),
  invalidJson: (reason: string, line: number, column: number): LocalizedText => ({
    ru: `Это не JSON (строка ${line}, столбец ${column}): ${reason}. Текстовые значения и {{…}} берутся в двойные кавычки.`,
    en: `This is not JSON (line ${line}, column ${column}): ${reason}. Text values and {{…}} go in double quotes.`,
  }),
};
