import { z } from 'zod';
import { actionBaseShape } from '../action-base';

/**
 * A refused or unreachable mail server (4xx, connection refused, timeout before the message was
 * handed over) is tried again with exponential backoff; a 5xx refusal never is.
 */
export const sendEmailRetrySchema = z.object({
  attempts: z.number().int().min(1).max(20).default(4),
  initialDelayMs: z.number().int().min(0).max(3_600_000).default(5_000),
  maxDelayMs: z.number().int().min(0).max(24 * 3_600_000).default(300_000),
});
export type SendEmailRetry = z.infer<typeof sendEmailRetrySchema>;

export const sendEmailSettingsSchema = z.object({
  /** Template; one or more addresses separated by commas or semicolons. */
  to: z.string().trim().min(1, 'say whom to write to').max(10_000),
  subject: z.string().trim().min(1, 'a letter needs a subject').max(2_000),
  /** Plain text template. */
  body: z.string().max(200_000).default(''),
  /** Template; empty: replies go to SMTP_FROM. */
  replyTo: z.string().max(2_000).default(''),
  retry: sendEmailRetrySchema.prefault({}),
});
export type SendEmailSettings = z.infer<typeof sendEmailSettingsSchema>;

export const sendEmailActionSchema = z.object({
  ...actionBaseShape,
  type: z.literal('send_email'),
  settings: sendEmailSettingsSchema,
});

/** What a sent letter gives later steps and the history. */
export interface SendEmailOutput {
  messageId: string;
  accepted: string[];
  /** The mail server's last answer, e.g. `250 2.0.0 Ok: queued as 4Xb1`. */
  response: string;
}
