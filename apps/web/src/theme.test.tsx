import { Modal } from '@mantine/core';
import { modals } from '@mantine/modals';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from './i18n';
import { renderWithApp } from './test/render';

describe('dialogs in the reader’s language', () => {
  afterEach(async () => {
    modals.closeAll();
    await i18n.changeLanguage('en');
  });

  it('names the close button of any dialog, and of confirmations, without each dialog saying so', async () => {
    await i18n.changeLanguage('ru');
    renderWithApp(
      <Modal opened onClose={() => undefined} title="Диалог">
        текст
      </Modal>,
    );
    expect(await screen.findByRole('button', { name: 'Закрыть' })).toBeInTheDocument();
    await i18n.changeLanguage('en');
    expect(await screen.findByRole('button', { name: 'Close' })).toBeInTheDocument();
  });

  it('covers confirmations opened through modals', async () => {
    await i18n.changeLanguage('ru');
    renderWithApp(<button onClick={() => modals.openConfirmModal({ title: 'Удалить?', labels: { confirm: 'Да', cancel: 'Нет' } })}>open</button>);
    await userEvent.click(screen.getByRole('button', { name: 'open' }));
    expect(await screen.findByRole('button', { name: 'Закрыть' })).toBeInTheDocument();
  });
});
