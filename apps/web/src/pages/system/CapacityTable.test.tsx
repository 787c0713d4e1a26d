import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { renderWithApp } from '../../test/render';
import { CapacityTable } from './CapacityTable';

describe('CapacityTable', () => {
  it('lists the processing at its limit and the host, with what is in flight and waiting', async () => {
    await i18n.changeLanguage('en');
    renderWithApp(
      <CapacityTable
        rows={[
          { kind: 'processing', name: 'U-ON → Envybox', processingId: 'p1', inFlight: 5, waiting: 42, limit: 5 },
          { kind: 'host', name: 'account.envycrm.com', inFlight: 5, waiting: 0, limit: 10 },
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Limits in use' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first!).getByRole('link', { name: 'U-ON → Envybox' })).toHaveAttribute('href', '/processings/p1');
    expect(first).toHaveTextContent('5 / 5');
    expect(first).toHaveTextContent('42');
    expect(second).toHaveTextContent('Host');
    expect(second).toHaveTextContent('account.envycrm.com');
    expect(second).toHaveTextContent('5 / 10');
  });

  it('says so when nothing is in flight', async () => {
    await i18n.changeLanguage('ru');
    renderWithApp(<CapacityTable rows={[]} />);
    expect(screen.getByText('Сейчас ни одно событие не в работе и не ждёт места.')).toBeInTheDocument();
  });
});
