import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi } from '../support/platform';
import { UonFlowHarness } from '../support/uon-flow';

/** Scrapes /metrics of the API and of a worker after a real flow, and finds the counters moved. */
const TOKEN = 'metrics-test-token';

async function scrape(url: string, token?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text() };
}

/** The value of one sample, e.g. `provod_webhooks_received_total{result="stored",status="200"}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    if (!Object.entries(labels).every(([k, v]) => rest.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('Prometheus metrics', () => {
  const flow = new UonFlowHarness();

  beforeAll(() => flow.start({ METRICS_TOKEN: TOKEN }));
  afterAll(() => flow.stop());

  it('are off without METRICS_TOKEN and need the token when on', async () => {
    const plain = await startApi();
    try {
      expect((await scrape(`${plain.url}/metrics`)).status).toBe(404);
    } finally {
      await plain.close();
    }
    expect((await scrape(`${flow.platform.url}/metrics`)).status).toBe(401);
    expect((await scrape(`${flow.platform.url}/metrics`, 'wrong')).status).toBe(401);
  });

  it('count webhooks, queue, alerts and process figures in the API, and HTTP calls in the worker', async () => {
    await flow.reset();
    const worker = await flow.startWorker({ METRICS_TOKEN: TOKEN, WORKER_METRICS_PORT: '0', WORKER_METRICS_HOST: '127.0.0.1' });
    await flow.finished((await flow.send('r_id=61')).operationId);
    await flow.finished((await flow.send('r_id=61')).operationId);
    const refused = await fetch(`${flow.platform.url}/hooks/${flow.processing.webhookToken}`, { method: 'PATCH' });
    expect(refused.status).toBe(405);

    const api = await scrape(`${flow.platform.url}/metrics`, TOKEN);
    expect(api.status).toBe(200);
    expect(sample(api.text, 'provod_webhooks_received_total', { result: 'stored', status: '200' })).toBe(2);
    expect(sample(api.text, 'provod_webhooks_received_total', { result: 'refused', status: '405' })).toBe(1);
    expect(sample(api.text, 'provod_queue_jobs', { state: 'waiting' })).toBe(0);
    expect(sample(api.text, 'provod_operations_waiting')).toBe(0);
    expect(sample(api.text, 'provod_alerts', { state: 'pending' })).toBe(0);
    expect(sample(api.text, 'provod_api_process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(api.text).toContain('provod_api_nodejs_eventloop_lag_seconds');

    const { MetricsServer } = await import('../../apps/worker/src/metrics/metrics-server');
    const port = worker.app.get(MetricsServer).port();
    expect(port).toBeGreaterThan(0);
    expect((await scrape(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const w = await scrape(`http://127.0.0.1:${port}/metrics`, TOKEN);
    expect(w.status).toBe(200);
    const uonHost = new URL(flow.uon.url).host;
    const envyboxHost = new URL(flow.envybox.url).host;
    expect(sample(w.text, 'provod_http_calls_total', { host: uonHost, status_class: '2xx' })).toBe(2);
    expect(sample(w.text, 'provod_http_calls_total', { host: envyboxHost, status_class: '2xx' })).toBe(2);
    expect(sample(w.text, 'provod_operations_finished_total', { status: 'succeeded', processing_id: flow.processing.id })).toBe(2);
    expect(sample(w.text, 'provod_step_duration_seconds_count', { action_type: 'http_request', result: 'succeeded' })).toBe(4);
    expect(sample(w.text, 'provod_step_duration_seconds_count', { action_type: 'json_parser', result: 'succeeded' })).toBe(2);
    expect(sample(w.text, 'provod_reconciler_requeued_total')).toBe(0);
    expect(w.text).toContain('provod_worker_process_resident_memory_bytes');

    // Every series the shipped Grafana dashboard queries is one that Provod exports.
    const dashboard = readFileSync(join(__dirname, '../../docs/grafana-dashboard.json'), 'utf8');
    const queried = new Set((dashboard.match(/provod_[a-z0-9_]+/g) ?? []).map((name) => name.replace(/_(bucket|count|sum)$/, '')));
    expect(queried.size).toBeGreaterThan(10);
    for (const name of queried) expect(`${api.text}\n${w.text}`).toMatch(new RegExp(`^(# TYPE )?${name}[_{ ]`, 'm'));
  });
});
