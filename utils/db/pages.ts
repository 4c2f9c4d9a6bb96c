/** Saved pages: the first thing the user can keep. */
import { normalizeUrl } from '../url/normalize';
import type { SavedPage } from '../messaging/types';
import type { Database } from './database';

export async function savePage(db: Database, page: { url: string; title: string }, now = Date.now()): Promise<SavedPage> {
  const key = normalizeUrl(page.url);
  const tx = db.transaction('articles', 'readwrite');
  const existing = await tx.store.get(key);
  const record: SavedPage = {
    url: key,
    originalUrl: page.url,
    title: page.title,
    // Saving again updates the title but keeps the moment it was first kept.
    savedAt: existing?.savedAt ?? now,
  };
  await tx.store.put(record);
  await tx.done;
  return record;
}

export async function listPages(db: Database): Promise<SavedPage[]> {
  const pages = await db.getAllFromIndex('articles', 'bySavedAt');
  return pages.reverse();
}
