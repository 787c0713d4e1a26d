import { notifications } from '@mantine/notifications';
import type { ProcessingView, ReadinessProblem } from '@provod/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { mockFetch, renderWithApp, type FetchCall } from '../../test/render';
import { ProcessingCard } from './ProcessingCard';

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

const problems: ReadinessProblem[] = [
  {
    code: 'missing_secret',
    step: 'send',
    stepName: 'Создать лид в Envybox',
    field: 'settings.query.0.value',
    path: 'actions.3.settings.query.0.value',
    message: { ru: 'Секрета ENVYBOX_KEY нет. Создайте его в разделе «Секреты» или исправьте имя.', en: 'There is no secret ENVYBOX_KEY.' },
  },
  {
    code: 'placeholder_host',
    step: 'send',
    stepName: 'Создать лид в Envybox',
    field: 'settings.url',
    path: 'actions.3.settings.url',
    message: { ru: 'В адресе осталась заготовка «ACCOUNT.envycrm.com». Впишите адрес своего аккаунта.', en: 'The URL still holds the placeholder.' },
  },
];

function setup(ready: boolean) {
  const fetch = mockFetch((call) => {
    const path = call.url.pathname;
    if (call.method === 'POST' && path === '/api/processings/p1/start') {
      return ready ? { body: { ...processing, status: 'running' } } : { status: 400, body: { message: 'The processing cannot start', problems } };
    }
    if (call.method === 'GET' && path === '/api/processings/p1/readiness') return { body: { ready, problems: ready ? [] : problems } };
    if (call.method === 'GET' && path === '/api/processings/p1/held') return { body: { count: 0 } };
    if (call.method === 'GET' && path === '/api/processings/p1/chart') return { body: { buckets: [] } };
    if (call.method === 'GET' && path === '/api/processings') return { body: [processing] };
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<ProcessingCard processing={processing} statsLoading={false} />);
  return { fetch, user: userEvent.setup() };
}

const paths = (calls: FetchCall[]) => calls.map((c) => `${c.method} ${c.url.pathname}`);

describe('starting from the processing card, in Russian', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ru');
  });
  afterEach(async () => {
    notifications.clean();
    await i18n.changeLanguage('en');
  });

  it('shows what stands in the way, step by step, when the server refuses the start', async () => {
    const { user, fetch } = setup(false);
    await user.click(within(screen.getByRole('article')).getByRole('button', { name: 'Запустить' }));
    const dialog = await screen.findByRole('dialog', { name: 'Обработку нельзя запустить' });
    expect(dialog).toHaveTextContent('Найдено 2 проблемы');
    const items = within(dialog).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Шаг «Создать лид в Envybox», поле query.0.value: Секрета ENVYBOX_KEY нет. Создайте его в разделе «Секреты» или исправьте имя.',
      'Шаг «Создать лид в Envybox», поле url: В адресе осталась заготовка «ACCOUNT.envycrm.com». Впишите адрес своего аккаунта.',
    ]);
    expect(within(dialog).getByRole('link', { name: 'Открыть редактор' })).toHaveAttribute('href', '/processings/p1');
    expect(paths(fetch.calls)).toEqual(expect.arrayContaining(['POST /api/processings/p1/start', 'GET /api/processings/p1/readiness']));
  });

  it('starts without a word when nothing is wrong', async () => {
    const { user, fetch } = setup(true);
    await user.click(within(screen.getByRole('article')).getByRole('button', { name: 'Запустить' }));
    await vi.waitFor(() => expect(paths(fetch.calls)).toContain('GET /api/processings/p1/held'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(paths(fetch.calls)).not.toContain('GET /api/processings/p1/readiness');
  });
});
