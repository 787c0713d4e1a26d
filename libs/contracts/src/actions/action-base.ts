import { z } from 'zod';

/** Fields every action has, whatever its type. `key` is how later steps refer to its output. */
export const actionBaseShape = {
  id: z.string().min(1).max(64),
  key: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a step key uses Latin letters, digits and _, and does not start with a digit')
    .max(64),
  name: z.string().trim().min(1).max(200),
};

/** A name/value pair whose value is a template, as used for headers, query and form fields. */
export const templatedPairSchema = z.object({
  name: z.string().min(1).max(500),
  value: z.string().max(100_000),
});
export type TemplatedPair = z.infer<typeof templatedPairSchema>;
