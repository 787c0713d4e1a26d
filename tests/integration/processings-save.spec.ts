import type { ProcessingView, ReadinessProblem, ReadinessReport } from '@provod/contracts';
import { createDataSource } from '@provod/data';
import { StopEmptyProcessings1764300000032 } from '../../migrations/1764300000032-StopEmptyProcessings';
import { resetState, sql, startApi, testConfig, type RunningApi } from '../support/platform';
import { agent, signUp, type Session } from '../support/session';

/** PUT, PATCH and start never destroy or run what is not there: each top-level field, one by one. */
describe('saving and starting a processing', () => {
  let sut: RunningApi;
  let session: Session;
  const http = () => agent(session);

  beforeAll(async () => {
    sut = await startApi();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState();
    session = await signUp(sut.url);
  });

  const fetchStep = {
    id: 'a1',
    key: 'fetch_request',
    type: 'http_request',
    name: 'Получить заявку',
    settings: { method: 'GET', url: 'https://api.u-on.ru/{{secrets.UON_KEY}}/request/{{source.r_id}}.json' },
  };
  const composeStep = {
    id: 'a2',
    key: 'lead',
    type: 'json_composer',
    name: 'Собрать лид',
    settings: { template: '{"id": "{{fetch_request.body.request.[0].id}}"}' },
  };
  const definition = {
    name: 'U-ON',
    source: {
      type: 'webhook',
      methods: ['GET'],
      parameters: [{ name: 'r_id', keys: ['r_id', 'request_id'] }],
      dedup: { key: '{{source.r_id}}', windowSeconds: 600 },
    },
    actions: [fetchStep, composeStep],
  };

  const created = async (): Promise<ProcessingView> => {
    await http().put('/api/secrets/UON_KEY').send({ value: 'k' }).expect(200);
    return (await http().post('/api/processings').send(definition).expect(201)).body as ProcessingView;
  };
  const stored = async (id: string) => (await http().get(`/api/processings/${id}`).expect(200)).body as ProcessingView;
  const unchanged = (p: ProcessingView) => ({ name: p.name, source: p.source, actions: p.actions });

  it('PATCH with the name alone keeps the source and every action, running or not', async () => {
    const p = await created();
    await http().post(`/api/processings/${p.id}/start`).expect(200);
    await http().put(`/api/processings/${p.id}/alerts`).send({ recipients: ['ops@provod.test'] }).expect(200);
    const res = await http().patch(`/api/processings/${p.id}`).send({ name: 'renamed' }).expect(200);
    expect(res.body).toMatchObject({ name: 'renamed', status: 'running', version: 2, source: p.source, actions: p.actions, warnings: [] });
    expect(unchanged(await stored(p.id))).toEqual({ ...unchanged(p), name: 'renamed' });
    // Nor does it touch what is not part of the definition.
    expect(await stored(p.id)).toMatchObject({ webhookToken: p.webhookToken, alertRecipients: ['ops@provod.test'], status: 'running' });
    await http().patch(`/api/processings/${p.id}`).send({ status: 'stopped' }).expect(400);
    await http().patch(`/api/processings/${p.id}`).send({ webhookToken: 'mine' }).expect(400);
  });

  it('PATCH with actions alone keeps the name and the source', async () => {
    const p = await created();
    const res = await http().patch(`/api/processings/${p.id}`).send({ actions: [fetchStep] }).expect(200);
    expect(unchanged(res.body)).toEqual({ name: p.name, source: p.source, actions: [p.actions[0]] });
  });

  it('PATCH with part of the source changes only those source fields', async () => {
    const p = await created();
    const res = await http().patch(`/api/processings/${p.id}`).send({ source: { methods: ['POST'] } }).expect(200);
    expect(unchanged(res.body)).toEqual({ ...unchanged(p), source: { ...p.source, methods: ['POST'] } });
    const noDedup = await http().patch(`/api/processings/${p.id}`).send({ source: { dedup: null } }).expect(200);
    expect(noDedup.body.source).toEqual({ ...p.source, methods: ['POST'], dedup: null });
  });

  it('PATCH refuses unknown fields and an empty body, and changes nothing', async () => {
    const p = await created();
    const unknown = await http().patch(`/api/processings/${p.id}`).send({ nmae: 'typo' }).expect(400);
    expect(unknown.body.message).toContain('nmae');
    await http().patch(`/api/processings/${p.id}`).send({ source: { parametres: [] } }).expect(400);
    await http().patch(`/api/processings/${p.id}`).send({}).expect(400);
    expect(await stored(p.id)).toMatchObject({ ...unchanged(p), version: 1 });
  });

  it.each(['name', 'source', 'actions'])('PUT without %s is a 400 naming it, and nothing changes', async (field) => {
    const p = await created();
    const body: Record<string, unknown> = { ...definition, name: 'replaced' };
    delete body[field];
    const res = await http().put(`/api/processings/${p.id}`).send(body).expect(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(await stored(p.id)).toMatchObject({ ...unchanged(p), version: 1 });
  });

  it('PUT with a whole definition replaces it, the source included', async () => {
    const p = await created();
    const source = { type: 'webhook', methods: ['POST'], parameters: [{ name: 'r_id' }], dedup: null };
    const res = await http().put(`/api/processings/${p.id}`).send({ name: 'new', source, actions: [fetchStep] }).expect(200);
    expect(unchanged(res.body)).toEqual({ name: 'new', source, actions: [p.actions[0]] });
    expect(res.body.version).toBe(2);
  });

  it('refuses to leave a running processing without actions; a stopped one may be emptied', async () => {
    const p = await created();
    await http().post(`/api/processings/${p.id}/start`).expect(200);
    const refused = await http().patch(`/api/processings/${p.id}`).send({ actions: [] }).expect(400);
    expect(refused.body.message).toContain('stop it first');
    await http().put(`/api/processings/${p.id}`).send({ ...definition, actions: [] }).expect(400);
    expect(await stored(p.id)).toMatchObject({ actions: p.actions, version: 1, status: 'running' });

    await http().post(`/api/processings/${p.id}/stop`).expect(200);
    expect((await http().patch(`/api/processings/${p.id}`).send({ actions: [] }).expect(200)).body.actions).toEqual([]);
    const start = await http().post(`/api/processings/${p.id}/start`).expect(400);
    expect(start.body.problems.map((x: ReadinessProblem) => x.code)).toEqual(['no_actions']);
    expect((await stored(p.id)).status).toBe('stopped');
  });

  it('refuses to start what cannot work, listing each problem by step and field in Russian and English', async () => {
    const copy = {
      ...definition,
      actions: [
        { ...fetchStep, settings: { ...fetchStep.settings, url: 'https://ACCOUNT.envycrm.com/{{secrets.ENVYBOX_KEY}}/{{source.request}}' } },
        { ...composeStep, settings: { template: '{"id": "{{fetch.body.id}}"}' } },
      ],
    };
    const res = await http().post('/api/processings').send(copy).expect(201);
    const p = res.body as ProcessingView & { warnings: ReadinessProblem[] };
    // Saving works and says what is wrong; starting is refused with the same list.
    const expected = [
      { code: 'missing_secret', step: 'fetch_request', field: 'settings.url', path: 'actions.0.settings.url' },
      { code: 'unknown_parameter', step: 'fetch_request', field: 'settings.url', path: 'actions.0.settings.url' },
      { code: 'placeholder_host', step: 'fetch_request', field: 'settings.url', path: 'actions.0.settings.url' },
      { code: 'unknown_step', step: 'lead', field: 'settings.template', path: 'actions.1.settings.template' },
    ];
    expect(p.warnings).toMatchObject(expected);
    const start = await http().post(`/api/processings/${p.id}/start`).expect(400);
    expect(start.body.problems).toMatchObject(expected);
    expect(start.body.problems[0].message).toEqual({
      ru: 'Секрета ENVYBOX_KEY нет. Создайте его в разделе «Секреты» или исправьте имя.',
      en: 'There is no secret ENVYBOX_KEY. Create it under Secrets or correct the name.',
    });
    expect(start.body.problems[2].message.ru).toContain('ACCOUNT.envycrm.com');
    expect((await stored(p.id)).status).toBe('stopped');

    const report = (await http().get(`/api/processings/${p.id}/readiness`).expect(200)).body as ReadinessReport;
    expect(report).toMatchObject({ ready: false, problems: expected });

    await http().put('/api/secrets/ENVYBOX_KEY').send({ value: 'e' }).expect(200);
    await http().put('/api/secrets/UON_KEY').send({ value: 'k' }).expect(200);
    const fixed = await http()
      .patch(`/api/processings/${p.id}`)
      .send({ actions: definition.actions, source: { parameters: [{ name: 'r_id' }, { name: 'request' }] } })
      .expect(200);
    expect(fixed.body.warnings).toEqual([]);
    expect((await http().get(`/api/processings/${p.id}/readiness`).expect(200)).body).toEqual({ ready: true, problems: [] });
    expect((await http().post(`/api/processings/${p.id}/start`).expect(200)).body.status).toBe('running');
  });

  it('never saves invalid JSON: the answer names the step and the field, on create, PUT and PATCH', async () => {
    const p = await created();
    const broken = { ...composeStep, settings: { template: '{{lead}}{ }' } };
    for (const res of [
      await http().post('/api/processings').send({ ...definition, actions: [fetchStep, broken] }),
      await http().put(`/api/processings/${p.id}`).send({ ...definition, actions: [fetchStep, broken] }),
      await http().patch(`/api/processings/${p.id}`).send({ actions: [fetchStep, broken] }),
      await http()
        .patch(`/api/processings/${p.id}`)
        .send({ actions: [{ ...fetchStep, settings: { ...fetchStep.settings, method: 'POST', body: { mode: 'json', template: "{'a': 1}" } } }] }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.problems).toHaveLength(1);
      expect(res.body.problems[0]).toMatchObject({ code: 'invalid_json', message: { ru: expect.stringContaining('Это не JSON') } });
      expect(res.body.message).toMatch(/step "(Собрать лид|Получить заявку)" settings\.(template|body\.template)/);
    }
    expect(await stored(p.id)).toMatchObject({ ...unchanged(p), version: 1 });
    expect(await sql('SELECT 1 FROM processing')).toHaveLength(1);
  });

  it('refuses an empty composer with a sentence that says so', async () => {
    const p = await created();
    const res = await http().patch(`/api/processings/${p.id}`).send({ actions: [fetchStep, { ...composeStep, settings: { template: '  ' } }] }).expect(400);
    expect(res.body.issues).toEqual([{ path: 'actions.1.settings.template', message: 'the composer is empty: insert a field or write a JSON document' }]);
  });

  it('the upgrade stops processings left running without actions, so their events are held rather than "succeed" doing nothing', async () => {
    const p = await created();
    await http().post(`/api/processings/${p.id}/start`).expect(200);
    const emptied = (await http().post('/api/processings').send({ name: 'emptied' }).expect(201)).body as ProcessingView;
    // As a partial PUT of an earlier version left it.
    await sql(`UPDATE processing SET status = 'running' WHERE id = $1`, [emptied.id]);
    const db = await createDataSource(testConfig().DATABASE_URL, 1).initialize();
    try {
      await new StopEmptyProcessings1764300000032().up(db.createQueryRunner());
    } finally {
      await db.destroy();
    }
    expect((await stored(emptied.id)).status).toBe('stopped');
    expect((await stored(p.id)).status).toBe('running');
  });
});
