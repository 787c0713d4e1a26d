import { z } from 'zod';
import { actionBaseShape } from '../action-base';

export const jsonComposerSettingsSchema = z.object({
  /** A JSON document whose string leaves may hold templates, or one `{{reference}}` sent as it is. */
  template: z
    .string()
    .max(1_000_000)
    .refine((text) => text.trim().length > 0, 'the composer is empty: insert a field or write a JSON document'),
  /** Drop fields whose value ends up "", null or missing (a CRM should not receive `"email": ""`). */
  dropEmpty: z.boolean().default(false),
});
export type JsonComposerSettings = z.infer<typeof jsonComposerSettingsSchema>;

export const jsonComposerActionSchema = z.object({
  ...actionBaseShape,
  type: z.literal('json_composer'),
  settings: jsonComposerSettingsSchema,
});
