import type { HttpRequestSettings, OperationPage, ProcessingView } from '@provod/contracts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../support/flows';
import request from 'supertest';
import { resetState, startApi, type RunningApi } from '../support/platform';
import { agent, signUp, startSession } from '../support/session';
import { UonFlowHarness } from '../support/uon-flow';

/** The canary secret, SSRF defaults, and injection attempts, through the real API and worker. */
describe('secrets never leak', () => {
  const logDir = mkdtempSync(join(tmpdir(), 'provod-logs-'));
  const logFile = join(logDir, 'provod.log');
  const flow = new UonFlowHarness();
  beforeAll(() => flow.start({ LOG_FILE: logFile, LOG_LEVEL: 'trace' }));
  afterAll(() => flow.stop());

  it('finds zero occurrences of a canary key in history, API responses, errors and logs', async () => {
    const canary = 'canary-5e1f0a9b77c24d3e';
    flow.uon.requests.set('61', { ...flow.uon.requests.get('61')!, client_email: 'client@example.com' });
    await flow.reset();
    // U-ON's key sits in the URL path, Envybox's in the query string: both are the canary here.
    flow.uon.apiKey = canary;
    flow.envybox.apiKey = canary;
    await api(flow.session, 'PUT', '/api/secrets/UON_KEY', { value: canary });
    await api(flow.session, 'PUT', '/api/secrets/ENVYBOX_KEY', { value: canary });
    await flow.startWorker({ LOG_FILE: logFile, LOG_LEVEL: 'trace' });

    const ok = await flow.finished((await flow.send('r_id=61')).operationId);
    expect(ok.status).toBe('succeeded');
    expect(flow.envybox.leads).toHaveLength(1);
    // A failure too: its error message and details must not carry the key either.
    const failed = await flow.finished((await flow.send('r_id=999')).operationId);
    expect(failed.status).toBe('failed');

    const responses = [
      JSON.stringify(ok),
      JSON.stringify(failed),
      JSON.stringify((await api<OperationPage>(flow.session, 'GET', `/api/processings/${flow.processing.id}/operations`)).body),
      JSON.stringify((await api<ProcessingView>(flow.session, 'GET', `/api/processings/${flow.processing.id}`)).body),
      JSON.stringify((await api(flow.session, 'GET', `/api/processings/${flow.processing.id}/export`)).body),
      JSON.stringify((await api(flow.session, 'GET', '/api/secrets')).body),
      JSON.stringify((await api(flow.session, 'POST', `/api/processings/${flow.processing.id}/test`, { callWrites: false })).body),
      readFileSync(logFile, 'utf8'),
    ];
    expect(responses[7]!.length).toBeGreaterThan(0);
    for (const text of responses) expect(text).not.toContain(canary);
    expect(JSON.stringify(ok.steps[0]!.input)).toContain('/••••••/request/61.json');
    flow.uon.apiKey = 'uon-test-key-5f1c9a';
    flow.envybox.apiKey = 'envy-test-key-77d2e0';
  });
});

describe('session tokens never reach the log', () => {
  const logFile = join(mkdtempSync(join(tmpdir(), 'provod-logs-')), 'provod.log');
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi({ LOG_FILE: logFile, LOG_LEVEL: 'trace' });
  });
  afterAll(() => sut.close());

  it('logs requests and responses of sign-up, sign-in and signed-in calls without any session or CSRF token', async () => {
    await resetState();
    const owner = await signUp(sut.url, 'owner@example.com');
    const signedIn = await startSession(sut.url, '/api/auth/login', { email: 'owner@example.com', password: 'correct horse battery' });
    await agent(signedIn).get('/api/auth/me').expect(200);
    await agent(signedIn).get('/api/auth/sessions').expect(200);
    await agent(signedIn).post('/api/processings').set('Authorization', `Bearer ${signedIn.csrf}`).send({ name: 'x' }).expect(201);
    await agent(owner).post('/api/auth/logout').expect(204);

    const log = readFileSync(logFile, 'utf8');
    // The log did record these exchanges, headers included: the tokens are what is missing.
    expect(log).toContain('/api/auth/login');
    expect(log).toContain('set-cookie');
    const tokens = [owner, signedIn].flatMap((s) => [s.csrf, s.cookie.match(/provod_session=([^;]+)/)![1]!]);
    expect(tokens.filter((token) => log.includes(token))).toEqual([]);
  });
});

