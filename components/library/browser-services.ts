import { browser } from 'wxt/browser';
import { openDatabase } from '@/utils/db/database';
import { sendMessage } from '@/utils/messaging/client';
import { matchPatternsForDomain } from '@/utils/portals/builtin';
import { parseSettings, SETTINGS_KEY, type Settings } from '@/utils/settings/settings';
import { downloadWithLink, type OptionsServices } from './services';
import { searchInPlace, searchInWorker, type LibrarySearch } from './queries';

const scriptId = (domain: string) => `domain-${domain}`;

export function browserServices(): OptionsServices {
  let db: ReturnType<typeof openDatabase> | undefined;
  let search: LibrarySearch | undefined;
  return {
    openDb: () => (db ??= openDatabase()),
    librarySearch(opened) {
      if (search) return search;
      const inPlace = searchInPlace(opened);
      try {
        search = searchInWorker(new Worker(new URL('./query-worker.ts', import.meta.url), { type: 'module' }), inPlace);
      } catch {
        search = inPlace;
      }
      return search;
    },
    async loadSettings() {
      return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
    },
    async saveSettings(settings: Settings) {
      await browser.storage.local.set({ [SETTINGS_KEY]: settings });
    },
    requestDomainPermission(domain) {
      // No await before this call: the click's user activation must still be current.
      return browser.permissions.request({ origins: matchPatternsForDomain(domain) });
    },
    async releaseDomainPermission(domain) {
      await browser.permissions.remove({ origins: matchPatternsForDomain(domain) });
    },
    async registerDomainScript(domain) {
      const id = scriptId(domain);
      const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
      if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [id] });
      await browser.scripting.registerContentScripts([
        {
          id,
          matches: matchPatternsForDomain(domain),
          js: ['content-scripts/content.js'],
          css: ['content-scripts/content.css'],
          runAt: 'document_idle',
          persistAcrossSessions: true,
        },
      ]);
    },
    async unregisterDomainScript(domain) {
      const id = scriptId(domain);
      const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
      if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [id] });
    },
    updateAnnotation: (id, changes) => sendMessage('annotation/update', { id, changes }),
    async deleteAnnotation(id) {
      await sendMessage('annotation/delete', { id });
    },
    undeleteAnnotation: (id) => sendMessage('annotation/undelete', { id }),
    download: downloadWithLink,
  };
}
