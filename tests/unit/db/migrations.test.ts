import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/utils/db/database';
import { DB_VERSION, MIGRATIONS, type SavedPageV1 } from '@/utils/db/schema';
import { wordsEntry, wordsKey } from '@/utils/db/postings';
import type { IDBPDatabase } from 'idb';
import { listArticles, findArticle } from '@/utils/db/articles';
import { listByArticle } from '@/utils/db/annotations';
import { queryLibrary } from '@/utils/db/library';
import { listTags } from '@/utils/db/tags';
import v1 from '../../fixtures/db/v1.json';
import v2 from './fixtures/v2.json';

const v1Pages = v1.articles as SavedPageV1[];

/** Create a database the way version 1 of Sổ tay left it, through the real version-1 migration. */
async function databaseAtVersion1(name: string): Promise<void> {
  const db = await openDatabase({ name, version: 1 });
  const tx = db.transaction('articles', 'readwrite');
  for (const page of v1Pages) await (tx.store as unknown as IDBObjectStore).put(page);
  await tx.done;
  db.close();
}

/** A database as version 2 of Sổ tay left it: articles, annotation records with v2's derived keys, tags. */
async function databaseAtVersion2(name: string): Promise<void> {
  const db = await openDatabase({ name, version: 2 });
  const tx = db.transaction(['articles', 'annotations', 'tags'], 'readwrite');
  const raw = (store: 'articles' | 'annotations' | 'tags') => tx.objectStore(store) as unknown as IDBObjectStore;
  for (const article of v2.articles) await raw('articles').put(article);
  for (const record of v2.annotations) await raw('annotations').put(record);
  for (const tag of v2.tags) await raw('tags').put(tag);
  await tx.done;
  db.close();
}

