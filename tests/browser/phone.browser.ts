import { chromium, type Browser, type Page } from 'playwright-core';
import type { OperationDetail, OperationSummary, ProcessingView } from '@provod/contracts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FakeEnvybox } from '../support/fake-envybox';
import { FakeUon } from '../support/fake-uon';
import { api, uonToEnvybox } from '../support/flows';
import { resetState, startApi, startWorker, waitFor, type RunningApi, type RunningWorker } from '../support/platform';
import { signUp, type Session } from '../support/session';
import { ensureWebBuild, webDist } from './web-build';

/**
 * The screens the office manager opens from a phone (390×844): the processings list, the history,
 * a failed event with its error in plain Russian, a held event that can be processed from its own
 * page, and the editor, which must still save. Each page must fit the screen's width (nothing
 * reachable only by scrolling sideways); a screenshot of each lands in test-output/screenshots.
 */
const shots = join(__dirname, '../../test-output/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PHONE = { width: 390, height: 844 };

describe('Provod on a phone', () => {
  let platform: RunningApi;
  let worker: RunningWorker;
  let uon: FakeUon;
  let envybox: FakeEnvybox;
  let browser: Browser;
  let page: Page;
  let session: Session;
  let processing: ProcessingView;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    ensureWebBuild();
    await resetState();
    platform = await startApi({ WEB_DIST: webDist });
    worker = await startWorker();
    uon = await new FakeUon().start();
    envybox = await new FakeEnvybox().start();
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
    await uon?.stop();
    await envybox?.stop();
    // The next browser suite starts from an empty installation, as a new user would.
    await resetState();
  });

  /** Waits out Mantine's transitions, then captures the viewport. */
  const shot = async (name: string) => {
    await page.waitForTimeout(350);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false, animations: 'disabled' });
  };

  /** Nothing on the page is wider than the phone: no sideways scrolling to reach a column or a button. */
  async function expectFitsWidth(what: string) {
    // Runs in the page; the specs are compiled without the DOM library, so the document is typed here.
    const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect({ what, width }).toEqual({ what, width: PHONE.width });
  }

  async function operations(): Promise<OperationSummary[]> {
    return (await api<{ items: OperationSummary[] }>(session, 'GET', `/api/processings/${processing.id}/operations`)).body.items;
  }

  async function finished(id: string): Promise<OperationDetail> {
    return waitFor(async () => {
      const op = (await api<OperationDetail>(session, 'GET', `/api/operations/${id}`)).body;
      return ['succeeded', 'failed', 'held'].includes(op.status) ? op : undefined;
    }, 30_000, `operation ${id} to finish`);
  }

  async function hook(query: string): Promise<string> {
    const res = await fetch(`${platform.url}/hooks/${processing.webhookToken}?${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { operationId: string }).operationId;
  }

  it('shows the list, history, a failed and a held event, and the editor within the width of a phone', async () => {
    try {
      await walkThrough();
    } catch (error) {
      await page?.screenshot({ path: join(shots, 'phone-failure.png'), fullPage: true }).catch(() => undefined);
      throw error;
    }
    expect(consoleErrors.filter((text) => !/Failed to load resource/.test(text))).toEqual([]);
  });

  it('shows status badges whole on a wide screen (1440 px), not cut to «ОСТАНОВЛ…»', async () => {
    await api(session, 'POST', `/api/processings/${processing.id}/stop`);
    await api(session, 'PATCH', `/api/processings/${processing.id}`, { name: 'U-ON → Envybox: новая заявка в лид, длинное название обработки для проверки' });
    const wide = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    const url = new URL(platform.url);
    await wide.addCookies(session.cookie.split('; ').map((pair) => ({ name: pair.split('=')[0] as string, value: pair.split('=')[1] as string, domain: url.hostname, path: '/' })));
    page = await wide.newPage();
    // A held event the user discarded is in the history too.
    const dropped = await hook('r_id=61&type_id=2');
    expect((await finished(dropped)).status).toBe('held');
    expect((await api<{ count: number }>(session, 'POST', `/api/processings/${processing.id}/held/discard`)).body.count).toBe(1);
    for (const path of ['/processings', `/processings/${processing.id}`, `/processings/${processing.id}/history`, `/operations/${dropped}`]) {
      await page.goto(`${platform.url}${path}`);
      const badge = page.locator('.mantine-Badge-root', { hasText: path.startsWith('/operations') ? 'Отменена' : 'Остановлена' }).first();
      await badge.waitFor();
      // The label is cut when its text is wider than the box it got.
      const cut = await badge.evaluate((element) => {
        const label = element.querySelector('.mantine-Badge-label') ?? element;
        return label.scrollWidth > label.clientWidth + 1;
      });
      expect({ path, cut }).toEqual({ path, cut: false });
    }
    await page.goto(`${platform.url}/processings`);
    await shot('wide-01-processings-badge');
    // The operation detail on a wide screen: the summaries above the raw JSON.
    const succeeded = (await operations()).find((op) => op.status === 'succeeded' && !op.replayOf);
    await page.goto(`${platform.url}/operations/${succeeded?.id}`);
    await page.locator('[data-step="create_lead"]').getByTestId('step-summary').waitFor();
    await shot('wide-02-operation');
    await wide.close();
  });

  async function walkThrough() {
    // An owner with both keys and the shipped template, started; as the API would have them after setup.
    session = await signUp(platform.url, 'olga@agency.example', { name: 'Ольга' });
    await api(session, 'PUT', '/api/secrets/UON_KEY', { value: uon.apiKey });
    await api(session, 'PUT', '/api/secrets/ENVYBOX_KEY', { value: envybox.apiKey });
    const imported = await api<ProcessingView>(session, 'POST', '/api/processings/import', uonToEnvybox(uon.url, envybox.url));
    expect(imported.status).toBe(201);
    processing = (await api<ProcessingView>(session, 'POST', `/api/processings/${imported.body.id}/start`)).body;

    // One event succeeds; one asks U-ON for a request it does not have; once the request exists in
    // U-ON, that one is replayed and succeeds; then, stopped, the processing holds an event.
    const ok = await hook('r_id=61&type_id=2');
    const missing = await hook('r_id=69&type_id=2');
    expect((await finished(ok)).status).toBe('succeeded');
    expect((await finished(missing)).status).toBe('failed');
    uon.requests.set('69', { ...(uon.requests.get('61') as Record<string, unknown>), id: 69 });
    const replayed = await api<OperationSummary>(session, 'POST', `/api/operations/${missing}/replay`, { from: 'failed', version: 'original' });
    expect(replayed.status).toBe(201);
    expect((await finished(replayed.body.id)).status).toBe('succeeded');
    await api(session, 'POST', `/api/processings/${processing.id}/stop`);
    const held = await hook('r_id=61&type_id=2');
    expect((await finished(held)).status).toBe('held');

    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    const url = new URL(platform.url);
    await context.addCookies(
      session.cookie.split('; ').map((pair) => {
        const [name, value] = pair.split('=') as [string, string];
        return { name, value, domain: url.hostname, path: '/' };
      }),
    );
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));

    // 1. The processings list: the name is readable, the menu opens inside the screen.
    await page.goto(`${platform.url}/processings`);
    const card = page.getByRole('article').first();
    const name = card.getByRole('link', { name: processing.name, exact: true });
    await name.waitFor();
    expect((await name.boundingBox())?.width ?? 0).toBeGreaterThan(120);
    await expectFitsWidth('processings');
    await shot('phone-01-processings');
    await card.getByRole('button', { name: /Ещё действия/ }).click();
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Удалить' }).waitFor();
    const box = await menu.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    await shot('phone-02-processing-menu');
    await page.keyboard.press('Escape');

    // 2. The main navigation is one tap away.
    await page.getByRole('button', { name: 'Разделы' }).click();
    await page.getByRole('menuitem', { name: 'Секреты' }).waitFor();
    await shot('phone-03-navigation');
    await page.keyboard.press('Escape');

    // 3. History: one card per event, status and error readable without sideways scrolling.
    await page.goto(`${platform.url}/processings/${processing.id}/history`);
    const events = page.getByRole('list', { name: 'События' });
    await events.getByRole('listitem').nth(3).waitFor();
    await expectFitsWidth('history');
    await page.getByTestId('held-bar').waitFor();
    const failedCard = events.getByRole('listitem').filter({ hasText: 'Ошибка' });
    await failedCard.getByText(/нет то, что запросил шаг|не нашёл/).waitFor();
    await events.getByRole('listitem').filter({ hasText: 'повторено → успешно' }).waitFor();
    await shot('phone-04-history');
    await events.scrollIntoViewIfNeeded();
    await shot('phone-04b-history-events');

    // 4. The failed event: the error in plain Russian, the technical detail one tap away.
    await page.goto(`${platform.url}/operations/${missing}`);
    const alert = page.getByRole('alert').first();
    await alert.getByText(/не нашёл то, что запросил шаг \(404\)/).waitFor();
    await expectFitsWidth('failed operation');
    await shot('phone-05-operation-failed');
    await alert.getByRole('button', { name: 'Подробности' }).click();
    await page.getByText('Код ошибки: http_status').first().waitFor();
    await expectFitsWidth('failed operation, details open');
    await shot('phone-06-operation-error-details');

    // 5. A succeeded event: the summary per step above the raw JSON.
    await page.goto(`${platform.url}/operations/${ok}`);
    await page.locator('[data-step="create_lead"]').getByTestId('step-summary').getByText(/Отправлено в/).waitFor();
    await expectFitsWidth('succeeded operation');
    await page.locator('[data-step="create_lead"]').scrollIntoViewIfNeeded();
    await shot('phone-07-operation-summary');

    // 6. The held event is decided on its own page: processed (the processing is started for it).
    await page.goto(`${platform.url}/operations/${held}`);
    await page.getByTestId('held-bar').getByRole('button', { name: 'Обработать или отменить…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Есть отложенные события' });
    await dialog.getByRole('button', { name: /Запустить и обработать 1/ }).waitFor();
    await expectFitsWidth('held operation');
    await shot('phone-08-held-event');
    await dialog.getByRole('button', { name: /Запустить и обработать 1/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await finished(held)).status).toBe('succeeded');

    // 7. The editor is readable and saves.
    await page.goto(`${platform.url}/processings/${processing.id}`);
    const title = page.getByRole('textbox', { name: 'Название обработки' });
    await title.fill('U-ON → Envybox (телефон)');
    await shot('phone-09-editor');
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.getByText(/Сохранено: версия \d+/).waitFor();
    await shot('phone-10-editor-saved');
    const saved = await api<ProcessingView>(session, 'GET', `/api/processings/${processing.id}`);
    expect(saved.body.name).toBe('U-ON → Envybox (телефон)');
    expect((await operations()).length).toBe(4);
  }
});
