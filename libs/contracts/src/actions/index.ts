import { z } from 'zod';
import { httpRequestActionSchema } from './http-request.schema';
import { jsonComposerActionSchema } from './json-composer.schema';
import { jsonParserActionSchema } from './json-parser.schema';
import { filterActionSchema } from './filter.schema';
import { sendEmailActionSchema } from './send-email.schema';

export * from './action-base';
export * from './http-request.schema';
export * from './json-parser.schema';
export * from './json-composer.schema';
export * from './filter.schema';
export * from './send-email.schema';

/** Every action type. Adding one: a schema file here, one line below, and its executor folder in libs/actions. */
export const actionSchema = z.discriminatedUnion('type', [
  httpRequestActionSchema,
  jsonParserActionSchema,
  jsonComposerActionSchema,
  filterActionSchema,
  sendEmailActionSchema,
]);
export type Action = z.infer<typeof actionSchema>;
export type ActionType = Action['type'];
export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;
export const ACTION_TYPES = actionSchema.options.map((o) => o.shape.type.value) as ActionType[];
