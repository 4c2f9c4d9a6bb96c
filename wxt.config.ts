import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

// SOTAY_TEST_BRIDGE=1 (Firefox e2e only) adds tests/e2e/firefox-bridge/: WebDriver BiDi may not navigate
// to moz-extension:// pages, so a content script on one test-only host asks a test-only background
// script to open them with tabs.create. Without the flag neither file nor its manifest entry exists.
const testBridge = process.env.SOTAY_TEST_BRIDGE === '1';
const TEST_BRIDGE_BACKGROUND = 'sotay-test-bridge-background';

/** Files in the working tree that are not committed (work in progress, local notes): never shipped as sources. */
function uncommittedFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return []; // not a git checkout: the sources zip then holds what is there
  }
}

// Every import is explicit: a reader sees where each name comes from, and the pure core in utils/
// runs in vitest and Node without WXT's auto-import layer.
export default defineConfig({
  imports: false,
  // SOTAY_OUT_DIR lets two builds run side by side (e.g. a benchmark while the e2e suite runs) without
  // one replacing the extension under the other's browser.
  outDir: process.env.SOTAY_OUT_DIR || '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // Manifest V3 for Firefox too (ESR 128+): one manifest shape and one set of APIs (action,
  // optional_host_permissions, scripting, storage.session) for both browsers. README "Firefox" says why.
  manifestVersion: 3,
  // A test build lands beside the shipped one (firefox-mv3-e2e), never in its place.
  ...(testBridge ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-e2e' } : {}),
  hooks: {
    'entrypoints:found'(_wxt, infos) {
      if (!testBridge) return;
      infos.push(
        { name: 'sotay-test-bridge', inputPath: resolve('tests/e2e/firefox-bridge/bridge.content.ts'), type: 'content-script' },
        { name: TEST_BRIDGE_BACKGROUND, inputPath: resolve('tests/e2e/firefox-bridge/bridge-background.ts'), type: 'unlisted-script' },
      );
    },
    'build:manifestGenerated'(_wxt, manifest) {
      // Firefox runs MV3 background scripts as an event page: every script listed shares one global.
      if (testBridge && manifest.background && 'scripts' in manifest.background) {
        manifest.background.scripts = [...(manifest.background.scripts ?? []), `${TEST_BRIDGE_BACKGROUND}.js`];
      }
    },
  },
  // `npm run zip:firefox`: the add-on and the sources AMO reviewers rebuild it from. WXT already leaves
  // out node_modules, dot-files, tests' *.test.* files and git-ignored paths (.output*, profiles); this
  // also leaves out anything not committed, so a local experiment never ships.
  zip: { excludeSources: ['.output*/**', '.sotay-profile/**', 'coverage/**', 'test-results/**', '**/*.log', ...uncommittedFiles()] },
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: tab state (storage.session) and settings; unlimitedStorage: years of notes in IndexedDB
    // must not be evicted or capped; contextMenus: "Highlight with Sổ tay" on a selection;
    // activeTab + scripting: turn Sổ tay on for the current page only when the user asks (popup),
    // and register the content script on domains the user adds in settings — each such domain is
    // asked for at that moment through optional_host_permissions, never granted up front.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // No remote code, no eval, no inline script, no plugins, no <base> or form-target hijacking in our pages.
    // Manifest V3's extension_pages policy (WXT turns it into the plain string a Manifest V2 build wants).
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    },
    action: { default_title: 'Sổ tay' },
    commands: {
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandHighlight__',
      },
    },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    ...(browser === 'firefox'
      ? {
          // Firefox reads the scheme "*" in a requested origin (*://*.example.org/*, what settings asks
          // for) as http, https, ws and wss, and refuses the request unless all four are declared.
          optional_host_permissions: ['*://*/*'],
          browser_specific_settings: {
            // 140 (desktop ESR) and 142 (Android) are the first versions that read
            // data_collection_permissions; "none" tells users and AMO that nothing is collected.
            gecko: {
              id: 'so-tay@sotay.local',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
