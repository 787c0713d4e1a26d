import { z } from 'zod';
import { processingExportSchema } from '../processing.schema';

/**
 * A template is an importable processing (`provod: 1`, source, actions) plus a `wizard` description:
 * the questions a non-developer answers, how each answer lands in the steps, the field-mapping table,
 * the test event and the sender's set-up steps. The web wizard is generic over this description, so a
 * new template needs no new screen. Nothing in a template is an ID from somebody's account: anything
 * account-specific is a question.
 */

const ID = /^[a-z][a-z0-9_]*$/;

/** Text in both interface languages. */
export const localTextSchema = z.object({ ru: z.string().min(1).max(2000), en: z.string().min(1).max(2000) });
export type LocalText = z.infer<typeof localTextSchema>;

/** Applies only when every named question has the given answer (`{ uon_kind: 'lead' }`). */
const whenSchema = z.record(z.string().regex(ID), z.string().max(200)).optional();
export type WizardCondition = z.infer<typeof whenSchema>;

/** A text that may differ by answer: the first entry whose `when` matches is used. */
export const conditionalTextSchema = z.union([localTextSchema, z.array(localTextSchema.extend({ when: whenSchema })).min(1).max(20)]);
export type ConditionalText = z.infer<typeof conditionalTextSchema>;

const questionBase = {
  id: z.string().regex(ID).max(64),
  label: localTextSchema,
  help: localTextSchema,
  placeholder: z.string().max(200).optional(),
  /** May stay empty; the fills that use it are then left out. */
  optional: z.boolean().default(false),
  /** Shown folded under "more settings": values almost nobody changes (an API's address). */
  advanced: z.boolean().default(false),
};

export const wizardQuestionSchema = z.discriminatedUnion('kind', [
  /** A key stored as a secret; `secret` is the name the steps use (`{{secrets.UON_KEY}}`). */
  z.object({ ...questionBase, kind: z.literal('secret'), secret: z.string().regex(/^[A-Z][A-Z0-9_]*$/).max(64) }),
  /**
   * A URL whose last path segment is a credential (Bitrix24's incoming webhook
   * `https://portal.bitrix24.ru/rest/1/<token>/`): the segment becomes the secret, the rest the answer.
   * A trailing method segment with a dot (`crm.lead.add.json`) is dropped.
   */
  z.object({ ...questionBase, kind: z.literal('secretUrl'), secret: z.string().regex(/^[A-Z][A-Z0-9_]*$/).max(64) }),
  z.object({
    ...questionBase,
    kind: z.literal('choice'),
    options: z.array(z.object({ value: z.string().max(200), label: localTextSchema, help: localTextSchema.optional() })).min(2).max(20),
    default: z.string().max(200),
  }),
  /**
   * A server's address, kept as its origin (`https://agency.envycrm.com`). With `domain`, a bare name
   * (`agency`) gets it appended. A full URL is accepted as typed, so any address works.
   */
  z.object({ ...questionBase, kind: z.literal('address'), default: z.string().max(500).optional(), domain: z.string().max(200).optional() }),
  /** A full http(s) URL, path and query kept. */
  z.object({ ...questionBase, kind: z.literal('url'), default: z.string().max(2000).optional() }),
  /** Free text; `pattern` (anchored, simple) says what is accepted, e.g. a Telegram chat id. */
  z.object({ ...questionBase, kind: z.literal('text'), default: z.string().max(500).optional(), pattern: z.string().max(200).optional() }),
  /** A whole number, such as an id in the destination system. */
  z.object({ ...questionBase, kind: z.literal('number') }),
]);
export type WizardQuestion = z.infer<typeof wizardQuestionSchema>;

/**
 * How answers land in the steps. `action` is a step key, `path` a dotted path inside that step
 * (`settings.url`, `settings.fields`, `name`). Values may use `${question_id}`.
 * - `replace`/`with`: every occurrence in the text leaves under `path`;
 * - `set`: the text at `path`;
 * - `json` + `value`: a key inside the JSON template held at `path`; left out when an answer is empty.
 */
export const wizardFillSchema = z.object({
  when: whenSchema,
  action: z.string().max(64),
  path: z.string().min(1).max(200),
  replace: z.string().min(1).max(500).optional(),
  with: z.string().max(500).optional(),
  set: z.string().max(2000).optional(),
  json: z.string().max(200).optional(),
  value: z.string().max(2000).optional(),
  as: z.enum(['string', 'number']).default('string'),
});
export type WizardFill = z.infer<typeof wizardFillSchema>;

/** The "which source field goes where" table: rows are keys of one JSON template, sources a list to pick from. */
export const wizardMappingSchema = z.object({
  action: z.string().max(64),
  path: z.string().min(1).max(200),
  sourceTitle: localTextSchema,
  targetTitle: localTextSchema,
  rows: z.array(z.object({ json: z.string().min(1).max(200), label: localTextSchema })).min(1).max(50),
  sources: z
    .array(z.object({ value: z.string().max(2000), label: localTextSchema, when: whenSchema }))
    .min(1)
    .max(100),
});
export type WizardMapping = z.infer<typeof wizardMappingSchema>;

export const wizardTestEventSchema = z.object({
  /** The one value the user types (a request number), sent as this query parameter. */
  param: z.object({ name: z.string().max(64), label: conditionalTextSchema, help: conditionalTextSchema, placeholder: z.string().max(100).optional() }).optional(),
  /** Further query parameters of the event, like U-ON's `type_id`. */
  query: z.array(z.object({ name: z.string().max(64), value: z.string().max(500), when: whenSchema })).max(20).default([]),
  /** The step that changes something elsewhere; its request is shown before the user confirms. */
  write: z.string().max(64),
  /** A text inside that request's body shown as the recipient will read it (a Telegram message's `text`). */
  showText: z.string().max(200).optional(),
});
export type WizardTestEvent = z.infer<typeof wizardTestEventSchema>;

export const wizardEntrySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/).max(64),
  title: localTextSchema,
  summary: localTextSchema,
  /** The processing's name when created. */
  name: z.string().min(1).max(200),
  /** Answers given in advance; the questions still show them and can be changed. */
  answers: z.record(z.string(), z.string()).default({}),
});
export type WizardEntry = z.infer<typeof wizardEntrySchema>;

export const templateWizardSchema = z.object({
  /** Gallery entries that open this template, each with answers of its own. */
  entries: z.array(wizardEntrySchema).min(1).max(10),
  /** Who sends the webhook, shown above its set-up steps. */
  sender: localTextSchema,
  questions: z.array(wizardQuestionSchema).max(30),
  fills: z.array(wizardFillSchema).max(50).default([]),
  mapping: wizardMappingSchema.optional(),
  /** Where to paste the webhook URL, step by step; `{url}` stands for it. */
  instructions: z.array(conditionalTextSchema).max(10),
  testEvent: wizardTestEventSchema,
});
export type TemplateWizard = z.infer<typeof templateWizardSchema>;

export const templateFileSchema = processingExportSchema.extend({ wizard: templateWizardSchema });
export type TemplateFile = z.infer<typeof templateFileSchema>;
