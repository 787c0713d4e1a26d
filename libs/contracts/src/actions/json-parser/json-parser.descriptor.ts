import { describeAction } from '../action-descriptor';
import { oneLine, pluralRu } from '../summary-text';
import { JSON_PARSER_ERRORS } from './json-parser.errors';
import { jsonParserActionSchema } from './json-parser.schema';

export const jsonParserDescriptor = describeAction({
  type: 'json_parser',
  schema: jsonParserActionSchema,
  effect: 'pure',
  onInterruption: 'resend',
  retry: () => null,
  summary: ({ settings }, lang) => {
    const count = settings.fields.length;
    const fields = lang === 'ru' ? pluralRu(count, 'поле', 'поля', 'полей') : count === 1 ? 'field' : 'fields';
    return oneLine(`${count} ${fields} ${lang === 'ru' ? 'из' : 'from'} ${settings.input}`, 160);
  },
  errors: JSON_PARSER_ERRORS,
});
