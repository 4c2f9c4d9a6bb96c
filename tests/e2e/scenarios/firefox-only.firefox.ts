/**
 * What only Firefox needs checking, beyond the shared scenarios: the MV3 APIs Sổ tay leans on behave
 * there as in Chromium — an optional host permission asked for from settings, a content script registered
 * for that domain, the keyboard command, and persistent storage (granted without a prompt in Firefox).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSiteServer, type SiteServer } from '../../../scripts/lib/site-server';
import { SITE_ROOTS } from '../support';
import type { ScenarioBrowser } from './driver';
import { FIREFOX_SITE_ROOTS, launchFirefoxScenarioBrowser } from './firefox-driver';
import { paintedTexts } from './page-scripts';

// Code passed to evaluate() in an extension page runs with the extension API.
declare const browser: typeof import('webextension-polyfill');

const OTHER_URL = 'http://tintuc.example.org/bai-viet/thu-vien-so.html';
const OTHER_PASSAGE = 'thói quen đọc sách mỗi ngày';
const POLL = { timeout: 30_000, interval: 100 };

let server: SiteServer;
let firefox: ScenarioBrowser | undefined;

beforeAll(async () => {
  server = await startSiteServer([...SITE_ROOTS, ...FIREFOX_SITE_ROOTS]);
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  await firefox?.close();
  firefox = undefined;
});

describe('Firefox platform', () => {
  it('adds a domain in settings (optional host permission, registered content script); command and persistent storage', async () => {
    // Firefox's test pref answers permissions.request as a click on "Allow" would; the request itself,
    // and everything after it, is the shipped code path.
    firefox = await launchFirefoxScenarioBrowser(server, { autoGrantOptionalPermissions: true });
    const settings = await firefox.openLibrary('settings');
    await settings.type('textbox', 'Tên miền', 'tintuc.example.org');
    await settings.click('button', 'Thêm tên miền');
    await expect.poll(() => settings.textOf('custom-domains'), POLL).toContain('tintuc.example.org');
    const api = await settings.evaluate(async () => {
      const origins = ['*://*.tintuc.example.org/*'];
      return {
        granted: await browser.permissions.contains({ origins }),
        scripts: (await browser.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: s.matches })),
        commands: (await browser.commands.getAll()).map((c) => ({ name: c.name, shortcut: c.shortcut })),
      };
    }, undefined);
    expect(api.granted).toBe(true);
    expect(api.scripts).toEqual([{ id: 'domain-tintuc.example.org', matches: ['*://*.tintuc.example.org/*'] }]);
    expect(api.commands).toContainEqual({ name: 'highlight-selection', shortcut: 'Alt+Shift+H' });

    // The registered script runs on that domain: selecting text there highlights it.
    const other = await firefox.open(OTHER_URL);
    await firefox.waitForSotay(other);
    await other.dragSelect(OTHER_PASSAGE);
    await other.click('button', 'Đánh dấu màu vàng');
    await expect.poll(() => other.evaluate(paintedTexts, 'yellow'), POLL).toEqual([OTHER_PASSAGE]);

    // Persistent storage: asked from the Backup tab, granted at once (no prompt), and shown as such.
    const backup = await firefox.openLibrary('backup');
    await backup.click('button', 'Xin lưu trữ bền vững');
    await expect.poll(() => backup.evaluate(() => navigator.storage.persisted(), undefined), POLL).toBe(true);
    await expect
      .poll(() => backup.evaluate(() => document.body.textContent ?? '', undefined), POLL)
      .toContain('Đã được lưu trữ bền vững');
  }, 300_000);
});
