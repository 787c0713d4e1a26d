import { describeAction } from '../action-descriptor';
import { oneLine } from '../summary-text';
import { JSON_COMPOSER_ERRORS } from './json-composer.errors';
import { jsonComposerActionSchema } from './json-composer.schema';

export const jsonComposerDescriptor = describeAction({
  type: 'json_composer',
  schema: jsonComposerActionSchema,
  effect: 'pure',
  onInterruption: 'resend',
  retry: () => null,
  summary: ({ settings }) => oneLine(settings.template, 120),
  errors: JSON_COMPOSER_ERRORS,
});
