import { FILTER_BINARY_OPERATORS, filterConditionSchema, type FilterCondition } from '@provod/contracts';
import { wholeValue, type ActionBehaviour } from './action-behaviour';
import { withSchemaDefaults } from './schema-defaults';

/** A new condition: the schema's defaults, with nothing to test yet. */
export function newFilterCondition(): FilterCondition {
  return withSchemaDefaults(filterConditionSchema, { left: '' });
}

export const filterBehaviour: ActionBehaviour<'filter'> = {
  keyBase: 'filter',
  start: () => ({ conditions: [{ left: '' }] }),
  mainValue: wholeValue,
  knownOutputs: () => ['passed'],
  outputShape: () => undefined,
  inputShape: () => undefined,
  // What it compared is told by the note on a filtered operation, not by summary lines.
  resultLines: () => [],
  summary: (action, t) =>
    action.settings.conditions
      .map((c) => [c.left, t(`filter.op.${c.operator}`), FILTER_BINARY_OPERATORS.includes(c.operator) ? c.right : ''].filter(Boolean).join(' '))
      .join(action.settings.match === 'all' ? ` ${t('filter.and')} ` : ` ${t('filter.or')} `)
      .slice(0, 160),
  writes: () => false,
};
