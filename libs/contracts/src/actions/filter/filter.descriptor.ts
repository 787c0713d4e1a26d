import type { Lang } from '../../errors/error-text';
import { describeAction } from '../action-descriptor';
import { oneLine } from '../summary-text';
import { FILTER_ERRORS } from './filter.errors';
import { FILTER_BINARY_OPERATORS, type FilterOperator, filterActionSchema } from './filter.schema';

const OPERATOR_WORDS: Record<Lang, Record<FilterOperator, string>> = {
  ru: { equals: 'равно', not_equals: 'не равно', contains: 'содержит', is_empty: 'пусто', is_not_empty: 'не пусто', greater: 'больше', less: 'меньше' },
  en: { equals: 'equals', not_equals: 'does not equal', contains: 'contains', is_empty: 'is empty', is_not_empty: 'is not empty', greater: 'is greater than', less: 'is less than' },
};
const JOINERS: Record<Lang, Record<'all' | 'any', string>> = { ru: { all: 'и', any: 'или' }, en: { all: 'and', any: 'or' } };

export const filterDescriptor = describeAction({
  type: 'filter',
  schema: filterActionSchema,
  effect: 'pure',
  onInterruption: 'resend',
  retry: () => null,
  // «{{source.type_id}} равно 1 и {{source.phone}} не пусто»
  summary: ({ settings }, lang) =>
    oneLine(
      settings.conditions
        .map((c) => [c.left, OPERATOR_WORDS[lang][c.operator], FILTER_BINARY_OPERATORS.includes(c.operator) ? c.right : ''].filter(Boolean).join(' '))
        .join(` ${JOINERS[lang][settings.match]} `),
      160,
    ),
  errors: FILTER_ERRORS,
});
