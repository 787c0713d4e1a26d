/**
 * Previews that the HTTP client and executor cut at 200 characters before the worker masks the step
 * (issue: the first 20 characters of a key showed in history). Whatever is left of a key beside the
 * cut must be hidden by the masking the worker applies to every recorded step.
 */
import { httpRequestActionSchema } from '@provod/contracts';
import { maskSecrets, type HttpResponseData } from '@provod/engine';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contextWith, FakeHttp, failureOf, testScope } from '../__tests__/test-context';
import { HttpRequestExecutor } from './http-request.executor';
import { UndiciHttpClient } from './undici-http-client';

const key = 'ENVY-0123456789abcdef-XYZ';
/** No four consecutive characters of the key may survive masking. */
function leaked(value: unknown): string[] {
  const text = JSON.stringify(maskSecrets(value, [key]));
  const found: string[] = [];
  for (let i = 0; i + 4 <= key.length; i += 1) if (text.includes(key.slice(i, i + 4))) found.push(key.slice(i, i + 4));
  return found;
}

const get = (url: string) =>
  httpRequestActionSchema.parse({ id: 'h1', key: 'fetch', name: 'Fetch', type: 'http_request', settings: { method: 'GET', url } });

describe('previews cut before masking', () => {
  it('hides every part of a key in an invalid-JSON answer cut at any place', async () => {
    const executor = new HttpRequestExecutor();
    for (let at = 180; at <= 200; at += 1) {
      const body = Buffer.from(`{"note":"${'x'.repeat(at - 9)}${key}" broken`);
      const answer: HttpResponseData = { status: 200, headers: { 'content-type': 'application/json' }, body };
      const failure = await failureOf(executor.execute(get('https://api.test/x'), contextWith(testScope(), new FakeHttp(() => answer))));
      expect(leaked({ message: failure.message, details: failure.details })).toEqual([]);
    }
  });

  describe('with a real server redirecting to a non-http address', () => {
    let server: Server;
    let base = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        const at = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('at'));
        res.writeHead(302, { location: `ftp://files.test/${'p'.repeat(at - 17)}${key}/rest` }).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('hides every part of a key in the refused Location, cut at any place', async () => {
      const client = new UndiciHttpClient({ allowList: ['127.0.0.0/8'] });
      for (const at of [185, 193, 196, 198, 199, 200]) {
        const failure = await failureOf(
          client.send({ method: 'GET', url: `${base}/?at=${at}`, headers: {}, timeoutMs: 5_000, maxResponseBytes: 1024, maxRedirects: 5 }),
        );
        expect(failure.code).toBe('invalid_redirect');
        expect(leaked({ message: failure.message, details: failure.details })).toEqual([]);
      }
    });
  });
});
