import type { ActionType } from '../actions';
import { HTTP_REQUEST_ERRORS } from '../actions/http-request.errors';
import { JSON_COMPOSER_ERRORS } from '../actions/json-composer.errors';
import { JSON_PARSER_ERRORS } from '../actions/json-parser.errors';
import { FILTER_ERRORS } from '../actions/filter.errors';
import { SEND_EMAIL_ERRORS } from '../actions/send-email.errors';
import type { ErrorEntry } from './error-text';

/** Each action type's own error catalogue; the Record type makes a type without one a compile error. */
export const ACTION_ERRORS: Record<ActionType, Readonly<Record<string, ErrorEntry>>> = {
  http_request: HTTP_REQUEST_ERRORS,
  json_parser: JSON_PARSER_ERRORS,
  json_composer: JSON_COMPOSER_ERRORS,
  filter: FILTER_ERRORS,
  send_email: SEND_EMAIL_ERRORS,
};
