import type { ProcessingView } from '@provod/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { ReplayButton } from '../components/ReplayControls';
import i18n from '../i18n';
import { errorMessage } from '../lib/errors';
import { ActionCard } from '../pages/editor/ActionCard';
import { fetchStep } from '../pages/editor/test-fixtures';
import { ProcessingCard } from '../pages/processings/ProcessingCard';
import { mockFetch, renderWithApp } from '../test/render';

const processing: ProcessingView = {
  id: 'p1',
  workspaceId: 'w1',
  name: 'U-ON → Envybox',
  status: 'stopped',
  webhookToken: 'tok123',
  version: 2,
  source: { type: 'webhook', methods: ['GET'], parameters: [{ name: 'r_id' }], dedup: null },
  actions: [],
  alertRecipients: [],
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-14T09:00:00.000Z',
};

function signedInAs(role: 'owner' | 'editor' | 'viewer') {
  const fetch = mockFetch((call) => {
    if (call.url.pathname === '/api/auth/me') {
      return { body: { user: { id: 'u1', email: 'v@example.com', name: 'Vera' }, workspaces: [{ id: 'w1', name: 'Agency', role }], currentWorkspaceId: 'w1' } };
    }
    if (call.url.pathname === '/api/processings/p1/held') return { body: { count: 0 } };
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  return fetch;
}

describe('what a viewer is shown', () => {
  it('a processing card offers a viewer to open, read the history and export, but not to start, rename, copy or delete', async () => {
    signedInAs('viewer');
    renderWithApp(<ProcessingCard processing={processing} statsLoading={false} />);
    const user = userEvent.setup();
    expect(await screen.findByRole('link', { name: 'History' })).toBeInTheDocument();
    await screen.findByText('U-ON → Envybox');
    // The role arrives with /api/auth/me; then the start button is gone.
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Start' })).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'More actions for “U-ON → Envybox”' }));
    expect(await screen.findByRole('menuitem', { name: 'Export JSON' })).toBeInTheDocument();
    for (const name of ['Rename', 'Duplicate', 'Delete']) expect(screen.queryByRole('menuitem', { name })).not.toBeInTheDocument();
  });

  it('an editor keeps the start button; a viewer gets no replay button', async () => {
    signedInAs('editor');
    const first = renderWithApp(
      <div>
        <ProcessingCard processing={processing} statsLoading={false} />
        <ReplayButton operationId="o1" processingId="p1" />
      </div>,
    );
    expect(await screen.findByRole('button', { name: 'Start' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Replay' })).toBeInTheDocument();
    first.unmount();

    signedInAs('viewer');
    renderWithApp(
      <div>
        <ReplayButton operationId="o1" processingId="p1" />
        <span>after</span>
      </div>,
    );
    await screen.findByText('after');
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Replay' })).not.toBeInTheDocument());
  });

  it('words a refusal by role in the interface language, not the server\'s English', () => {
    const refused = new ApiError(403, 'Your role in this workspace (viewer) only lets you read', [], null, 'role_forbidden');
    expect(errorMessage(refused, i18n.t)).toBe('Your role in this workspace does not allow this: ask an owner.');
    expect(errorMessage(refused, i18n.getFixedT('ru'))).toBe('Ваша роль в этом пространстве этого не позволяет — обратитесь к владельцу.');
  });

  it("a step card offers a viewer no test, move or delete, and an editor all three", async () => {
    const card = () => (
      <ActionCard action={fetchStep} index={0} total={2} expanded={false} onToggle={() => undefined} onChange={() => undefined} onKeyCommitted={() => undefined} onMove={() => undefined} onDelete={() => undefined} onTest={() => undefined} testing={false} result={undefined} />
    );
    signedInAs('viewer');
    const viewer = renderWithApp(card());
    await screen.findByText(fetchStep.name);
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Test' })).not.toBeInTheDocument());
    expect(screen.queryByRole('button', { name: `Delete step “${fetchStep.name}”` })).not.toBeInTheDocument();
    viewer.unmount();

    signedInAs('editor');
    renderWithApp(card());
    expect(await screen.findByRole('button', { name: 'Test' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `Delete step “${fetchStep.name}”` })).toBeInTheDocument();
  });
});
