import { detailText, type ErrorCatalogue, type ErrorFacts } from '../../errors/error-text';

/** Every code a JSON parser step fails with (besides the engine's template codes). */
export const JSON_PARSER_ERROR_CODES = [
  'empty_input',
  'invalid_input_json',
  'input_too_deep',
  'invalid_path',
  'missing_field',
  'cast_failed',
  'output_too_large',
] as const;
export type JsonParserErrorCode = (typeof JSON_PARSER_ERROR_CODES)[number];

const CASTS_RU: Record<string, string> = { number: 'число', boolean: 'да/нет', string: 'текст', json: 'JSON' };
const CASTS_EN: Record<string, string> = { number: 'a number', boolean: 'yes/no', string: 'text', json: 'JSON' };

const field = (f: ErrorFacts) => detailText(f, 'field') ?? '?';
const path = (f: ErrorFacts) => detailText(f, 'path');
/** The nearest key the parser found, when the path looks like a typo. */
const suggestion = (f: ErrorFacts) => /did you mean "([^"]{1,200})"/.exec(f.message)?.[1];

export const JSON_PARSER_ERRORS: ErrorCatalogue<JsonParserErrorCode> = {
  empty_input: {
    ru: () => 'Разбирать нечего: на вход пришёл пустой текст',
    en: () => 'There is nothing to read: the input is empty',
    hintRu: () => 'Проверьте поле «Что разбирать»: оно должно ссылаться на ответ предыдущего шага, например {{uon.body}}.',
    hintEn: () => 'Check the "What to read" field: it should refer to an earlier step\'s answer, such as {{uon.body}}.',
  },
  invalid_input_json: {
    ru: () => 'На вход пришёл не JSON — разобрать его нельзя',
    en: () => 'The input is not JSON, so it cannot be read',
    hintRu: () => 'Проверьте, что поле «Что разбирать» ссылается на ответ сервиса ({{шаг.body}}), а не на заголовки или текст.',
    hintEn: () => 'Check that "What to read" refers to the service\'s answer ({{step.body}}), not to headers or text.',
  },
  input_too_deep: {
    ru: () => 'Данные на входе слишком глубоко вложены',
    en: () => 'The input is nested too deeply',
    hintRu: () => 'Разбирайте часть данных: укажите во входе вложенный объект, а не ответ целиком.',
    hintEn: () => 'Read a part of the data: put a nested object into the input rather than the whole answer.',
  },
  invalid_path: {
    ru: (f) => `Путь к полю ${field(f) === '?' ? '' : `«${field(f)}» `}записан неправильно`,
    en: (f) => `The path of the field${field(f) === '?' ? '' : ` "${field(f)}"`} is not written correctly`,
    hintRu: () => 'Выберите поле из списка «Выбрать поля» или запишите путь как [request][0][id].',
    hintEn: () => 'Pick the field from "Choose fields" or write the path as [request][0][id].',
  },
  missing_field: {
    ru: (f) => `В данных нет поля «${field(f)}»${path(f) ? ` (${path(f)})` : ''}`,
    en: (f) => `The data has no field "${field(f)}"${path(f) ? ` (${path(f)})` : ''}`,
    hintRu: (f) => {
      const near = suggestion(f);
      const typo = near ? `Возможно, имелось в виду «${near}». ` : '';
      return `${typo}Проверьте путь к полю или снимите «Обязательное» / задайте значение по умолчанию, если поле бывает пустым.`;
    },
    hintEn: (f) => {
      const near = suggestion(f);
      const typo = near ? `Perhaps you meant "${near}". ` : '';
      return `${typo}Check the field's path, or untick "Required" / give a default if the field can be empty.`;
    },
  },
  cast_failed: {
    ru: (f) => {
      const cast = detailText(f, 'cast');
      return `Значение поля «${field(f)}» нельзя превратить в ${cast ? (CASTS_RU[cast] ?? cast) : 'нужный тип'}`;
    },
    en: (f) => {
      const cast = detailText(f, 'cast');
      return `The value of the field "${field(f)}" cannot be turned into ${cast ? (CASTS_EN[cast] ?? cast) : 'the chosen type'}`;
    },
    hintRu: () => 'Выберите для поля другой тип (например, «текст») или проверьте, то ли поле выбрано.',
    hintEn: () => 'Choose another type for the field (such as text), or check that the right field is chosen.',
  },
  output_too_large: {
    ru: () => 'Найденные поля занимают слишком много места',
    en: () => 'The fields found take too much space',
    hintRu: () => 'Выберите отдельные поля, а не большие списки или объекты целиком.',
    hintEn: () => 'Pick single fields rather than whole large lists or objects.',
  },
};
