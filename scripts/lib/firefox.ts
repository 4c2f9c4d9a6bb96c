/**
 * Launches Debian's Firefox ESR with the built add-on installed, over WebDriver BiDi (puppeteer-core),
 * for the Firefox end-to-end scenarios.
 *
 * Pages load under their real host names: Firefox is pointed at the site server as its HTTP proxy (a
 * proxy receives the full URL, and the site server answers by host), so the shipped manifest's match
 * patterns are what gets exercised and nothing leaves the machine. BiDi will not navigate a tab to
 * moz-extension://, so extension pages are opened through the test bridge (tests/e2e/firefox-bridge/),
 * which exists only in builds made with SOTAY_TEST_BRIDGE=1.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BRIDGE_URL, type BridgeReply } from '../../tests/e2e/firefox-bridge/protocol';

/** Where `wxt build -b firefox` put the add-on; SOTAY_OUT_DIR as in wxt.config.ts. */
export const FIREFOX_EXTENSION_DIR = join(resolve(process.env.SOTAY_OUT_DIR || '.output'), 'firefox-mv3');
/** The same with the test bridge (SOTAY_TEST_BRIDGE=1 builds there, see wxt.config.ts). */
export const FIREFOX_TEST_EXTENSION_DIR = `${FIREFOX_EXTENSION_DIR}-e2e`;

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('Firefox not found: install it (apt-get install -y firefox-esr) or set FIREFOX_PATH');
  return found;
}

export interface FirefoxLaunchOptions {
  headless: boolean;
  /** The site server's port: every http(s) request goes there. */
  proxyPort: number;
  extensionDir?: string;
  /** Downloads are saved here without asking (Firefox's own download prompt is off). */
  downloadDir?: string;
  /**
   * permissions.request() resolves as if the user clicked "Allow" (Firefox's own test pref): the real
   * request → register → save path runs without a prompt automation cannot answer.
   */
  autoGrantOptionalPermissions?: boolean;
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** The gecko id from the manifest. */
  extensionId: string;
  /** moz-extension://<uuid>/<path> */
  extensionUrl(path: string): string;
  /** Opens an extension page in a new tab (through the test bridge) and returns it once loaded. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions): Promise<FirefoxExtensionBrowser> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  const manifestPath = join(extensionDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No built add-on in ${extensionDir}: run npm run build:firefox first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
    content_scripts?: { matches?: string[] }[];
  };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error('The Firefox manifest has no gecko id');
  const hasBridge = !!manifest.content_scripts?.some((script) => script.matches?.some((m) => m.startsWith(BRIDGE_URL)));
  // Firefox gives each profile a random moz-extension UUID; fixing it lets the test know the URLs.
  const uuid = randomUUID();
  const base = `moz-extension://${uuid}/`;

  // Our own profile directory, removed on close even if Firefox was still writing to it.
  const profileDir = mkdtempSync(join(tmpdir(), 'sotay-firefox-'));
  const removeProfile = () => rmSync(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  const browser = await puppeteer
    .launch({
      browser: 'firefox',
      userDataDir: profileDir,
      executablePath: firefoxPath(),
      headless: options.headless,
      protocol: 'webDriverBiDi',
      // A loaded 2-core machine: the first start of a new profile can take a while.
      timeout: 120_000,
      protocolTimeout: 120_000,
      extraPrefsFirefox: {
        'network.proxy.type': 1, // manual
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': options.proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': options.proxyPort,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.share_proxy_settings': false,
        // Sample portals are plain http; never try https first.
        'dom.security.https_first': false,
        'dom.security.https_only_mode': false,
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
        'intl.accept_languages': 'vi-VN, vi',
        ...(options.autoGrantOptionalPermissions ? { 'extensions.webextOptionalPermissionPrompts': false } : {}),
        ...(options.downloadDir
          ? {
              'browser.download.folderList': 2, // the directory below
              'browser.download.dir': options.downloadDir,
              'browser.download.useDownloadDir': true,
              'browser.download.always_ask_before_handling_new_types': false,
              'browser.download.alwaysOpenPanel': false,
            }
          : {}),
      },
    })
    .catch((error: unknown) => {
      removeProfile();
      throw error;
    });
  try {
    const installedId = await browser.installExtension(extensionDir);
    if (installedId !== geckoId) throw new Error(`Installed ${installedId}, expected ${geckoId}`);
  } catch (error) {
    await browser.close().catch(() => undefined);
    removeProfile();
    throw error;
  }

  let bridge: Promise<Page> | undefined;
  let nextRequest = 1;
  const extensionUrl = (path: string) => base + path.replace(/^\/+/, '');

  async function openBridge(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(BRIDGE_URL);
    await page.waitForFunction(() => document.documentElement.dataset.sotayTestBridge === 'ready', { timeout: 60_000 });
    return page;
  }

  return {
    browser,
    extensionId: geckoId,
    extensionUrl,
    async openExtensionPage(path) {
      if (!hasBridge) throw new Error('This build has no test bridge: build with SOTAY_TEST_BRIDGE=1 to open extension pages');
      const url = extensionUrl(path);
      const bridgePage = await (bridge ??= openBridge());
      const known = new Set(await browser.pages());
      // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
      const reply = (await bridgePage.evaluate(`new Promise((done) => {
        const id = ${JSON.stringify(nextRequest++)};
        addEventListener('message', (event) => {
          if (event.source === window && event.data?.sotayTestBridge === 'opened' && event.data.id === id) done(event.data);
        });
        postMessage({ sotayTestBridge: 'open', id, path: ${JSON.stringify(path)} }, location.origin);
      })`)) as BridgeReply;
      if (reply.error) throw new Error(`The test bridge could not open ${path}: ${reply.error}`);
      // BiDi does not report navigations to moz-extension:// (page.url() stays about:blank): find the
      // new tab by asking each page where it is.
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
        for (const page of await browser.pages()) {
          if (known.has(page)) continue;
          const where = await page.evaluate('location.href + " " + document.readyState').catch(() => '');
          if (where !== `${url} complete`) continue;
          await page.bringToFront();
          return page;
        }
      }
      throw new Error(`The extension page ${url} did not open`);
    },
    async close() {
      try {
        await browser.close();
      } finally {
        removeProfile();
      }
    },
  };
}
