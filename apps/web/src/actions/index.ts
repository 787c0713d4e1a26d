import { ACTION_TYPES, actionSchema, effectOf, type Action, type ActionType, type StepResult } from '@provod/contracts';
import type { TFunction } from 'i18next';
import type { ActionBehaviour } from './action-behaviour';
import { filterBehaviour } from './filter.behaviour';
import { httpRequestBehaviour } from './http-request.behaviour';
import { jsonComposerBehaviour } from './json-composer.behaviour';
import { jsonParserBehaviour } from './json-parser.behaviour';
import { withSchemaDefaults } from './schema-defaults';
import { sendEmailBehaviour } from './send-email.behaviour';

export type { ActionBehaviour } from './action-behaviour';
export { newFilterCondition } from './filter.behaviour';
export { withSchemaDefaults } from './schema-defaults';

/**
 * One entry per action type the contracts register: the compiler refuses a type without one. The
 * form and icon are in `pages/editor/action-types.tsx`; the effect and card summary come from the
 * contracts' descriptor (`effectOf`, `summaryOf`); what else differs by type in the web app is here.
 */
export const ACTION_BEHAVIOUR: { [T in ActionType]: ActionBehaviour<T> } = {
  http_request: httpRequestBehaviour,
  json_parser: jsonParserBehaviour,
  json_composer: jsonComposerBehaviour,
  filter: filterBehaviour,
  send_email: sendEmailBehaviour,
};

/** The entry for an action whose type is only known at run time. */
export function behaviourOf(action: Action): ActionBehaviour<ActionType> {
  return ACTION_BEHAVIOUR[action.type] as unknown as ActionBehaviour<ActionType>;
}

function isActionType(type: string): type is ActionType {
  return (ACTION_TYPES as readonly string[]).includes(type);
}

/** A new step of `type` after `previous`: the schema's defaults, with what the user must write left empty. */
export function newActionOf(type: ActionType, base: { id: string; key: string; name: string }, previous: Action | undefined): Action {
  const start = ACTION_BEHAVIOUR[type].start(previous ? behaviourOf(previous).mainValue(previous.key) : undefined);
  return withSchemaDefaults(actionSchema, { ...base, type, settings: start });
}

/**
 * Changes something elsewhere, by the contracts' `effect`: a test run describes it instead of sending
 * it unless the user agrees, and the editor says so.
 */
export function isWrite(action: Action): boolean {
  return effectOf(action) === 'writes';
}

/** What a step not yet tested gives later steps, offered by the field picker without sample values. */
export function knownOutputsOf(action: Action): string[] {
  return behaviourOf(action).knownOutputs(action);
}

/** A recorded step in words; a type this app does not know (a newer server) gets none. */
export function resultLinesOf(step: StepResult, t: TFunction, lang: string): string[] {
  return isActionType(step.type) ? ACTION_BEHAVIOUR[step.type].resultLines(step, t, lang) : [];
}

/**
 * The shapes a step's output and input were written in, so the history shows keys in the user's
 * order; references to other steps (a body that is just `{{lead}}`) take the shape of that step's output.
 */
export function recordedShapesOf(action: Action | undefined, actions: readonly Action[]): { output?: unknown; input?: unknown } {
  if (!action) return {};
  const outputShapeOf = (key: string) => {
    const other = actions.find((candidate) => candidate.key === key);
    return other ? behaviourOf(other).outputShape(other) : undefined;
  };
  return { output: behaviourOf(action).outputShape(action), input: behaviourOf(action).inputShape(action, outputShapeOf) };
}
