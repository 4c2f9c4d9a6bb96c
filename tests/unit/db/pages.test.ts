import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/utils/db/database';
import { DB_VERSION } from '@/utils/db/schema';
import { listPages, savePage } from '@/utils/db/pages';

const fresh = () => openDatabase({ name: `pages-${Math.random()}` });

describe('saved pages', () => {
  it('creates the schema at the current version', async () => {
    const db = await fresh();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('articles');
  });

  it('lists pages newest first', async () => {
    const db = await fresh();
    await savePage(db, { url: 'https://hanoi.gov.vn/a-1.htm', title: 'A' }, 1000);
    await savePage(db, { url: 'https://hanoi.gov.vn/b-2.htm', title: 'B' }, 2000);
    expect((await listPages(db)).map((p) => p.title)).toEqual(['B', 'A']);
  });

  it('treats the same article behind tracking parameters as one page and keeps its first save time', async () => {
    const db = await fresh();
    await savePage(db, { url: 'https://hanoi.gov.vn/a-1.htm', title: 'Old title' }, 1000);
    await savePage(db, { url: 'http://www.hanoi.gov.vn/a-1.htm?utm_source=fb#x', title: 'New title' }, 5000);
    const pages = await listPages(db);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ title: 'New title', savedAt: 1000 });
  });

  it('refuses a non-http URL and stores nothing', async () => {
    const db = await fresh();
    await expect(savePage(db, { url: 'javascript:alert(1)', title: 'x' })).rejects.toThrow(/http/);
    expect(await listPages(db)).toEqual([]);
  });
});
