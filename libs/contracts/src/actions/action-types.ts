import { z } from 'zod';
import type { Lang } from '../errors/error-text';
import type { ActionEffect, InterruptedWrite, StepRetrySettings } from './action-descriptor';
import { filterDescriptor } from './filter/filter.descriptor';
import { httpRequestDescriptor } from './http-request/http-request.descriptor';
import { jsonComposerDescriptor } from './json-composer/json-composer.descriptor';
import { jsonParserDescriptor } from './json-parser/json-parser.descriptor';
import { sendEmailDescriptor } from './send-email/send-email.descriptor';

/**
 * Every action type, one line each. The action union, the list of types, the error catalogues and
 * the per-type rules below are derived from this list; libs/actions adds each type's executor.
 */
export const ACTION_DESCRIPTORS = [
  httpRequestDescriptor,
  jsonParserDescriptor,
  jsonComposerDescriptor,
  filterDescriptor,
  sendEmailDescriptor,
] as const;

type Descriptors = typeof ACTION_DESCRIPTORS;
type SchemasOf<D extends readonly { schema: unknown }[]> = { -readonly [K in keyof D]: D[K]['schema'] };

export const actionSchema = z.discriminatedUnion('type', ACTION_DESCRIPTORS.map((d) => d.schema) as unknown as SchemasOf<Descriptors>);
export type Action = z.infer<typeof actionSchema>;
export type ActionType = Action['type'];
export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;
export const ACTION_TYPES: ActionType[] = ACTION_DESCRIPTORS.map((d) => d.type);

/** The descriptor of one type, with its own schema, settings and error codes. */
export type DescriptorOf<T extends ActionType> = Extract<Descriptors[number], { type: T }>;

const BY_TYPE = Object.fromEntries(ACTION_DESCRIPTORS.map((d) => [d.type, d])) as { [T in ActionType]: DescriptorOf<T> };

export function descriptorOf<T extends ActionType>(type: T): DescriptorOf<T> {
  return BY_TYPE[type];
}

/** The descriptor as a function of any action: the union is checked when it is built, so one cast serves every rule. */
interface AnyDescriptor {
  effect: ActionEffect | ((action: Action) => ActionEffect);
  retry: (action: Action) => StepRetrySettings | null;
  summary: (action: Action, lang: Lang) => string;
}

function anyDescriptor(action: Action): AnyDescriptor {
  return BY_TYPE[action.type] as unknown as AnyDescriptor;
}

export function effectOf(action: Action): ActionEffect {
  const { effect } = anyDescriptor(action);
  return typeof effect === 'function' ? effect(action) : effect;
}

export function retrySettingsOf(action: Action): StepRetrySettings | null {
  return anyDescriptor(action).retry(action);
}

export function onInterruption(type: ActionType): InterruptedWrite {
  return BY_TYPE[type].onInterruption;
}

/** One line describing the step's settings, in the reader's language. */
export function summaryOf(action: Action, lang: Lang): string {
  return anyDescriptor(action).summary(action, lang);
}
