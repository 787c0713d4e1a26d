import type {
  Action,
  AuthSetup,
  ChartRange,
  CreateProcessingInput,
  EventCount,
  Invite,
  Me,
  Member,
  OperationDetail,
  OperationPage,
  OperationStatus,
  PatchProcessingInput,
  ProcessingChart,
  ProcessingExport,
  ProcessingStats,
  ProcessingView,
  RawRequest,
  ReadinessReport,
  ReplaceProcessingInput,
  ReplayedOperation,
  ReplayFrom,
  ReplayVersion,
  RestoredProcessing,
  SavedProcessing,
  SecretInfo,
  TestAlertSent,
  TestRunResult,
  VersionDetail,
  VersionList,
  WebhookSource,
  WorkspaceRole,
} from '@provod/contracts';
import { request } from './client';

// What the server answers is typed in @provod/contracts, where the API's handlers take it from;
// only what the web app sends is declared here.

export interface Sample {
  params?: Record<string, unknown>;
  /** The server fills in what is left out (a GET with no headers and no body). */
  request?: Partial<RawRequest>;
}

export interface TestRunInput {
  actions?: Action[];
  source?: WebhookSource;
  sample?: Sample;
  operationId?: string;
  upToActionId?: string;
  callWrites?: boolean;
}

export interface OperationFilters {
  status?: OperationStatus[];
  from?: string;
  to?: string;
  param?: string;
  value?: string;
}

const enc = encodeURIComponent;
const p = (id: string) => `/api/processings/${enc(id)}`;

