import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Every import is explicit: a reader sees where each name comes from, and the pure core in utils/
// runs in vitest and Node without WXT's auto-import layer.
export default defineConfig({
  imports: false,
  // SOTAY_OUT_DIR lets two builds run side by side (e.g. a benchmark while the e2e suite runs) without
  // one replacing the extension under the other's browser.
  outDir: process.env.SOTAY_OUT_DIR || '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
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
    // WXT writes this as MV3's extension_pages policy and as Firefox MV2's plain string.
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
          // Manifest V2 has no optional_host_permissions: there, hosts are optional permissions.
          optional_permissions: ['https://*/*', 'http://*/*'],
          browser_specific_settings: {
            gecko: {
              id: 'so-tay@sotay.local',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
