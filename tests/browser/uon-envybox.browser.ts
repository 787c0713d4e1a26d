import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FakeEnvybox } from '../support/fake-envybox';
import { FakeUon } from '../support/fake-uon';
import { startApi, startWorker, type RunningApi, type RunningWorker } from '../support/platform';
import { ensureWebBuild, webDist } from './web-build';

/**
 * The office manager's path, entirely through the UI in real Chromium, from an empty database:
 * sign up the owner, store the U-ON and Envybox keys, build the U-ON → Envybox processing step by
 * step with the field picker, test it, save, start, send a U-ON webhook, and read Envybox's answer
 * in the history. The API serves the built web app; the worker runs the operation; local servers
 * answer like U-ON and Envybox.
 */
const shots = join(__dirname, '../../test-output/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('U-ON → Envybox built in the browser', () => {
  let platform: RunningApi;
  // The same app on 127.0.0.2 over plain http: loopback, yet not "localhost", so Chromium does not
  // treat it as a secure context; this is how a self-hoster first opens http://server-ip:3000.
  let plainHttp: Server;
  let appUrl: string;
  let worker: RunningWorker;
  let uon: FakeUon;
  let envybox: FakeEnvybox;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    ensureWebBuild();
    platform = await startApi({ WEB_DIST: webDist });
    plainHttp = createServer(platform.app.getHttpAdapter().getInstance());
    await new Promise<void>((resolve) => plainHttp.listen(0, '127.0.0.2', resolve));
    appUrl = `http://127.0.0.2:${(plainHttp.address() as AddressInfo).port}`;
    worker = await startWorker();
    uon = await new FakeUon().start();
    envybox = await new FakeEnvybox().start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await new Promise((resolve) => (plainHttp ? plainHttp.close(resolve) : resolve(undefined)));
    await platform?.close();
    await uon?.stop();
    await envybox?.stop();
  });

  /** Waits out Mantine's enter transitions (about 200 ms), then captures the viewport. */
  const shot = async (name: string) => {
    await page.waitForTimeout(350);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false, animations: 'disabled' });
  };
  const step = (key: string): Locator => page.locator(`[data-step="${key}"]`);

  /** Opens the field picker next to a field and chooses the entry with this exact label. */
  async function pick(pickerName: string | RegExp, entry: string, screenshot?: string) {
    await page.getByRole('button', { name: pickerName }).click();
    const dialog = page.getByRole('dialog', { name: pickerName });
    if (screenshot) await shot(screenshot);
    await dialog.getByRole('textbox').fill(entry.replace(/^.*\[/, '').replace(/\]$/, ''));
    await dialog.getByText(entry, { exact: true }).click();
  }

  /** Replaces a CodeMirror document the way a paste would (typing would trigger bracket auto-closing). */
  async function setCode(editor: Locator, text: string) {
    await editor.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
  }

  async function addStep(type: string) {
    await page.getByRole('button', { name: 'Добавить шаг' }).click();
    await page.getByRole('menuitem', { name: new RegExp(type) }).click();
  }

  async function setKey(card: Locator, key: string, name: string) {
    await card.getByRole('textbox', { name: 'Название шага' }).fill(name);
    const keyInput = card.getByRole('textbox', { name: 'Ключ для ссылок' });
    await keyInput.fill(key);
    // The card is found by its key, which has just changed: leave the field by keyboard.
    await page.keyboard.press('Tab');
  }

  it('is built, tested, started and watched without touching JSON by hand', async () => {
    try {
      await walkThrough();
    } catch (error) {
      // The screen at the moment of failure says more than the locator that timed out.
      await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => undefined);
      throw error;
    }
    expect(consoleErrors.filter((text) => !/Failed to load resource/.test(text))).toEqual([]);
  }, 300_000);

  async function walkThrough() {
    // 1. An empty installation asks for its owner.
    await page.goto(`${appUrl}/`);
    await page.waitForURL(/\/signup$/);
    await page.getByRole('heading', { name: 'Первый запуск: создайте владельца' }).waitFor();
    await page.getByRole('textbox', { name: 'Имя' }).fill('Ольга');
    await page.getByRole('textbox', { name: 'Эл. почта' }).fill('olga@agency.example');
    await page.getByLabel('Пароль').fill('correct horse battery');
    await shot('01-signup');
    await page.getByRole('button', { name: 'Создать владельца и войти' }).click();
    await page.waitForURL(/\/processings$/);
    await page.getByText('Обработок пока нет').waitFor();
    await shot('02-processings-empty');

    // 2. Secrets: values are typed once and never shown again.
    await page.getByRole('link', { name: 'Секреты' }).click();
    for (const [name, value] of [
      ['UON_KEY', uon.apiKey],
      ['ENVYBOX_KEY', envybox.apiKey],
    ]) {
      await page.getByRole('button', { name: 'Добавить секрет' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Новый секрет' });
      await dialog.getByRole('textbox', { name: 'Имя' }).fill(name as string);
      await dialog.getByLabel('Значение').fill(value as string);
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByRole('cell', { name: name as string, exact: true }).waitFor();
      await dialog.waitFor({ state: 'hidden' });
    }
    await shot('03-secrets');

    // 3. A new, empty processing opens in the editor.
    await page.getByRole('link', { name: 'Обработки' }).click();
    await page.getByRole('button', { name: 'Новая обработка' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Название' }).fill('U-ON → Envybox');
    await page.getByRole('dialog').getByRole('button', { name: 'Создать' }).click();
    await page.waitForURL(/\/processings\/[0-9a-f-]+$/);
    const webhookUrl = (await page.getByTestId('webhook-url').textContent())?.trim() ?? '';
    expect(webhookUrl).toMatch(new RegExp(`^${appUrl}/hooks/[A-Za-z0-9_-]+$`));

    // 4. Source: one parameter, r_id (U-ON also calls it request_id).
    await page.getByRole('button', { name: 'Добавить параметр' }).click();
    await page.getByRole('textbox', { name: 'Имя параметра 1' }).fill('r_id');
    const otherKeys = page.getByRole('combobox', { name: 'Другие ключи параметра 1' });
    await otherKeys.fill('request_id');
    await otherKeys.press('Enter');

    // 5. A sample event: a U-ON-style GET sent from the editor's own form (the processing is stopped, so it is held).
    await page.getByRole('button', { name: /Образец события/ }).click();
    await page.getByRole('textbox', { name: 'Параметры строки запроса' }).fill('r_id=61&type_id=2');
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await page.getByText(/Событие от .*r_id=61/).waitFor();
    await page.getByRole('button', { name: /Образец события/ }).click();

    // 6. Step 1: fetch the request from U-ON. The URL is built with the field picker.
    await addStep('HTTP-запрос');
    const fetchCard = page.locator('[data-step]').nth(0);
    await setKey(fetchCard, 'fetch_request', 'Получить заявку из U-ON');
    const url = step('fetch_request').getByRole('textbox', { name: /Адрес \(URL\)/ });
    await url.fill(`${uon.url}/`);
    await pick('Вставить значение в поле «Адрес (URL)»', 'Секреты [UON_KEY]');
    await url.press('End');
    await url.pressSequentially('/request/');
    await pick('Вставить значение в поле «Адрес (URL)»', 'Вебхук [r_id]', '04-field-picker');
    await url.press('End');
    await url.pressSequentially('.json');
    await expect(url.inputValue()).resolves.toBe(`${uon.url}/{{secrets.UON_KEY}}/request/{{source.r_id}}.json`);
    await step('fetch_request').getByRole('button', { name: 'Проверить', exact: true }).click();
    await step('fetch_request').getByLabel('Результат проверки').getByText('Успешно').waitFor();

    // 7. Step 2: parse the fields, chosen from the sample (Webjack paths), plus one typed by hand.
    await addStep('Разбор JSON');
    await setKey(step('fields'), 'fields', 'Разобрать заявку');
    await expect(step('fields').getByRole('textbox', { name: /Что разбирать/ }).inputValue()).resolves.toBe('{{fetch_request.body}}');
    await step('fields').getByRole('button', { name: 'Выбрать поля из образца' }).click();
    const choose = page.getByRole('dialog', { name: 'Какие поля достать' });
    for (const field of ['id', 'dat', 'client_name', 'client_surname', 'client_phone_mobile', 'client_email']) {
      await choose.getByRole('checkbox', { name: new RegExp(`^\\[request\\]\\[0\\]\\[${field}\\]`) }).check();
    }
    await choose.getByRole('button', { name: /Добавить 6/ }).click();
    await step('fields').getByRole('button', { name: 'Добавить поле' }).click();
    await step('fields').getByRole('textbox', { name: 'Имя поля 7' }).fill('dat_close');
    await step('fields').getByRole('textbox', { name: 'Путь поля 7' }).fill('["request"][0]["dat_close"]');
    await expect(step('fields').getByRole('textbox', { name: 'Путь поля 3' }).inputValue()).resolves.toBe('[request][0][client_name]');
    await expect(step('fields').getByLabel('Значение поля 3 в образце').textContent()).resolves.toContain('Алексей');

    // 8. Step 3: compose the Envybox lead; the preview renders on the server from the unsaved steps.
    await addStep('Сборка JSON');
    await setKey(step('json'), 'lead', 'Собрать лид для Envybox');
    const template = JSON.stringify(
      {
        request: {
          method: 'create',
          values: {
            name: '{{fields.client_name}} {{fields.client_surname}}',
            phone: '{{digits fields.client_phone_mobile}}',
            email: '{{fields.client_email}}',
            comment: 'U-ON #{{fields.id}} от {{fields.dat}}; закрыта: {{default fields.dat_close "нет"}}',
          },
        },
      },
      null,
      2,
    );
    await setCode(step('lead'), template.replace('"create"', '"create",'));
    await step('lead').getByText('Строка 3, столбец 24: лишний или неожиданный символ «,»').waitFor();
    await shot('05-editor-invalid-json');
    await setCode(step('lead'), template);
    const preview = step('lead').getByLabel('Результат на образце');
    await preview.getByText('"Алексей Артамонов"').waitFor({ timeout: 20_000 });
    await preview.getByText('"79270000000"').waitFor();

    // 9. Step 4: POST the lead to Envybox, the key in the query string from the secrets.
    await addStep('HTTP-запрос');
    await setKey(page.locator('[data-step]').nth(3), 'create_lead', 'Создать лид в Envybox');
    const send = step('create_lead');
    await send.getByRole('combobox', { name: 'Метод' }).click();
    await page.getByRole('option', { name: 'POST' }).click();
    await send.getByRole('textbox', { name: /Адрес \(URL\)/ }).fill(`${envybox.url}/openapi/v1/lead/set/`);
    await send.getByRole('button', { name: 'Добавить параметр' }).click();
    await send.getByRole('textbox', { name: 'Имя параметра 1' }).fill('api_key');
    await pick('Вставить значение в поле «Значение 1»', 'Секреты [ENVYBOX_KEY]');
    await send.locator('label').filter({ hasText: /^JSON$/ }).click();
    await setCode(send, '{{lead}}');

    // 10. Test all: the write is not sent, and the request it would send is shown.
    await page.getByRole('button', { name: 'Проверить всё' }).click();
    await send.getByText('Не отправлен').first().waitFor();
    expect(envybox.leads).toHaveLength(0);
    await page.getByRole('button', { name: /Разобрать заявку/ }).first().click();
    await page.mouse.wheel(0, -100_000);
    await shot('06-editor');

    // 11. Save, then start: the held sample event is offered for processing; it is discarded here.
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.getByText(/Сохранено: версия \d+/).waitFor();
    await page.getByRole('button', { name: 'Запустить' }).click();
    const held = page.getByRole('dialog', { name: 'Есть отложенные события' });
    await held.getByText(/пришло 1 событие/).waitFor();
    await shot('07-held-events');
    await held.getByRole('button', { name: 'Отменить их' }).click();
    await held.waitFor({ state: 'hidden' });

    // 12. U-ON sends its webhook: a GET with r_id in the query string.
    const hook = await fetch(`${webhookUrl}?r_id=61&type_id=2`);
    expect(hook.status).toBe(200);

    // 13. History shows the operation succeeded; its detail shows Envybox's answer.
    await page.getByRole('link', { name: 'История' }).click();
    await page.waitForURL(/\/history$/);
    const row = page.locator('tbody tr').filter({ hasText: 'Успешно' }).first();
    await row.waitFor({ timeout: 30_000 });
    await shot('08-history');
    await row.getByRole('link').click();
    await page.waitForURL(/\/operations\/[0-9a-f-]+$/);
    const created = step('create_lead');
    await created.getByText('"success"').waitFor();
    await created.getByText('message:', { exact: true }).waitFor();
    await shot('09-operation');
    await created.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, '10-operation-envybox-answer.png'), fullPage: true });

    expect(envybox.leads).toHaveLength(1);
    expect(envybox.leads[0]?.body).toMatchObject({
      request: { method: 'create', values: { name: 'Алексей Артамонов', phone: '79270000000', email: 'client@example.com' } },
    });

    // 14. The list shows the day's counters and chart; members can be invited.
    await page.getByRole('link', { name: 'Обработки' }).click();
    await page.getByText(/1 успешная/).waitFor();
    await shot('11-processings');
    await page.getByRole('link', { name: 'Участники' }).click();
    await page.getByRole('textbox', { name: 'Пригласить по почте' }).fill('anna@agency.example');
    await page.getByRole('button', { name: 'Пригласить' }).click();
    await page.getByText('ссылку можно отправить и самостоятельно', { exact: false }).waitFor();
    await shot('12-members');

    // 15. A template through the wizard: the saved keys are offered, only the Envybox address is asked;
    //     the result opens as a ready flow, and leaving with unsaved edits asks first.
    await page.getByRole('link', { name: 'Обработки' }).click();
    await page.getByRole('button', { name: 'Из шаблона' }).click();
    await page.getByRole('link', { name: /U-ON заявка → Envybox/ }).click();
    await page.getByRole('textbox', { name: 'Адрес вашего Envybox' }).fill(envybox.url);
    await page.getByRole('button', { name: 'Создать обработку' }).click();
    await page.getByRole('heading', { name: 'Подключите U-ON' }).waitFor();
    await page.getByRole('link', { name: 'Открыть в редакторе' }).click();
    await page.waitForURL(/\/processings\/[0-9a-f-]+$/);
    await page.getByText('Создать лид в Envybox').waitFor();
    await shot('13-template-editor');
    await page.getByRole('textbox', { name: 'Название обработки' }).fill('Шаблон (черновик)');
    await page.getByRole('link', { name: 'Обработки' }).click();
    const leave = page.getByRole('dialog', { name: 'Уйти без сохранения?' });
    await leave.waitFor();
    await shot('14-unsaved-guard');
    await leave.getByRole('button', { name: 'Уйти без сохранения' }).click();
    await page.waitForURL(/\/processings$/);

    // 16. Duplicate and delete from the list, with a confirmation before deleting.
    const templateCard = page.getByRole('article').filter({ hasText: 'U-ON заявка → Envybox' });
    await templateCard.getByRole('button', { name: /Ещё действия/ }).click();
    await page.getByRole('menuitem', { name: 'Дублировать' }).click();
    await page.getByRole('article').filter({ hasText: '(copy)' }).waitFor();
    for (const card of [page.getByRole('article').filter({ hasText: '(copy)' }), templateCard]) {
      await card.getByRole('button', { name: /Ещё действия/ }).click();
      await page.getByRole('menuitem', { name: 'Удалить' }).click();
      await page.getByRole('dialog', { name: 'Удалить обработку?' }).getByRole('button', { name: 'Удалить' }).click();
      await card.waitFor({ state: 'detached' });
    }
    await expect(page.getByRole('article').count()).resolves.toBe(1);

    // 17. The same screens in English, by the header switch.
    await page.locator('header label').filter({ hasText: /^EN$/ }).click();
    await page.getByRole('link', { name: 'Processings' }).click();
    await page.getByText(/1 succeeded/).waitFor();
    await shot('15-processings-en');

    // 18. The owner's system page: the worker alive, the queue, mail and the database.
    await page.locator('header label').filter({ hasText: /^RU$/ }).click();
    await page.getByRole('link', { name: 'Система' }).click();
    await page.getByRole('heading', { name: 'Система' }).waitFor();
    await page.getByRole('table', { name: 'Процессы-обработчики' }).getByText(`:${process.pid}`).waitFor();
    await page.getByText('Почта не настроена').waitFor();
    await shot('16-system');
  }
});
