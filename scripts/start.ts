/**
 * `npm start`: build the extension, serve the bundled sample article under its real portal host name,
 * and open Chromium with Sổ tay loaded on it.
 *
 *   npm start                       a window (when a display is available), until you close it
 *   npm start -- --headless         no window: prints what it opened, then exits
 *   npm start -- --screenshot a.png also saves a screenshot of the article (and a.popup.png of the popup)
 *   npm start -- --no-build         use the existing build (.output/chrome-mv3, or $SOTAY_OUT_DIR/chrome-mv3)
 *   npm start -- --fresh            a new empty profile instead of .sotay-profile/ (where your notes are kept)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSiteServer } from './lib/site-server';
import { launchWithExtension, freshProfileDir } from './lib/browser';

export const SAMPLE_URL =
  'http://hanoi.gov.vn/tin-tuc-su-kien/lan-toa-tinh-than-hoc-tap-va-lam-theo-tam-guong-cua-bac-4230612155218163.htm';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
  },
});

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = values.headless || !hasDisplay;

if (!values['no-build']) {
  console.log('Building the extension…');
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = await startSiteServer(['sample/sites'], Number(values.port));
let userDataDir: string;
if (values.fresh) {
  userDataDir = freshProfileDir();
} else {
  userDataDir = resolve('.sotay-profile');
  mkdirSync(userDataDir, { recursive: true });
}
const browser = await launchWithExtension({ headless, hostResolverRules: server.hostResolverRules, userDataDir });
const page = await browser.context.newPage();
await page.goto(SAMPLE_URL);
// Close the blank start tab so the article is what the user sees.
for (const other of browser.context.pages()) if (other !== page && other.url() === 'about:blank') await other.close();

const tabId = await browser.serviceWorker.evaluate(async () => {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
});
const report = await browser.serviceWorker.evaluate(async (id) => {
  for (let i = 0; i < 60; i++) {
    const state = await chrome.storage.session.get(`tab:${id}`);
    if (state[`tab:${id}`]) return state[`tab:${id}`] as { title: string };
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}, tabId);

console.log(`Sổ tay ${headless ? '(headless)' : ''} — extension ${browser.extensionId}`);
console.log(`Opened ${SAMPLE_URL}`);
console.log(`  served from sample/sites on 127.0.0.1:${server.port} under its portal host name`);
console.log(report ? `  Sổ tay is active on it: "${report.title}"` : '  Sổ tay did NOT report this page (is the build current?)');
console.log(`  profile: ${userDataDir}`);

if (values.screenshot) {
  const file = resolve(values.screenshot);
  await page.screenshot({ path: file });
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 420 });
  await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
  await popup.waitForSelector('main h1');
  const popupFile = file.replace(/(\.png)?$/i, '.popup.png');
  await popup.screenshot({ path: popupFile });
  await popup.close();
  console.log(`  screenshots: ${file}, ${popupFile}`);
}

async function shutdown(code: number) {
  await browser.close().catch(() => undefined);
  await server.close();
  process.exit(code);
}

if (headless) {
  await shutdown(report ? 0 : 1);
} else {
  console.log('Close the browser window to stop.');
  browser.context.on('close', () => void server.close().then(() => process.exit(0)));
  process.on('SIGINT', () => void shutdown(0));
}

declare const chrome: typeof import('@wxt-dev/browser').Browser;
