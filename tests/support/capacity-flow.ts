import type { ProcessingView } from '@provod/contracts';
import { api } from './flows';
import type { RecordingDestination } from './recording-destination';
import type { Session } from './session';

/** A started processing with one webhook parameter `n` and one POST to `destination` carrying it. */
export async function processingTo(session: Session, name: string, destination: RecordingDestination, concurrency?: number): Promise<ProcessingView> {
  const created = await api<ProcessingView>(session, 'POST', '/api/processings', {
    name,
    source: { type: 'webhook', methods: ['GET'], parameters: [{ name: 'n' }], dedup: null, ...(concurrency ? { concurrency } : {}) },
    actions: [
      {
        id: 'a-send',
        key: 'send',
        name: 'Send',
        type: 'http_request',
        settings: { method: 'POST', url: `${destination.url}/lead`, query: [{ name: 'n', value: '{{source.n}}' }], body: { mode: 'none' } },
      },
    ],
  });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
  const started = await api<ProcessingView>(session, 'POST', `/api/processings/${created.body.id}/start`);
  if (started.status !== 201 && started.status !== 200) throw new Error(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
  return started.body;
}

/** Sends event `n` to the processing's webhook. */
export async function sendEvent(apiUrl: string, processing: ProcessingView, n: number): Promise<void> {
  const res = await fetch(`${apiUrl}/hooks/${processing.webhookToken}?n=${n}`);
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
}
