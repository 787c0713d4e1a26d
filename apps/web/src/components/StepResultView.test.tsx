import type { Action, StepResult } from '@provod/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { renderWithApp } from '../test/render';
import { StepResultView } from './StepResultView';

const fetchRequest: StepResult = {
  actionId: 'a1',
  key: 'fetch_request',
  type: 'http_request',
  name: 'Получить заявку из U-ON',
  status: 'succeeded',
  input: { method: 'GET', url: 'https://api.u-on.ru/••••••/request/61.json', headers: {} },
  output: { status: 200, headers: { date: 'Fri, 14 Mar 2025 10:02:00 GMT', server: 'nginx' }, body: { request: [{ id: 61 }] } },
  startedAt: '2025-03-14T10:02:00.200Z',
  durationMs: 3,
  attempt: 1,
};

const composer: Action = {
  id: 'a3',
  key: 'lead',
  type: 'json_composer',
  name: 'Собрать лид',
  settings: { template: '{"request": {"method": "create", "values": {"name": "{{fields.name}}", "phone": "{{fields.phone}}", "email": "{{fields.email}}"}}}', dropEmpty: false },
} as Action;

const createLead: Action = {
  id: 'a4',
  key: 'create_lead',
  type: 'http_request',
  name: 'Создать лид в Envybox',
  settings: {
    method: 'POST',
    url: 'https://agency.envycrm.com/openapi/v1/lead/set/',
    query: [{ name: 'api_key', value: '{{secrets.ENVYBOX_KEY}}' }],
    body: { mode: 'json', template: '{{lead}}' },
  },
} as Action;

// As PostgreSQL's jsonb hands it back: keys sorted by length, not as the template wrote them.
const sentBody = { request: { values: { name: 'Анна', email: 'a@example.com', phone: '79001234567' }, method: 'create' } };

const leadStep = (over: Partial<StepResult>): StepResult => ({
  actionId: 'a4',
  key: 'create_lead',
  type: 'http_request',
  name: 'Создать лид в Envybox',
  status: 'succeeded',
  input: { method: 'POST', url: 'https://agency.envycrm.com/openapi/v1/lead/set/?api_key=••••••', headers: { 'content-type': 'application/json' }, body: sentBody },
  // jsonb order again: body before status.
  output: { body: { id: 1002, message: 'success' }, status: 200, headers: { 'content-type': 'application/json' } },
  startedAt: '2025-03-14T10:02:00.300Z',
  durationMs: 120,
  attempt: 1,
  ...over,
});

describe('StepResultView in Russian', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ru');
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('sums up a U-ON read in one line and keeps transport headers one click away', async () => {
    renderWithApp(<StepResultView step={fetchRequest} />);
    expect(screen.getByTestId('step-summary')).toHaveTextContent('GET U-ON заявка 61 → 200, 3 мс');
    expect(screen.queryByText(/nginx/)).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Показать заголовки (2)' }));
    expect(screen.getByText(/nginx/)).toBeInTheDocument();
  });

  it('says what was sent to Envybox and what it answered, with keys in the order of the template', async () => {
    renderWithApp(<StepResultView step={leadStep({})} action={createLead} actions={[composer, createLead]} />);
    const summary = screen.getByTestId('step-summary');
    expect(summary).toHaveTextContent('POST Envybox → 200, 120 мс');
    expect(summary).toHaveTextContent('Отправлено в Envybox: имя, телефон, email');
    expect(summary).toHaveTextContent('Envybox ответил: лид 1002');
    const answer = screen.getByRole('tree', { name: 'Результат' }).textContent ?? '';
    expect(answer.indexOf('status')).toBeLessThan(answer.indexOf('body'));
    await userEvent.setup().click(screen.getByRole('tab', { name: 'Что отправлено' }));
    const input = screen.getByRole('tree', { name: 'Что отправлено' });
    const text = input.textContent ?? '';
    expect(text.indexOf('POST')).toBeLessThan(text.indexOf('agency.envycrm.com'));
    expect(text.indexOf('method')).toBeLessThan(text.indexOf('values'));
    expect(text.indexOf('name')).toBeLessThan(text.indexOf('phone'));
    expect(text.indexOf('phone')).toBeLessThan(text.indexOf('email'));
  });

  it('shows a rejected key in Russian with the secret to check, and the technical detail behind «Подробности»', async () => {
    const step = leadStep({
      status: 'failed',
      output: undefined,
      error: { code: 'http_status', message: 'The server agency.envycrm.com answered 401 Unauthorized', details: { status: 401, body: { message: 'Unauthorized' } } },
    });
    renderWithApp(<StepResultView step={step} action={createLead} actions={[composer, createLead]} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Envybox отклонил ключ')).toBeInTheDocument();
    expect(alert).toHaveTextContent('Проверьте секрет ENVYBOX_KEY.');
    expect(alert).not.toHaveTextContent('Код ошибки');
    const details = screen.getByRole('button', { name: 'Подробности' });
    expect(details).toHaveAttribute('aria-expanded', 'false');
    await userEvent.setup().click(details);
    expect(screen.getByRole('button', { name: 'Скрыть подробности' })).toHaveAttribute('aria-expanded', 'true');
    expect(within(screen.getByTestId('error-details')).getByText('Код ошибки: http_status')).toBeInTheDocument();
    expect(within(screen.getByTestId('error-details')).getByText('The server agency.envycrm.com answered 401 Unauthorized')).toBeInTheDocument();
  });

  it('names the missing U-ON request when U-ON answers 404', () => {
    const step: StepResult = {
      ...fetchRequest,
      status: 'failed',
      input: { method: 'GET', url: 'https://api.u-on.ru/••••••/request/69.json', headers: {} },
      output: undefined,
      error: { code: 'http_status', message: 'The server api.u-on.ru answered 404 Not Found', details: { status: 404 } },
    };
    renderWithApp(<StepResultView step={step} />);
    expect(screen.getByTestId('step-summary')).toHaveTextContent('GET U-ON заявка 69 → 404, 3 мс');
    expect(screen.getByRole('alert')).toHaveTextContent('В U-ON нет заявки 69');
    expect(screen.getByRole('alert')).toHaveTextContent('Проверьте номер или тип (заявка/обращение).');
  });

  it('labels the JSON viewer in Russian for screen readers', () => {
    renderWithApp(<StepResultView step={fetchRequest} />);
    expect(screen.getAllByRole('button', { name: 'Свернуть' }).length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: /collapse JSON|expand JSON/ })).not.toBeInTheDocument();
  });
});
