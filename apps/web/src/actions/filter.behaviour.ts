import { filterConditionSchema, type FilterCondition } from '@provod/contracts';
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
};
