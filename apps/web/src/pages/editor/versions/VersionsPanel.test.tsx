import type { ProcessingView } from '@provod/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp } from '../../../test/render';
import { composeStep, fetchStep, parseStep, samplePicker } from '../test-fixtures';
import { VersionsPanel } from './VersionsPanel';

const current: ProcessingView = {
  id: 'p1',
  workspaceId: 'w1',
  name: 'U-ON → Envybox',
  status: 'stopped',
  webhookToken: 'tok',
  version: 3,
  source: samplePicker.source,
  actions: [fetchStep, parseStep, composeStep],
  alertRecipients: [],
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
};
const oldFetch = { ...fetchStep, settings: { ...fetchStep.settings, url: 'https://old.example.com/{{source.r_id}}' } };

function setup(canEdit = true) {
  const onRestored = vi.fn();
  const fetch = mockFetch((call) => {
    const path = call.url.pathname;
    if (path === '/api/processings/p1/versions') {
      return {
        body: {
          current: 3,
          versions: [
            { version: 3, savedAt: '2026-03-02T10:00:00.000Z', author: { userId: 'u2', email: 'ed@example.com', name: 'Ed Editor' }, restoredFrom: 1 },
            { version: 2, savedAt: '2026-03-01T12:00:00.000Z', author: { userId: null, email: 'gone@example.com', name: '' }, restoredFrom: null },
            { version: 1, savedAt: '2026-03-01T10:00:00.000Z', author: null, restoredFrom: null },
          ],
        },
      };
    }
    if (path === '/api/processings/p1/versions/1') {
      return {
        body: {
          version: 1,
          savedAt: '2026-03-01T10:00:00.000Z',
          author: null,
          restoredFrom: null,
          source: { ...samplePicker.source, parameters: [{ name: 'request_id', keys: ['r_id'] }] },
          actions: [oldFetch, parseStep],
        },
      };
    }
    if (call.method === 'POST' && path === '/api/processings/p1/versions/1/restore') {
      return { body: { ...current, version: 4, actions: [oldFetch, parseStep], restoredFrom: 1, warnings: [] } };
    }
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<VersionsPanel processing={current} canEdit={canEdit} onRestored={onRestored} />);
  return { fetch, onRestored, user: userEvent.setup() };
}

describe('VersionsPanel', () => {
  it('lists versions newest first with who saved each and when, and what a restore copied', async () => {
    setup();
    const list = await screen.findByRole('list', { name: 'Versions' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual(['v3', 'v2', 'v1']);
    expect(within(items[0]!).getByText('current')).toBeInTheDocument();
    expect(within(items[0]!).getByText('Ed Editor · ed@example.com')).toBeInTheDocument();
    expect(within(items[0]!).getByText('restored from version 1')).toBeInTheDocument();
    expect(within(items[1]!).getByText('gone@example.com')).toBeInTheDocument();
    expect(within(items[2]!).getByText('unknown (saved before authors were recorded)')).toBeInTheDocument();
    // The current version is neither compared with itself nor restored onto itself.
    expect(within(items[0]!).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows what differs from the current version: the source field by field, each step by name', async () => {
    const { user } = setup();
    const v1 = within(await screen.findByRole('list', { name: 'Versions' })).getAllByRole('listitem')[2]!;
    await user.click(within(v1).getByRole('button', { name: 'Compare with current' }));
    const diff = await screen.findByRole('region', { name: 'Version 1 → current (version 3)' });
    expect(within(diff).getByText('Source')).toBeInTheDocument();
    expect(within(diff).getByText('parameters[0].name')).toBeInTheDocument();
    // Renamed from request_id to r_id, and request_id became a second accepted key.
    expect(within(diff).getByText('parameters[0].keys[1]')).toBeInTheDocument();
    expect(within(diff).getAllByText('"request_id"')).toHaveLength(2);
    expect(within(diff).getByText('Step «Fetch the request»')).toBeInTheDocument();
    expect(within(diff).getByText('settings.url')).toBeInTheDocument();
    expect(within(diff).getByText(JSON.stringify(fetchStep.settings.url))).toBeInTheDocument();
    expect(within(diff).getByText('Step «Compose the lead»')).toBeInTheDocument();
    expect(within(diff).getByText('added in the current version')).toBeInTheDocument();
  });

  it('restores an earlier version after a confirmation, as a new version, and says so', async () => {
    const { user, fetch, onRestored } = setup();
    await user.click(await screen.findByRole('button', { name: 'Restore version 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore version 1?' });
    expect(within(dialog).getByText(/saved as a new version; the history stays as it is/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Version 1 restored: saved as version 4')).toBeInTheDocument();
    expect(fetch.calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual(['/api/processings/p1/versions/1/restore']);
    expect(onRestored).toHaveBeenCalledWith(expect.objectContaining({ version: 4, restoredFrom: 1 }));
  });

  it('lets a viewer compare but not restore', async () => {
    setup(false);
    await screen.findByRole('list', { name: 'Versions' });
    expect(screen.getByText('Viewers can look at versions but not restore them.')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Compare with current' })).toHaveLength(2);
    expect(screen.queryByRole('button', { name: /Restore/ })).not.toBeInTheDocument();
  });
});
