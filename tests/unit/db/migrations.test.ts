import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/utils/db/database';
import { DB_VERSION, MIGRATIONS, type SavedPageV1 } from '@/utils/db/schema';
import { listArticles, findArticle } from '@/utils/db/articles';
import v1 from '../../fixtures/db/v1.json';

const v1Pages = v1.articles as SavedPageV1[];

/** Create a database the way version 1 of Sổ tay left it, through the real version-1 migration. */
async function databaseAtVersion1(name: string): Promise<void> {
  const db = await openDatabase({ name, version: 1 });
  const tx = db.transaction('articles', 'readwrite');
  for (const page of v1Pages) await (tx.store as unknown as IDBObjectStore).put(page);
  await tx.done;
  db.close();
}

describe('schema migrations', () => {
  it('has one migration per version', () => {
    expect(DB_VERSION).toBe(MIGRATIONS.length);
    expect(DB_VERSION).toBe(2);
  });

  it('1 → 2 turns every saved page into an article with its title, original URL and save time', async () => {
    const name = `migrate-${Math.random()}`;
    await databaseAtVersion1(name);
    const db = await openDatabase({ name });
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['annotations', 'articles', 'tags']);
    const all = await db.getAll('articles');
    expect(all).toHaveLength(v1Pages.length);
    for (const page of v1Pages) {
      expect(await db.get('articles', page.url)).toEqual({
        url: page.url,
        aliases: [],
        originalUrl: page.originalUrl,
        meta: { title: page.title },
        firstVisit: page.savedAt,
        lastVisit: page.savedAt,
      });
    }
    // The new index works on migrated records: most recently visited first.
    expect((await listArticles(db)).map((a) => a.url)).toEqual([...v1Pages].sort((a, b) => b.savedAt - a.savedAt).map((p) => p.url));
    expect(await findArticle(db, 'http://www.quochoi.vn/tintuc/Pages/tin-hoat-dong.aspx?ItemID=94817&utm_medium=x')).toMatchObject({
      meta: { title: 'Ủy ban Thường vụ Quốc hội cho ý kiến về dự án Luật' },
    });
    expect(await db.count('annotations')).toBe(0);
    expect(await db.count('tags')).toBe(0);
    db.close();
  });

  it('a new install runs every step and ends at the current version', async () => {
    const db = await openDatabase({ name: `fresh-${Math.random()}` });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('annotations').store.indexNames].sort()).toEqual(
      ['byArticle', 'byRecency', 'bySite', 'byTag', 'byTagTimeline', 'byToken', 'byUpdated'],
    );
    db.close();
  });
});
