/**
 * Launches Debian's Chromium with the built extension loaded, for `npm start`, end-to-end tests and
 * benchmarks alike.
 */
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where `wxt build` put the Chromium build; SOTAY_OUT_DIR as in wxt.config.ts. */
export const OUTPUT_DIR = resolve(process.env.SOTAY_OUT_DIR || '.output');
export const EXTENSION_DIR = join(OUTPUT_DIR, 'chrome-mv3');

export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('Chromium not found: install it (apt-get install -y chromium) or set CHROME_PATH');
  return found;
}

export interface LaunchOptions {
  headless: boolean;
  /** From SiteServer.hostResolverRules. */
  hostResolverRules: string;
  /** Reuse a profile (to test persistence); a fresh temporary one otherwise. */
  userDataDir?: string;
  extensionDir?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  userDataDir: string;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  /** Closes the browser; a temporary profile is deleted unless kept (to relaunch on it). */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export function freshProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'sotay-profile-'));
}

export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run npm run build first`);
  }
  const userDataDir = options.userDataDir ?? freshProfileDir();
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--host-resolver-rules=${options.hostResolverRules}`,
    // The sample portals are served over plain http on loopback; keep Chromium from trying https first.
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,HttpsFirstModeV2ForTypicallySecureUsers',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-gpu',
    '--lang=vi-VN',
  ];
  // Chromium refuses to run as root with its sandbox on; CI runs as root.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless,
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    // Chromium stops idle workers and starts new ones: always hand out the one running now.
    get serviceWorker() {
      return context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ?? serviceWorker;
    },
    userDataDir,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!options.userDataDir && !keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
