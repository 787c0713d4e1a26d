import { templateShape } from '../lib/template-shape';
import { wholeValue, type ActionBehaviour } from './action-behaviour';
import { listNames, payloadOf } from './summary-words';

export const jsonComposerBehaviour: ActionBehaviour<'json_composer'> = {
  keyBase: 'json',
  // Empty, not a `{ }` skeleton: the first field the user inserts (`{{lead}}`) must not land beside stray braces.
  start: () => ({ template: '' }),
  mainValue: wholeValue,
  // Any name may exist in a composed document: only the whole of it is offered.
  knownOutputs: () => [],
  outputShape: (action) => templateShape(action.settings.template),
  inputShape: () => undefined,
  resultLines: (step, t, lang) => {
    const payload = step.status === 'succeeded' ? payloadOf(step.output) : undefined;
    return payload ? [t('summary.composed', { fields: listNames(Object.keys(payload), t, lang) })] : [];
  },
};
