import { describeAction } from '../action-descriptor';
import { oneLine } from '../summary-text';
import { HTTP_REQUEST_ERRORS } from './http-request.errors';
import { httpRequestActionSchema } from './http-request.schema';

export const httpRequestDescriptor = describeAction({
  type: 'http_request',
  schema: httpRequestActionSchema,
  // GET is the only method HTTP defines as safe; everything else may create or change something.
  effect: (action) => (action.settings.method === 'GET' ? 'reads' : 'writes'),
  onInterruption: 'resend',
  retry: (action) => action.settings.retry,
  summary: (action) => oneLine(`${action.settings.method} ${action.settings.url}`, 160),
  errors: HTTP_REQUEST_ERRORS,
});
