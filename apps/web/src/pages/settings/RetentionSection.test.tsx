import { notifications } from '@mantine/notifications';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { mockFetch, renderWithApp } from '../../test/render';
import { RetentionSection } from './RetentionSection';

function setup(isOwner: boolean) {
  let stored = { historyRetentionDays: 30, failedRetentionDays: null as number | null };
  const fetch = mockFetch((call) => {
    if (call.url.pathname !== '/api/workspace/settings') return undefined;
    if (call.method === 'PUT') stored = call.body as typeof stored;
    return { body: stored };
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<RetentionSection isOwner={isOwner} />);
  return { fetch, user: userEvent.setup() };
}

describe('history retention setting, in Russian', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ru');
  });
  afterEach(async () => {
    notifications.clean();
    await i18n.changeLanguage('en');
  });

  it('lets the owner shorten the history and keep failures longer', async () => {
    const { user, fetch } = setup(true);
    const days = await screen.findByRole('textbox', { name: 'Хранить историю, дней' });
    await waitFor(() => expect(days).toHaveValue('30'));
    await user.clear(days);
    await user.type(days, '14');
    await user.click(screen.getByRole('switch', { name: 'Ошибки хранить дольше' }));
    expect(screen.getByRole('textbox', { name: 'Хранить ошибки, дней' })).toHaveValue('90');
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(fetch.calls.find((c) => c.method === 'PUT')?.body).toEqual({ historyRetentionDays: 14, failedRetentionDays: 90 }));
    expect(await screen.findByText('Срок хранения сохранён')).toBeInTheDocument();
  });

  it('shows a member the setting without a way to change it', async () => {
    setup(false);
    const days = await screen.findByRole('textbox', { name: 'Хранить историю, дней' });
    await waitFor(() => expect(days).toHaveValue('30'));
    expect(days).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Сохранить' })).toBeNull();
    expect(screen.getByText('Изменить срок может только владелец пространства.')).toBeInTheDocument();
  });
});
