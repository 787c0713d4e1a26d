import { ACTION_DESCRIPTORS, type ActionType, type DescriptorOf } from '../actions/action-types';
import type { EngineErrorCode } from './engine.errors';
import type { ErrorEntry } from './error-text';

/** Each action type's own error catalogue, taken from its descriptor. */
export const ACTION_ERRORS = Object.fromEntries(ACTION_DESCRIPTORS.map((d) => [d.type, d.errors])) as Record<
  ActionType,
  Readonly<Record<string, ErrorEntry>>
>;

/** The codes one action type's executor fails with, derived from its catalogue. */
export type ActionErrorCode<T extends ActionType = ActionType> = T extends ActionType ? keyof DescriptorOf<T>['errors'] & string : never;

/**
 * Every code a step can fail with now: the engine's and each action type's. A `StepFailure` carries
 * one of these, so a code without Russian and English text does not compile. Recorded history keeps
 * plain strings (`StepError.code`): it may hold codes from before a split, such as `invalid_json`.
 */
export type StepErrorCode = EngineErrorCode | ActionErrorCode;
