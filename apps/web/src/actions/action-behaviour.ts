import type { ActionOf, ActionType, StepResult } from '@provod/contracts';
import type { TFunction } from 'i18next';

/**
 * What the web app does differently for each action type, apart from its form and icon
 * (`pages/editor/action-types.tsx`) and what the contracts' descriptor says (schema and defaults,
 * effect, card summary). Nothing here renders, so the field picker, the history and the draft
 * helpers read it without importing the forms.
 */
export interface ActionBehaviour<T extends ActionType> {
  /** A new step's key: `request`, then `request_2`… */
  keyBase: string;
  /**
   * What a new step is given before the schema fills in its defaults: the settings without a default,
   * '' where the user has to write. `previous` references the main value of the step it follows, if any.
   */
  start: (previous: string | undefined) => Record<string, unknown>;
  /** The reference a step after this one reads it by, e.g. an HTTP step's answer body. */
  mainValue: (key: string) => string;
  /** What the step gives later steps before it was ever tested; the field picker offers these. */
  knownOutputs: (action: ActionOf<T>) => string[];
  /**
   * The shape the step's output was written in (a composer's template, a parser's fields), so the
   * history shows keys in the user's order rather than PostgreSQL's; undefined when there is none.
   */
  outputShape: (action: ActionOf<T>) => unknown;
  /** The same for its recorded input; `outputShapeOf` gives the output shape of the step with that key. */
  inputShape: (action: ActionOf<T>, outputShapeOf: (key: string) => unknown) => unknown;
  /** The step's result in a sentence or three a non-developer reads, above its raw JSON. */
  resultLines: (step: StepResult, t: TFunction, lang: string) => string[];
}

export const wholeValue = (key: string): string => `{{${key}}}`;
