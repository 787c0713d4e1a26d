import { actionSchema, webhookSourceSchema, type Action, type WebhookSource } from '@provod/contracts';

/**
 * A processing is stored as the JSON it was saved with, perhaps before a setting existed. Answers
 * carry it as the schema reads it today, defaults filled in, so no client patches old rows: the
 * schema stays the one place defaults live. Something the schema no longer accepts is returned as
 * stored, so the editor can still open it and say what to fix when it is saved.
 */
export function readableActions(actions: readonly unknown[]): Action[] {
  return actions.map((action) => {
    const parsed = actionSchema.safeParse(action);
    return parsed.success ? parsed.data : (action as Action);
  });
}

function readableSource(source: unknown): WebhookSource {
  const parsed = webhookSourceSchema.safeParse(source);
  return parsed.success ? parsed.data : (source as WebhookSource);
}

/** A stored processing (or one of its versions) with its definition as the schema reads it now. */
export function readableDefinition<T extends { source: WebhookSource; actions: readonly Action[] }>(stored: T): T {
  return { ...stored, source: readableSource(stored.source), actions: readableActions(stored.actions) };
}
