import { createContext } from 'react';
import type { TestRunResult } from '@provod/contracts';
import type { TestRunInput } from '../../api/endpoints';

/** How a form asks for a test run of the unsaved processing, and hands the result back to the editor. */
export interface EditorRun {
  processingId: string;
  /** The body of POST /test for running up to (and including) a step, with the unsaved edits and the chosen sample. */
  input: (upToActionId?: string) => TestRunInput;
  /** Results feed the field picker and the step panels. */
  onResult: (result: TestRunResult) => void;
}

export const EditorRunContext = createContext<EditorRun | null>(null);
