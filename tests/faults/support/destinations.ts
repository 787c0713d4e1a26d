import type { ProcessingExport } from '@provod/contracts';
import { FakeEnvybox } from '../../support/fake-envybox';
import { uonToEnvybox } from '../../support/flows';
import type { FaultStack } from './fault-stack';

/** A fake Envybox on its own loopback address (a destination host of its own) and its own port. */
export function envyboxAt(host = '127.0.0.1'): Promise<FakeEnvybox> {
  return new FakeEnvybox().start(host);
}

/** The shipped U-ON → Envybox template, started, sending its leads to `envybox`. */
export async function uonToEnvyboxProcessing(stack: FaultStack, envybox: FakeEnvybox, customise: (flow: ProcessingExport) => void = () => undefined) {
  const flow = uonToEnvybox(stack.uon.url, envybox.url);
  customise(flow);
  return stack.processing(flow, envybox.apiKey);
}

/** Keys of the events whose operations are running right now: after a kill -9, those may repeat. */
export async function runningKeys(stack: FaultStack, processingId: string): Promise<string[]> {
  const rows = await stack.sql<{ key: string }>(`SELECT params->>'r_id' AS key FROM operation WHERE status = 'running' AND processing_id = $1`, [processingId]);
  return rows.map((r) => r.key);
}
