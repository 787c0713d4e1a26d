import type { HttpPort, HttpRequestSpec, HttpResponseData } from '@provod/engine';
import { statusClass, type WorkerMetrics } from './worker-metrics';

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return 'invalid';
  }
}

/** Counts every request that actually goes out, by destination and status class. */
export class MeteredHttp implements HttpPort {
  constructor(
    private readonly inner: HttpPort,
    private readonly metrics: WorkerMetrics,
  ) {}

  async send(request: HttpRequestSpec): Promise<HttpResponseData> {
    const host = hostOf(request.url);
    try {
      const response = await this.inner.send(request);
      this.metrics.httpCalls.inc({ host, status_class: statusClass(response.status) });
      return response;
    } catch (error) {
      this.metrics.httpCalls.inc({ host, status_class: statusClass(null) });
      throw error;
    }
  }
}
