import type { JsonComposerSettings } from '@provod/contracts';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { TestRunInput } from '../../api/endpoints';
import { mockFetch, renderWithApp } from '../../test/render';
import { JsonComposerForm } from './JsonComposerForm';
import { EditorRunContext, type EditorRun } from './run-context';
import { composeStep, EditorContext, fetchStep, parseStep } from './test-fixtures';

function setup(template: string) {
  const settings: JsonComposerSettings = { template, dropEmpty: false };
  const run: EditorRun = {
    processingId: 'p1',
    input: (upToActionId): TestRunInput => ({ actions: [fetchStep, parseStep, { ...composeStep, settings }], upToActionId, callWrites: false }),
    onResult: vi.fn(),
  };
  renderWithApp(
    <EditorContext position={2}>
      <EditorRunContext.Provider value={run}>
        <JsonComposerForm actionId="a3" settings={settings} onChange={() => undefined} path="actions.2.settings" />
      </EditorRunContext.Provider>
    </EditorContext>,
  );
  return run;
}

describe('JSON composer', () => {
  it('points at the exact line and column of invalid JSON, and asks the server for nothing', async () => {
    const fetch = mockFetch(() => undefined);
    vi.stubGlobal('fetch', fetch.fn);
    setup('{\n  "request": {\n    "name": "{{fields.client_name}}",\n  }\n}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Line 4, column 3: an extra comma before the closing bracket');
    expect(screen.getByText('Fix the JSON and the result appears here.')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(fetch.calls).toHaveLength(0);
  });

  it('names a missing comma', async () => {
    vi.stubGlobal('fetch', mockFetch(() => undefined).fn);
    setup('{"a": 1 "b": 2}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Line 1, column 9: a comma or a closing bracket is missing');
  });

  it('previews the result rendered by the server for the unsaved steps, without sending writes', async () => {
    const fetch = mockFetch((call) =>
      call.method === 'POST' && call.url.pathname === '/api/processings/p1/test'
        ? {
            body: {
              status: 'succeeded',
              error: null,
              sample: { params: { r_id: '61' }, request: null },
              steps: [
                { actionId: 'a1', key: 'fetch_request', type: 'http_request', name: 'Fetch', status: 'succeeded', input: {}, output: { status: 200 }, startedAt: '2025-03-14T10:20:00Z', durationMs: 40, attempt: 1 },
                { actionId: 'a3', key: 'lead', type: 'json_composer', name: 'Compose', status: 'succeeded', input: {}, output: { name: 'Ivan Petrov' }, startedAt: '2025-03-14T10:20:00Z', durationMs: 2, attempt: 1 },
              ],
            },
          }
        : undefined,
    );
    vi.stubGlobal('fetch', fetch.fn);
    const run = setup('{"name": "{{fields.client_name}} {{fields.client_surname}}"}');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Result on the sample')).toHaveTextContent('Ivan Petrov'), { timeout: 4000 });
    expect(fetch.calls).toHaveLength(1);
    expect(fetch.calls[0]?.body).toMatchObject({ upToActionId: 'a3', callWrites: false, actions: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }] });
    expect(run.onResult).toHaveBeenCalled();
  });
});
