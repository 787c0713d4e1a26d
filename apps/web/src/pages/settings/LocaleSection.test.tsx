import { notifications } from '@mantine/notifications';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { mockFetch, renderWithApp } from '../../test/render';
import { LocaleSection } from './LocaleSection';

function setup(isOwner: boolean) {
  let stored = { language: 'ru', timeZone: 'Europe/Moscow' };
  const fetch = mockFetch((call) => {
    if (call.url.pathname !== '/api/workspace/locale') return undefined;
    if (call.method === 'PUT') stored = call.body as typeof stored;
    return { body: stored };
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<LocaleSection isOwner={isOwner} />);
  return { fetch, user: userEvent.setup() };
}

describe('e-mail language and time zone, in Russian', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ru');
  });
  afterEach(async () => {
    notifications.clean();
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it("lets the owner switch the e-mails to English and to the browser's time zone", async () => {
    const { user, fetch } = setup(true);
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const language = await screen.findByRole('combobox', { name: 'Язык писем' });
    await waitFor(() => expect(language).toHaveValue('Русский'));
    await user.click(language);
    await user.click(await screen.findByRole('option', { name: 'English' }));
    if (browserZone !== 'Europe/Moscow') await user.click(screen.getByRole('button', { name: `Как у меня: ${browserZone}` }));
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(fetch.calls.find((c) => c.method === 'PUT')?.body).toEqual({ language: 'en', timeZone: browserZone }));
    expect(await screen.findByText('Язык и часовой пояс писем сохранены')).toBeInTheDocument();
  });

  it('shows members the settings without a way to change them', async () => {
    setup(false);
    const zone = await screen.findByRole('combobox', { name: 'Часовой пояс' });
    await waitFor(() => expect(zone).toHaveValue('Europe/Moscow'));
    expect(zone).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Сохранить' })).not.toBeInTheDocument();
  });
});
