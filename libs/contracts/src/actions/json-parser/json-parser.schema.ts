import { z } from 'zod';
import { actionBaseShape } from '../action-base';

export const parserFieldSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a field name uses Latin letters, digits and _')
    .max(64),
  /** `["request"][0]["id"]`, `request[0].id` or JSONPath `$.request[0].id`. */
  path: z.string().min(1).max(1000),
  required: z.boolean().default(false),
  default: z.unknown().optional(),
  /** Converts the found value: `number` for "150000", `string` for ids, `boolean` for "1"/"true". */
  cast: z.enum(['none', 'string', 'number', 'boolean', 'json']).default('none'),
});
export type ParserField = z.infer<typeof parserFieldSchema>;

export const jsonParserSettingsSchema = z.object({
  /** Which earlier value to parse: a reference such as `{{fetch_request.body}}`. */
  input: z.string().min(1).max(10_000),
  fields: z.array(parserFieldSchema).max(500),
});
export type JsonParserSettings = z.infer<typeof jsonParserSettingsSchema>;

export const jsonParserActionSchema = z.object({
  ...actionBaseShape,
  type: z.literal('json_parser'),
  settings: jsonParserSettingsSchema,
});