describe('Content-Security-Policy follows PUBLIC_URL', () => {
  it('upgrades insecure requests only when Provod is served over https', async () => {
    const overHttp = await startApi({ PUBLIC_URL: 'http://192.0.2.2:3000' });
    const overHttps = await startApi({ PUBLIC_URL: 'https://provod.example.com' });
    try {
      const plain = (await request(overHttp.url).get('/api/health')).headers['content-security-policy'] as string;
      const secure = (await request(overHttps.url).get('/api/health')).headers['content-security-policy'] as string;
      expect(plain).toContain("script-src 'self'");
      expect(plain).not.toContain('upgrade-insecure-requests');
      expect(secure).toContain('upgrade-insecure-requests');
    } finally {
      await overHttp.close();
      await overHttps.close();
    }
  });
});

describe('outbound requests are safe by default', () => {
  const flow = new UonFlowHarness();
  beforeAll(() => flow.start({ OUTBOUND_ALLOWLIST: '' }));
  afterAll(() => flow.stop());

  it('refuses a request to a loopback address unless the operator allows it', async () => {
    await flow.reset();
    await flow.startWorker({ OUTBOUND_ALLOWLIST: '' });
    const op = await flow.finished((await flow.send('r_id=61')).operationId);
    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({ code: 'blocked_address', step: 'Получить заявку из U-ON' });
    expect(op.error!.message).toMatch(/127\.0\.0\.1.*ask your administrator/);
    expect(flow.uon.calls).toHaveLength(0);
  });

  it('refuses cloud metadata and private addresses in any spelling, in test runs too', async () => {
    await flow.reset();
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://2130706433/', 'http://0x7f000001/', 'http://[::ffff:127.0.0.1]/', 'http://10.0.0.5/']) {
      const actions = flow.processing.actions.slice(0, 1).map((a) => ({ ...a, settings: { ...(a.settings as HttpRequestSettings), url } }));
      const { body } = await api<{ status: string; error: { code: string; message: string } }>(
        flow.session,
        'POST',
        `/api/processings/${flow.processing.id}/test`,
        { actions },
      );
      expect({ url, status: body.status, code: body.error?.code }).toEqual({ url, status: 'failed', code: 'blocked_address' });
    }
  });
});

describe('template and path injection', () => {
  const flow = new UonFlowHarness();
  beforeAll(() => flow.start());
  afterAll(() => flow.stop());

  it('gives nothing for prototype tricks and refuses JSONPath scripts, without side effects', async () => {
    await flow.reset();
    const probe = { id: 'x', key: 'probe', type: 'json_composer', name: 'Probe' } as const;
    const attempts = [
      { ...probe, settings: { template: '{"a":"{{constructor.constructor \\"return process\\"}}"}', dropEmpty: false } },
      { ...probe, settings: { template: '{"a":"{{source.__proto__}}","b":"{{#with source}}{{constructor.name}}{{/with}}"}', dropEmpty: false } },
      {
        id: 'y',
        key: 'parsed',
        type: 'json_parser',
        name: 'Parse',
        settings: { input: '{{event.query}}', fields: [{ name: 'x', path: "$..[?(@.constructor.constructor('return process')().exit())]" }] },
      },
    ];
    for (const action of attempts) {
      const res = await agent(flow.session).post(`/api/processings/${flow.processing.id}/test`).send({
        actions: [action],
        sample: { params: { r_id: '61' }, request: { query: { r_id: '61' } } },
      });
      expect(res.status).toBe(200);
      const step = res.body.steps[0];
      if (step.status === 'succeeded') expect(JSON.stringify(step.output)).not.toMatch(/function|process|\[object/);
      // `source.__proto__` names no parameter the request carried: refused as missing, nothing read.
      else expect(step.error.code).toMatch(/template_error|invalid_template|invalid_path|path|missing_parameter/);
    }
    // The API process is alive and well.
    await agent(flow.session).get('/api/health').expect(200);
  });
});
