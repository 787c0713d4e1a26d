import { createExecutorRegistry } from '@provod/actions';
import type { OperationsRepository, SecretsRepository } from '@provod/data';
import type { HttpPort, HttpRequestSpec, MailMessage, MailPort } from '@provod/engine';
import { requestContext } from '../common/workspace';
import type { ProcessingsService } from '../processings/processings.service';
import { TestRunsService } from './test-runs.service';

const processing = {
  source: { type: 'webhook', methods: ['POST'], parameters: [{ name: 'r_id' }], dedup: null },
  actions: [
    {
      id: 'a1',
      key: 'lead',
      type: 'http_request',
      name: 'Create the lead',
      settings: { method: 'POST', url: 'https://crm.example/leads', body: { mode: 'json', template: '{"id": "{{source.r_id}}", "key": "{{secrets.CRM_KEY}}"}' } },
    },
    { id: 'a2', key: 'note', type: 'send_email', name: 'Tell the manager', settings: { to: 'manager@example.com', subject: 'Lead {{source.r_id}}', body: 'New lead' } },
  ],
};

/** Ports that record what would have left the process; they fail the test on anything unexpected. */
function ports() {
  const requests: HttpRequestSpec[] = [];
  const letters: MailMessage[] = [];
  const http: HttpPort = {
    send: async (request) => {
      requests.push(request);
      return { status: 201, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"ok":true}') };
    },
  };
  const mail: MailPort = {
    send: async (message) => {
      letters.push(message);
      return { messageId: message.messageId, accepted: message.to, rejected: [], response: '250 OK' };
    },
  };
  const sut = new TestRunsService(
    { get: async () => processing } as unknown as ProcessingsService,
    {} as OperationsRepository,
    { values: async () => ({ CRM_KEY: 'secret-key-123' }) } as unknown as SecretsRepository,
    createExecutorRegistry(),
    http,
    mail,
  );
  return { sut, requests, letters };
}

const asMember = <T>(work: () => Promise<T>) => requestContext.run({ userId: 'u1', workspaceId: 'w1', role: 'editor' }, work);
const sample = { params: { r_id: '61' } };

describe('TestRunsService', () => {
  it('describes the writes without sending them unless the user agreed, and masks the secrets it shows', async () => {
    const { sut, requests, letters } = ports();
    const result = await asMember(() => sut.run('p1', { sample, callWrites: false }));
    expect(result.status).toBe('succeeded');
    expect(result.steps.map((s) => s.status)).toEqual(['skipped', 'skipped']);
    expect(requests).toEqual([]);
    expect(letters).toEqual([]);
    expect(JSON.stringify(result)).not.toContain('secret-key-123');
  });

  it('sends through the ports it was given once the user agreed', async () => {
    const { sut, requests, letters } = ports();
    const result = await asMember(() => sut.run('p1', { sample, callWrites: true }));
    expect(result.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    expect(requests.map((r) => [r.method, r.url, String(r.body)])).toEqual([['POST', 'https://crm.example/leads', '{"id":"61","key":"secret-key-123"}']]);
    expect(letters.map((l) => [l.to, l.subject])).toEqual([[['manager@example.com'], 'Lead 61']]);
  });
});