export const api = {
  // Session and workspaces
  setup: () => request<AuthSetup>('GET', '/api/auth/setup', undefined, { quiet401: true }),
  signup: (input: { email: string; password: string; name?: string; inviteToken?: string }) =>
    request<Me>('POST', '/api/auth/signup', input, { quiet401: true }),
  login: (input: { email: string; password: string }) => request<Me>('POST', '/api/auth/login', input, { quiet401: true }),
  acceptInvite: (token: string) => request<Me>('POST', '/api/auth/accept-invite', { token }),
  logout: () => request<void>('POST', '/api/auth/logout', undefined, { quiet401: true }),
  me: () => request<Me>('GET', '/api/auth/me', undefined, { quiet401: true }),
  createWorkspace: (name: string) => request<Me>('POST', '/api/workspaces', { name }),
  switchWorkspace: (id: string) => request<Me>('POST', `/api/workspaces/${enc(id)}/switch`),
  members: () => request<Member[]>('GET', '/api/workspaces/current/members'),
  removeMember: (userId: string) => request<void>('DELETE', `/api/workspaces/current/members/${enc(userId)}`),
  invite: (email: string, role: WorkspaceRole = 'editor') => request<Invite>('POST', '/api/workspaces/current/invites', { email, role }),
  setRole: (userId: string, role: WorkspaceRole) => request<Member>('PUT', `/api/workspaces/current/members/${enc(userId)}/role`, { role }),

  // Processings
  processings: () => request<ProcessingView[]>('GET', '/api/processings'),
  stats: () => request<ProcessingStats[]>('GET', '/api/processings/stats'),
  processing: (id: string) => request<ProcessingView>('GET', p(id)),
  createProcessing: (input: Partial<CreateProcessingInput> & { name: string }) =>
    request<SavedProcessing>('POST', '/api/processings', input),
  updateProcessing: (id: string, input: ReplaceProcessingInput) => request<SavedProcessing>('PUT', p(id), input),
  patchProcessing: (id: string, input: PatchProcessingInput) => request<SavedProcessing>('PATCH', p(id), input),
  readiness: (id: string) => request<ReadinessReport>('GET', `${p(id)}/readiness`),
  deleteProcessing: (id: string) => request<void>('DELETE', p(id)),
  start: (id: string) => request<ProcessingView>('POST', `${p(id)}/start`),
  stop: (id: string) => request<ProcessingView>('POST', `${p(id)}/stop`),
  duplicate: (id: string) => request<SavedProcessing>('POST', `${p(id)}/duplicate`),
  regenerateToken: (id: string) => request<ProcessingView>('POST', `${p(id)}/regenerate-token`),
  exportProcessing: (id: string) => request<ProcessingExport>('GET', `${p(id)}/export`),
  importProcessing: (document: unknown) => request<SavedProcessing>('POST', '/api/processings/import', document),
  chart: (id: string, range: ChartRange) =>
    request<ProcessingChart>('GET', `${p(id)}/chart?range=${enc(range)}`),
  setAlerts: (id: string, recipients: string[]) => request<ProcessingView>('PUT', `${p(id)}/alerts`, { recipients }),
  held: (id: string) => request<EventCount>('GET', `${p(id)}/held`),
  processHeld: (id: string) => request<EventCount>('POST', `${p(id)}/held/process`),
  discardHeld: (id: string) => request<EventCount>('POST', `${p(id)}/held/discard`),
  versions: (id: string) => request<VersionList>('GET', `${p(id)}/versions?limit=200`),
  version: (id: string, version: number) => request<VersionDetail>('GET', `${p(id)}/versions/${version}`),
  restoreVersion: (id: string, version: number) =>
    request<RestoredProcessing>('POST', `${p(id)}/versions/${version}/restore`),
  test: (id: string, input: TestRunInput) => request<TestRunResult>('POST', `${p(id)}/test`, input),

  // Operations
  operations(processingId: string, filters: OperationFilters & { cursor?: string; limit?: number }, signal?: AbortSignal) {
    const query = new URLSearchParams({ limit: String(filters.limit ?? 50) });
    for (const status of filters.status ?? []) query.append('status', status);
    if (filters.from) query.set('from', filters.from);
    if (filters.to) query.set('to', filters.to);
    if (filters.param && filters.value) {
      query.set('param', filters.param);
      query.set('value', filters.value);
    }
    if (filters.cursor) query.set('cursor', filters.cursor);
    return request<OperationPage>('GET', `${p(processingId)}/operations?${query}`, undefined, { signal });
  },
  operation: (id: string) => request<OperationDetail>('GET', `/api/operations/${enc(id)}`),
  replay: (id: string, from: ReplayFrom, version: ReplayVersion) =>
    request<ReplayedOperation>('POST', `/api/operations/${enc(id)}/replay`, { from, version }),
  replayFailed: (processingId: string, input: { from: ReplayFrom; version: ReplayVersion; receivedFrom?: string; receivedTo?: string }) =>
    request<EventCount>('POST', `${p(processingId)}/replay`, input),

  // Secrets and alerts
  secrets: () => request<SecretInfo[]>('GET', '/api/secrets'),
  putSecret: (name: string, value: string) => request<SecretInfo>('PUT', `/api/secrets/${enc(name)}`, { value }),
  deleteSecret: (name: string) => request<void>('DELETE', `/api/secrets/${enc(name)}`),
  testAlert: (to?: string) => request<TestAlertSent>('POST', '/api/alerts/test', to ? { to } : {}),
};

export function webhookUrl(token: string): string {
  return `${location.origin}/hooks/${token}`;
}

/** Query keys in one place, so a mutation invalidates exactly what it changed. */
export const keys = {
  me: ['me'] as const,
  setup: ['auth-setup'] as const,
  processings: ['processings'] as const,
  stats: ['processings', 'stats'] as const,
  processing: (id: string) => ['processing', id] as const,
  chart: (id: string, range: ChartRange) => ['processing', id, 'chart', range] as const,
  held: (id: string) => ['processing', id, 'held'] as const,
  operations: (id: string) => ['processing', id, 'operations'] as const,
  operation: (id: string) => ['operation', id] as const,
  secrets: ['secrets'] as const,
  members: ['members'] as const,
  versions: (id: string) => ['processing', id, 'versions'] as const,
};
