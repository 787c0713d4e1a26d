import { formatDuration } from '../lib/format';
import { wholeValue, type ActionBehaviour } from './action-behaviour';
import { asRecord, listNames } from './summary-words';

export const jsonParserBehaviour: ActionBehaviour<'json_parser'> = {
  keyBase: 'fields',
  // A parser reads the previous step's value at once (an HTTP step's body), or the event's body.
  start: (previous) => ({ input: previous ?? '{{event.body}}', fields: [] }),
  mainValue: wholeValue,
  knownOutputs: (action) => action.settings.fields.map((field) => field.name),
  outputShape: (action) => Object.fromEntries(action.settings.fields.map((field) => [field.name, null])),
  inputShape: () => undefined,
  resultLines: (step, t, lang) => {
    if (step.status !== 'succeeded') return [];
    const output = asRecord(step.output) ?? {};
    const names = Object.keys(output);
    const empty = names.filter((name) => output[name] === null || output[name] === '');
    const lines = [t('summary.parsed', { count: names.length, duration: formatDuration(step.durationMs, t, lang) })];
    if (empty.length) lines.push(t('summary.parsedEmpty', { fields: listNames(empty, t, lang) }));
    return lines;
  },
};
