import type { RequeuedOperation, SystemOverview } from '@provod/contracts';
import { request } from '../../api/client';

export const systemKey = ['system'] as const;

export const systemApi = {
  overview: () => request<SystemOverview>('GET', '/api/system'),
  retry: (operationId: string) => request<RequeuedOperation>('POST', `/api/system/operations/${encodeURIComponent(operationId)}/retry`),
};
