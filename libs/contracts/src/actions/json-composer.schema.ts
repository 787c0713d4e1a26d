import { z } from 'zod';
import { actionBaseShape } from './action-base';

export const jsonComposerSettingsSchema = z.object({
  /** A JSON document whose string leaves may hold templates. */
  template: z.string().min(1).max(1_000_000),
  /** Drop fields whose value ends up "", null or missing (a CRM should not receive `"email": ""`). */
  dropEmpty: z.boolean().default(false),
});
export type JsonComposerSettings = z.infer<typeof jsonComposerSettingsSchema>;

export const jsonComposerActionSchema = z.object({
  ...actionBaseShape,
  type: z.literal('json_composer'),
  settings: jsonComposerSettingsSchema,
});
