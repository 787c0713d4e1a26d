import { z } from 'zod';

/** An IANA time zone the runtime knows (`Europe/Moscow`, `Asia/Yekaterinburg`, `UTC`). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The language a workspace's alert e-mails are written in and the time zone their times are shown
 * in (the web app follows each person's browser instead).
 */
export const workspaceLocaleSchema = z
  .object({
    language: z.enum(['ru', 'en']),
    timeZone: z.string().min(1).max(64).refine(isKnownTimeZone, 'not a time zone this server knows (e.g. Europe/Moscow)'),
  })
  .strict();
export type WorkspaceLocale = z.infer<typeof workspaceLocaleSchema>;
