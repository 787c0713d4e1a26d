import type { OperationDetail, ProcessingExport, ProcessingView } from '@provod/contracts';
import { FakeEnvybox } from './fake-envybox';
import { FakeUon } from './fake-uon';
import { api, uonToEnvybox } from './flows';
import { resetState, startApi, startWorker, waitFor, type RunningApi, type RunningWorker } from './platform';
import { signUp, type Session } from './session';

/**
 * The U-ON → Envybox platform as most suites need it: API, worker, fake upstreams, an owner
 * session with both API keys stored as secrets, and the shipped template imported and started.
 */
export class UonFlowHarness {
  platform!: RunningApi;
  worker?: RunningWorker;
  uon!: FakeUon;
  envybox!: FakeEnvybox;
  session!: Session;
  processing!: ProcessingView;

  async start(apiEnv: Record<string, string> = {}): Promise<void> {
    this.platform = await startApi(apiEnv);
    this.uon = await new FakeUon().start();
    this.envybox = await new FakeEnvybox().start();
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.platform.close();
    await this.uon.stop();
    await this.envybox.stop();
  }

  /** Fresh database state, an owner, the secrets and the started processing. */
  async reset(customise: (flow: ProcessingExport) => void = () => undefined): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
    await resetState();
    this.uon.calls.length = 0;
    this.uon.failures = [];
    this.envybox.leads.length = 0;
    this.envybox.failures = [];
    this.envybox.calls = 0;
    this.session = await signUp(this.platform.url);
    await api(this.session, 'PUT', '/api/secrets/UON_KEY', { value: this.uon.apiKey });
    await api(this.session, 'PUT', '/api/secrets/ENVYBOX_KEY', { value: this.envybox.apiKey });
    const flow = uonToEnvybox(this.uon.url, this.envybox.url);
    customise(flow);
    const imported = await api<ProcessingView>(this.session, 'POST', '/api/processings/import', flow);
    if (imported.status !== 201) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
    this.processing = (await api<ProcessingView>(this.session, 'POST', `/api/processings/${imported.body.id}/start`)).body;
  }

  async startWorker(env: Record<string, string> = {}): Promise<RunningWorker> {
    this.worker = await startWorker(env);
    return this.worker;
  }

  async send(query: string): Promise<{ operationId: string; status: string; duplicateOf?: string }> {
    const res = await fetch(`${this.platform.url}/hooks/${this.processing.webhookToken}?${query}`);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { operationId: string; status: string; duplicateOf?: string };
  }

  async operation(id: string): Promise<OperationDetail> {
    return (await api<OperationDetail>(this.session, 'GET', `/api/operations/${id}`)).body;
  }

  finished(id: string, timeoutMs = 20_000): Promise<OperationDetail> {
    return waitFor(
      async () => {
        const op = await this.operation(id);
        return op.status === 'succeeded' || op.status === 'failed' ? op : undefined;
      },
      timeoutMs,
      `operation ${id} to finish`,
    );
  }
}
