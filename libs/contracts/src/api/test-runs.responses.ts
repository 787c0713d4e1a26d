import type { RawRequest, StepError, StepResult } from '../operation';

/** The part of a request a test run works on: what it was given, or what a recorded event carried. */
export type SampleRequest = Pick<RawRequest, 'method' | 'query' | 'headers' | 'body'>;

/** POST /api/processings/:id/test: the steps run on the sample, nothing recorded. */
export interface TestRunResult {
  /** `filtered`: a filter step's conditions did not hold, so the steps after it did not run. */
  status: 'succeeded' | 'failed' | 'filtered';
  steps: StepResult[];
  error: (StepError & { step: string }) | null;
  sample: { params: Record<string, unknown>; request: SampleRequest };
}
