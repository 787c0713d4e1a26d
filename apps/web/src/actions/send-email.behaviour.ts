import { wholeValue, type ActionBehaviour } from './action-behaviour';

export const sendEmailBehaviour: ActionBehaviour<'send_email'> = {
  keyBase: 'email',
  start: () => ({ to: '', subject: '' }),
  mainValue: wholeValue,
  knownOutputs: () => ['messageId', 'accepted'],
  outputShape: () => undefined,
  inputShape: () => undefined,
  resultLines: () => [],
};