describe('schema migrations', () => {
  it('has one migration per version', () => {
    expect(DB_VERSION).toBe(MIGRATIONS.length);
    expect(DB_VERSION).toBe(6);
  });

  it('1 → 2 turns every saved page into an article with its title, original URL and save time', async () => {
    const name = `migrate-${Math.random()}`;
    await databaseAtVersion1(name);
    const db = await openDatabase({ name });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['annotations', 'articles', 'importAnnotations', 'importArticles', 'tags', 'wordsByTime']);
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

  it('2 → 3 gives every highlight its article’s sort key and keeps every record otherwise as it was', async () => {
    const name = `migrate-${Math.random()}`;
    await databaseAtVersion2(name);
    const db = await openDatabase({ name, version: 3 });
    expect(await db.getAll('articles')).toEqual([...v2.articles].sort((a, b) => (a.url < b.url ? -1 : 1)));
    expect(await db.getAll('tags')).toEqual([...v2.tags].sort((a, b) => (a.key < b.key ? -1 : 1)));
    const titles = new Map(v2.articles.map((a) => [a.url, a.meta.title]));
    const expectedKey: Record<string, string> = {
      'Thủ tướng chủ trì hội nghị': 'thu tuong chu tri hoi nghi',
      'Đổi mới phương thức lãnh đạo của Đảng': 'doi moi phuong thuc lanh dao cua dang',
      'Lan tỏa phong trào học tập suốt đời': 'lan toa phong trao hoc tap suot doi',
      '': '\uffff',
    };
    expect(await db.count('annotations')).toBe(v2.annotations.length);
    for (const old of v2.annotations) {
      expect(await db.get('annotations', old.id)).toEqual({ ...old, titleKey: expectedKey[titles.get(old.articleUrl)!] });
    }
    db.close();
  });

  it('3 → 4 writes one time-ordered word key per word of every highlight and leaves the records as they were', async () => {
    const name = `migrate-${Math.random()}`;
    await databaseAtVersion2(name);
    const atV3 = await openDatabase({ name, version: 3 });
    const recordsAtV3 = await atV3.getAll('annotations');
    expect([...atV3.transaction('annotations').store.indexNames]).toContain('byToken');
    atV3.close();

    const db = await openDatabase({ name, version: 4 });
    // This version's word store was replaced in version 6; it is read here without the current types.
    const loose = db as unknown as IDBPDatabase;
    expect(await db.getAll('annotations')).toEqual(recordsAtV3);
    expect([...db.transaction('annotations').store.indexNames]).not.toContain('byToken');
    const expectedKeys = recordsAtV3.flatMap((r) => [...new Set(r.tokens)].map((word) => `${word}\u0001${String(8_640_000_000_000_000 - r.updated).padStart(16, '0')}\u0001${r.id}`));
    expect(await loose.getAllKeys('wordTimeline')).toEqual(expectedKeys.sort());
    // e.g. the Hanoi highlight changed last comes first under "hoc".
    const hoc = (await loose.getAllKeys('wordTimeline', IDBKeyRange.bound('hoc\u0001', 'hoc\u0002'))).map((k) => String(k).slice(-2));
    expect(hoc).toEqual(['05', '04']);
    db.close();
  });

  it('4 → 5 adds empty staging stores for imports and changes no record', async () => {
    const name = `migrate-${Math.random()}`;
    await databaseAtVersion2(name);
    const atV4 = await openDatabase({ name, version: 4 });
    const snapshot = async (db: IDBPDatabase) => ({ annotations: await db.getAll('annotations'), words: await db.getAllKeys('wordTimeline'), articles: await db.getAll('articles'), tags: await db.getAll('tags') });
    const before = await snapshot(atV4 as unknown as IDBPDatabase);
    atV4.close();
    const db = await openDatabase({ name, version: 5 });
    expect(await snapshot(db as unknown as IDBPDatabase)).toEqual(before);
    expect(await db.count('importArticles')).toBe(0);
    expect(await db.count('importAnnotations')).toBe(0);
    db.close();
  });

  it('5 → 6 replaces the per-word keys by one word entry per highlight at its time, records unchanged', async () => {
    const name = `migrate-${Math.random()}`;
    await databaseAtVersion2(name);
    const atV5 = await openDatabase({ name, version: 5 });
    const records = await atV5.getAll('annotations');
    expect([...atV5.objectStoreNames]).toContain('wordTimeline');
    atV5.close();
    const db = await openDatabase({ name, version: 6 });
    expect([...db.objectStoreNames]).not.toContain('wordTimeline');
    expect(await db.getAll('annotations')).toEqual(records);
    const ordered = [...records].sort((a, b) => b.updated - a.updated || (a.id < b.id ? -1 : 1));
    expect(await db.getAllKeys('wordsByTime')).toEqual(ordered.map((r) => `${String(8_640_000_000_000_000 - r.updated).padStart(16, '0')}\u0001${r.id}`));
    expect(await db.getAll('wordsByTime')).toEqual(ordered.map(wordsEntry));
    expect(ordered.map(wordsKey)).toEqual(await db.getAllKeys('wordsByTime'));
    // "hoc" through the index: the Hanoi highlight changed last first.
    const hoc = await db.getAllKeysFromIndex('wordsByTime', 'byWord', IDBKeyRange.bound('hoc\u0001', 'hoc\u0002'));
    expect(hoc.map((k) => k.slice(-2))).toEqual(['05', '04']);
    db.close();
  });

  it('after 2 → 3 → 4 → 5 → 6 the library sorts by article and every other query still answers', async () => {
    const name = `migrate-${Math.random()}`;
    await databaseAtVersion2(name);
    const db = await openDatabase({ name });
    const page = await queryLibrary(db, { sort: 'article' });
    // Đổi mới… (d), Lan tỏa… (l), Thủ tướng… (t) in page order, then the untitled article.
    expect(page.items.map((a) => a.id.slice(-2))).toEqual(['03', '04', '05', '02', '01', '06']);
    expect((await queryLibrary(db, { text: 'hoc tap' })).items.map((a) => a.id.slice(-2))).toEqual(['05', '04']);
    expect((await queryLibrary(db, { tags: ['Đảng'], sort: 'article' })).items.map((a) => a.id.slice(-2))).toEqual(['03']);
    expect((await queryLibrary(db, { site: 'baochinhphu.vn', sort: 'article', limit: 1 })).items.map((a) => a.id.slice(-2))).toEqual(['02']);
    expect((await listByArticle(db, v2.articles[0]!.url)).map((a) => a.quote)).toEqual(['Thủ tướng yêu cầu', 'giải ngân vốn đầu tư công']);
    expect((await listTags(db)).map((t) => [t.name, t.count])).toContainEqual(['Đảng', 1]);
    db.close();
  });

  it('a new install runs every step and ends at the current version', async () => {
    const db = await openDatabase({ name: `fresh-${Math.random()}` });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('annotations').store.indexNames].sort()).toEqual(
      ['byArticle', 'byArticleOrder', 'byRecency', 'bySite', 'byTag', 'byTagTimeline', 'byUpdated'],
    );
    db.close();
  });
});
