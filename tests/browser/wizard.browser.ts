import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { OperationPage, ProcessingView } from '@provod/contracts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FakeEnvybox } from '../support/fake-envybox';
import { FakeTelegram } from '../support/fake-telegram';
import { FakeUon } from '../support/fake-uon';
import { resetState, startApi, startWorker, type RunningApi, type RunningWorker } from '../support/platform';
import { ensureWebBuild, webDist } from './web-build';

/**
 * The persona's path through the template wizard, from an empty database to a started processing
 * whose test event succeeded, in real Chromium against the real API and worker. Controls are found
 * by their visible Russian labels. The test counts its own user actions (each click and each fill is
 * one) and fails when a template needs more than 15. Every wizard screen is captured at 1440×900 and
 * 390×844 in test-output/wizard/.
 *
 * The fakes listen on loopback; the wizard reaches them the way a user could: the Envybox account
 * address accepts a full URL, and U-ON's and Telegram's API addresses sit under "Дополнительные
 * настройки" (their clicks are counted like any other).
 */
const shots = join(__dirname, '../../test-output/wizard');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MAX_ACTIONS = 15;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('template wizard, as the office manager', () => {
  let platform: RunningApi;
  let worker: RunningWorker;
  let uon: FakeUon;
  let envybox: FakeEnvybox;
  let telegram: FakeTelegram;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    ensureWebBuild();
    platform = await startApi({ WEB_DIST: webDist });
    worker = await startWorker();
    uon = await new FakeUon().start();
    envybox = await new FakeEnvybox().start();
    telegram = await new FakeTelegram().start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await platform?.close();
    await Promise.all([uon?.stop(), envybox?.stop(), telegram?.stop()]);
  });

  /** A fresh install and a fresh browser, with a counter of what the persona does. */
  async function session(viewport: { width: number; height: number }) {
    await resetState();
    const context: BrowserContext = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    let actions = 0;
    const user = {
      click: async (target: Locator) => {
        actions++;
        await target.click();
      },
      fill: async (target: Locator, value: string) => {
        actions++;
        await target.fill(value);
      },
      get actions() {
        return actions;
      },
    };
    /** The screen as it is, at both sizes (full page), then back to the size the persona uses. */
    const shot = async (name: string) => {
      for (const [size, dims] of [['1440x900', DESKTOP], ['390x844', PHONE]] as const) {
        await page.setViewportSize(dims);
        // From the top, or the sticky header is drawn wherever the page happened to be scrolled.
        await page.evaluate('window.scrollTo(0, 0)');
        await page.waitForTimeout(350);
        await page.screenshot({ path: join(shots, `${name}-${size}.png`), fullPage: true, animations: 'disabled' });
      }
      await page.setViewportSize(viewport);
      await page.waitForTimeout(200);
    };
    return { context, page, user, shot, consoleErrors };
  }

  async function signUpOwner(page: Page, user: Awaited<ReturnType<typeof session>>['user']) {
    await page.goto(`${platform.url}/`);
    await page.waitForURL(/\/signup$/);
    await user.fill(page.getByRole('textbox', { name: 'Эл. почта' }), 'olga@agency.example');
    await user.fill(page.getByLabel('Пароль'), 'correct horse battery');
    await user.click(page.getByRole('button', { name: 'Создать владельца и войти' }));
    await page.waitForURL(/\/processings$/);
  }

  async function apiAs(page: Page, path: string): Promise<unknown> {
    return page.evaluate(async (p) => (await fetch(p)).json(), path);
  }

  async function guarded(page: Page, name: string, walk: () => Promise<void>) {
    try {
      await walk();
    } catch (error) {
      await page.screenshot({ path: join(shots, `failure-${name}.png`), fullPage: true }).catch(() => undefined);
      throw error;
    }
  }

  // Explicit timeouts: jest's global 60 s applies to every project, and a busy machine needs more.
  it('U-ON → Envybox: from an empty install to a started processing with a succeeded test event', async () => {
    const { context, page, user, shot, consoleErrors } = await session(DESKTOP);
    envybox.leads.length = 0;
    const began = Date.now();
    await guarded(page, 'envybox', async () => {
      await signUpOwner(page, user);

      // The empty list opens on the gallery: one click starts the wizard.
      await page.getByRole('heading', { name: 'Начните с шаблона' }).waitFor();
      await shot('01-gallery-empty');
      await user.click(page.getByRole('link', { name: /U-ON заявка → Envybox/ }));

      await page.getByRole('heading', { name: 'Настройка: U-ON заявка → Envybox' }).waitFor();
      await shot('02-envybox-questions');
      await user.fill(page.getByLabel(/^Ключ API U-ON/), uon.apiKey);
      await user.click(page.getByRole('button', { name: 'Дополнительные настройки' }));
      await user.fill(page.getByRole('textbox', { name: 'Адрес API U-ON' }), uon.url);
      await user.fill(page.getByRole('textbox', { name: 'Адрес вашего Envybox' }), envybox.url);
      await user.fill(page.getByLabel(/^Ключ API Envybox/), envybox.apiKey);
      // The mapping table shows which U-ON field goes where, each a list to pick from.
      await expect(page.getByRole('combobox', { name: 'Из U-ON → Телефон' }).inputValue()).resolves.toBe('Мобильный телефон клиента (только цифры)');
      await shot('03-envybox-questions-filled');
      await user.click(page.getByRole('button', { name: 'Создать обработку' }));

      await page.waitForURL(/\/wizard\/uon-request-envybox\/[0-9a-f-]+/);
      await page.getByRole('heading', { name: 'Подключите U-ON' }).waitFor();
      await page.getByText('Добавьте вебхук с типом «Создание заявки».').waitFor();
      await shot('04-envybox-webhook');

      await user.fill(page.getByRole('textbox', { name: 'Номер заявки в U-ON' }), '61');
      await user.click(page.getByRole('button', { name: 'Отправить тестовое событие' }));
      const preview = page.getByTestId('test-preview');
      await preview.getByText('Алексей Артамонов', { exact: true }).waitFor();
      await preview.getByText('79270000000', { exact: true }).waitFor();
      expect(envybox.leads).toHaveLength(0);
      await shot('05-envybox-preview');

      await user.click(page.getByRole('button', { name: 'Запустить и отправить' }));
      const sent = page.getByRole('alert').filter({ hasText: 'Событие отправлено' });
      await sent.getByText('Успешно').waitFor({ timeout: 30_000 });
      await page.getByText('Обработка запущена', { exact: false }).first().waitFor();
    });
    const seconds = (Date.now() - began) / 1000;
    const count = user.actions;
    await shot('06-envybox-succeeded');

    // The event is a real one: in history, linked from the wizard, and the lead reached Envybox once.
    const link = await page.getByRole('link', { name: 'Открыть событие' }).getAttribute('href');
    expect(link).toMatch(/^\/operations\/[0-9a-f-]+$/);
    const [processing] = (await apiAs(page, '/api/processings')) as ProcessingView[];
    expect(processing).toMatchObject({ name: 'U-ON заявка → Envybox', status: 'running' });
    const history = (await apiAs(page, `/api/processings/${processing!.id}/operations`)) as OperationPage;
    expect(history.items.map((op) => [op.id, op.status])).toEqual([[link!.split('/').pop(), 'succeeded']]);
    expect(envybox.leads).toHaveLength(1);
    expect(envybox.leads[0]!.body).toMatchObject({ request: { method: 'create', values: { name: 'Алексей Артамонов', phone: '79270000000' } } });
    expect(JSON.stringify(envybox.leads[0]!.body)).not.toMatch(/pipeline_id|inbox_type_id|input_id/);

    // The persona's page in the history and on the event, for the record.
    await page.goto(`${platform.url}${link}`);
    await page.getByText('Создать лид в Envybox').first().waitFor();
    await shot('07-envybox-event');

    // The wizard in English, by the header switch: the template's own texts follow the language.
    await page.locator('header label').filter({ hasText: /^EN$/ }).click();
    await page.goto(`${platform.url}/wizard/uon-lead-envybox`);
    await page.getByRole('heading', { name: 'Set up: U-ON lead → Envybox' }).waitFor();
    await expect(page.getByRole('radio', { name: 'Lead («обращение»)' }).isChecked()).resolves.toBe(true);
    await shot('12-envybox-questions-en');

    process.stdout.write(`wizard U-ON → Envybox: ${count} user actions, ${seconds.toFixed(1)} s\n`);
    expect(consoleErrors.filter((text) => !/Failed to load resource/.test(text))).toEqual([]);
    expect(count).toBeLessThanOrEqual(MAX_ACTIONS);
    await context.close();
  }, 180_000);

  it('U-ON → Telegram on a phone: the same wizard, driven by its own template', async () => {
    const { context, page, user, shot, consoleErrors } = await session(PHONE);
    telegram.messages.length = 0;
    const began = Date.now();
    await guarded(page, 'telegram', async () => {
      await signUpOwner(page, user);
      await user.click(page.getByRole('link', { name: /U-ON → сообщение в Telegram/ }));

      await page.getByRole('heading', { name: 'Настройка: U-ON → сообщение в Telegram' }).waitFor();
      await user.fill(page.getByLabel(/^Ключ API U-ON/), uon.apiKey);
      await user.fill(page.getByLabel(/^Токен бота Telegram/), telegram.token);
      await user.fill(page.getByRole('textbox', { name: 'Чат (ID или @имя канала)' }), '-1001234567890');
      await user.click(page.getByRole('button', { name: 'Дополнительные настройки' }));
      await user.fill(page.getByRole('textbox', { name: 'Адрес API U-ON' }), uon.url);
      await user.fill(page.getByRole('textbox', { name: 'Адрес Bot API' }), telegram.url);
      await shot('08-telegram-questions-filled');
      await user.click(page.getByRole('button', { name: 'Создать обработку' }));

      await page.waitForURL(/\/wizard\/uon-telegram\/[0-9a-f-]+/);
      await user.fill(page.getByRole('textbox', { name: 'Номер заявки в U-ON' }), '61');
      await user.click(page.getByRole('button', { name: 'Отправить тестовое событие' }));
      // The message is shown as it will read in the chat, before anything is sent.
      const message = page.getByLabel('Текст сообщения');
      await message.waitFor();
      await expect(message.textContent()).resolves.toContain('Клиент: Алексей Артамонов');
      expect(telegram.messages).toHaveLength(0);
      await shot('09-telegram-preview');

      await user.click(page.getByRole('button', { name: 'Запустить и отправить' }));
      await page.getByRole('alert').filter({ hasText: 'Событие отправлено' }).getByText('Успешно').waitFor({ timeout: 30_000 });
    });
    const seconds = (Date.now() - began) / 1000;
    const count = user.actions;
    await shot('10-telegram-succeeded');

    expect(telegram.messages).toHaveLength(1);
    expect(telegram.messages[0]).toMatchObject({ chatId: '-1001234567890', text: expect.stringContaining('Клиент: Алексей Артамонов') });
    const [processing] = (await apiAs(page, '/api/processings')) as ProcessingView[];
    expect(processing).toMatchObject({ name: 'U-ON → Telegram', status: 'running' });
    const secrets = (await apiAs(page, '/api/secrets')) as { name: string }[];
    expect(secrets.map((s) => s.name).sort()).toEqual(['TELEGRAM_BOT_TOKEN', 'UON_KEY']);

    // The gallery, reached from a list that is no longer empty, in both sizes.
    await page.goto(`${platform.url}/processings`);
    await user.click(page.getByRole('button', { name: 'Из шаблона' }));
    await page.getByRole('heading', { name: 'Новая обработка из шаблона' }).waitFor();
    await shot('11-gallery');

    process.stdout.write(`wizard U-ON → Telegram: ${count} user actions, ${seconds.toFixed(1)} s (390×844)\n`);
    expect(consoleErrors.filter((text) => !/Failed to load resource/.test(text))).toEqual([]);
    expect(count).toBeLessThanOrEqual(MAX_ACTIONS);
    await context.close();
  }, 180_000);
});
