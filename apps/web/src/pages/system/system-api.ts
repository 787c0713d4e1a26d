import { request } from '../../api/client';

/** GET /api/system (owners only; see docs/api.md). */
export interface SystemOverview {
  workers: Array<{ id: string; pid: number | null; startedAt: string | null; lastBeatAt: string | null; expiresInMs: number }>;
  queue: Record<string, number>;
  backlog: { waiting: number; oldestWaitingSeconds: number | null };
  database: { sizeBytes: number };
  givenUp: Array<{ id: string; processingId: string; processingName: string; receivedAt: string; finishedAt: string | null; attempts: number; reason: string }>;
  mail: { configured: boolean; pending: number; lastSentAt: string | null; lastError: { at: string; message: string } | null };
  /** This workspace's processings and the hosts its steps call, where events are in flight or wait for a slot. */
  capacity?: Array<{ kind: 'processing' | 'host'; name: string; processingId?: string; inFlight: number; waiting: number; limit: number }>;
}

export const systemKey = ['system'] as const;

export const systemApi = {
  overview: () => request<SystemOverview>('GET', '/api/system'),
  retry: (operationId: string) => request<{ id: string; status: 'queued' }>('POST', `/api/system/operations/${encodeURIComponent(operationId)}/retry`),
};
