import { chromium, type Browser, type Page } from 'playwright-core';
import type { ProcessingView } from '@provod/contracts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { api } from '../support/flows';
import { resetState, startApi, type RunningApi } from '../support/platform';
import { agent, signUp, type Session } from '../support/session';
import { ensureWebBuild, webDist } from './web-build';

/**
 * The editor's version history in real Chromium: who saved what, a version's differences from the
 * current one, and a restore that becomes a new version; then the same editor as a viewer, who reads
 * but is offered nothing that changes the processing.
 */
const shots = join(__dirname, '../../test-output/versions');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ack = (template: string) => ({ id: 'a1', key: 'ack', type: 'json_composer', name: 'Ответ', settings: { template } });

describe('version history and roles in the editor', () => {
  let platform: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    ensureWebBuild();
    platform = await startApi({ WEB_DIST: webDist });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function pageAs(session: Session): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    const url = new URL(platform.url);
    await context.addCookies(
      session.cookie.split('; ').map((pair) => ({ name: pair.split('=')[0] as string, value: pair.split('=')[1] as string, domain: url.hostname, path: '/' })),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function guarded(page: Page, name: string, walk: () => Promise<void>) {
    try {
      await walk();
    } catch (error) {
      await page.screenshot({ path: join(shots, `failure-${name}.png`), fullPage: true }).catch(() => undefined);
      throw error;
    }
  }

  it('lists versions with their authors, shows a diff, restores as a new version; a viewer only reads', async () => {
    await resetState();
    const owner = await signUp(platform.url, 'olga@agency.example', { name: 'Ольга' });
    const { inviteUrl } = (await agent(owner).post('/api/workspaces/current/invites').send({ email: 'vera@agency.example', role: 'viewer' }).expect(201)).body;
    const viewer = await signUp(platform.url, 'vera@agency.example', { inviteToken: new URL(inviteUrl).searchParams.get('invite') });
    const { body: processing } = await api<ProcessingView>(owner, 'POST', '/api/processings', { name: 'Заявки', actions: [ack('{"v": 1}')] });
    await api(owner, 'PATCH', `/api/processings/${processing.id}`, { actions: [ack('{"v": 2}')] });

    const page = await pageAs(owner);
    await guarded(page, 'owner', async () => {
      await page.goto(`${platform.url}/processings/${processing.id}`);
      // What the viewer below must not be offered, the owner is.
      for (const name of ['Запустить', 'Проверить всё', 'Отправить тестовое письмо', 'Выдать новый адрес']) await page.getByRole('button', { name, exact: true }).waitFor();
      await page.getByRole('button', { name: 'Версии' }).click();
      const list = page.getByRole('list', { name: 'Версии' });
      await list.getByRole('listitem', { name: 'v2' }).getByText('текущая').waitFor();
      await list.getByRole('listitem', { name: 'v1' }).getByText('Ольга · olga@agency.example').waitFor();

      await list.getByRole('listitem', { name: 'v1' }).getByRole('button', { name: 'Сравнить с текущей' }).click();
      const diff = page.getByRole('region', { name: 'Версия 1 → текущая (версия 2)' });
      await diff.getByText('Шаг «Ответ»').waitFor();
      await diff.getByText('settings.template').waitFor();
      await page.screenshot({ path: join(shots, 'diff.png'), fullPage: true });

      await page.getByRole('button', { name: 'Восстановить версию 1' }).click();
      await page.getByRole('dialog', { name: 'Восстановить версию 1?' }).getByRole('button', { name: 'Восстановить' }).click();
      await page.getByText('Версия 1 восстановлена: сохранена как версия 3').waitFor();
    });
    const restored = await api<ProcessingView>(owner, 'GET', `/api/processings/${processing.id}`);
    expect(restored.body).toMatchObject({ version: 3, actions: [{ settings: { template: '{"v": 1}' } }] });

    const asViewer = await pageAs(viewer);
    await guarded(asViewer, 'viewer', async () => {
      await asViewer.goto(`${platform.url}/processings/${processing.id}`);
      await asViewer.getByText('Вы наблюдатель в этом рабочем пространстве', { exact: false }).waitFor();
      await asViewer.getByRole('textbox', { name: 'Шаблон JSON' }).or(asViewer.getByText('Шаблон JSON')).first().waitFor();
      for (const name of ['Сохранить', 'Запустить', 'Проверить всё', 'Сохранить получателей', 'Отправить тестовое письмо', 'Выдать новый адрес']) {
        expect({ name, shown: await asViewer.getByRole('button', { name, exact: true }).count() }).toEqual({ name, shown: 0 });
      }
      // No live preview: it would be a test run, which a viewer may not make (so no refusal shows either).
      expect(await asViewer.getByRole('button', { name: 'Обновить', exact: true }).count()).toBe(0);
      expect(await asViewer.getByText('Ваша роль в этом пространстве', { exact: false }).count()).toBe(0);
      expect(await asViewer.getByRole('link', { name: 'Секреты' }).count()).toBe(0);
      await asViewer.getByRole('button', { name: 'Версии' }).click();
      await asViewer.getByRole('list', { name: 'Версии' }).getByRole('listitem', { name: 'v3' }).getByText('восстановлена из версии 1').waitFor();
      expect(await asViewer.getByRole('button', { name: /Восстановить/ }).count()).toBe(0);
      await asViewer.screenshot({ path: join(shots, 'viewer.png'), fullPage: true });
    });
  }, 120_000);
});
