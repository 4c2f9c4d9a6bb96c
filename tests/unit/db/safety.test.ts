/**
 * Failures in the middle of a user action leave the data exactly as it was, with a typed error; many
 * writers at once never lose an update.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { upsertArticle } from '@/utils/db/articles';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '@/utils/db/annotations';
import { mergeTags, listTags, renameTag } from '@/utils/db/tags';
import type { Database } from '@/utils/db/database';
import { StoreError, toStoreError, writeTransaction } from '@/utils/db/errors';
import { ValidationError } from '@/utils/messaging/guard';
import { freshDb, HANOI, highlight, T0 } from './helpers';

interface FakeTransaction {
  _execRequestAsync(obj: { source?: { name?: string }; operation: { name: string } }): unknown;
}
const txProto = (globalThis.IDBTransaction as unknown as { prototype: FakeTransaction }).prototype;
const original = txProto._execRequestAsync;

/**
 * Make the n-th write (0-based) to `store` fail inside IndexedDB the way a full disk does: the request
 * errors asynchronously and the transaction aborts with that error.
 */
function failWrite(store: string, errorName: string, nth = 0) {
  let seen = 0;
  txProto._execRequestAsync = function (obj) {
    const isWrite = /storeRecord|deleteRecord/.test(obj.operation.name);
    if (isWrite && obj.source?.name === store && seen++ === nth) {
      obj = { ...obj, operation: Object.defineProperty(() => { throw new DOMException('disk full', errorName); }, 'name', { value: 'failing' }) };
    }
    return original.call(this, obj);
  };
}

afterEach(() => {
  txProto._execRequestAsync = original;
});

async function snapshot(db: Database) {
  return { articles: await db.getAll('articles'), annotations: await db.getAll('annotations'), tags: await db.getAll('tags') };
}

async function populated() {
  const db = await freshDb();
  await upsertArticle(db, { url: HANOI, meta: { title: 'T' } }, T0);
  const a = await createAnnotation(db, highlight(HANOI, 'một', { tags: ['A', 'B'] }), { now: T0 });
  await createAnnotation(db, highlight(HANOI, 'hai', { tags: ['B'] }), { now: T0 });
  return { db, a };
}

describe('a failure mid-action changes nothing', () => {
  it('quota exceeded while counting tags: the new highlight is not kept either', async () => {
    const { db } = await populated();
    const before = await snapshot(db);
    failWrite('tags', 'QuotaExceededError');
    const error = await createAnnotation(db, highlight(HANOI, 'ba', { tags: ['B', 'C'] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'quota', message: expect.stringMatching(/storage space.*Nothing was changed/s) });
    txProto._execRequestAsync = original;
    expect(await snapshot(db)).toEqual(before);
  });

  it('an I/O failure half-way through a tag rename leaves every annotation and count as it was', async () => {
    const { db } = await populated();
    const before = await snapshot(db);
    // Two annotations carry B: the first is rewritten, the second write fails.
    failWrite('annotations', 'UnknownError', 1);
    await expect(renameTag(db, 'B', 'Bê')).rejects.toMatchObject({ code: 'io' });
    txProto._execRequestAsync = original;
    expect(await snapshot(db)).toEqual(before);
  });

  it('a failure half-way through a merge keeps the source tags', async () => {
    const { db } = await populated();
    const before = await snapshot(db);
    failWrite('tags', 'QuotaExceededError', 1);
    await expect(mergeTags(db, ['A'], 'Mới')).rejects.toMatchObject({ code: 'quota' });
    txProto._execRequestAsync = original;
    expect(await snapshot(db)).toEqual(before);
  });

  it('a failed delete keeps the highlight and its tag counts', async () => {
    const { db, a } = await populated();
    const before = await snapshot(db);
    failWrite('tags', 'QuotaExceededError');
    await expect(deleteAnnotation(db, a.id)).rejects.toMatchObject({ code: 'quota' });
    txProto._execRequestAsync = original;
    expect(await snapshot(db)).toEqual(before);
  });

  it('a throw inside the action aborts what it already wrote', async () => {
    const { db } = await populated();
    const before = await snapshot(db);
    await expect(
      writeTransaction(db, ['annotations', 'tags'], async (tx) => {
        await tx.objectStore('tags').clear();
        await tx.objectStore('annotations').clear();
        throw new Error('crash after clearing');
      }),
    ).rejects.toMatchObject({ code: 'io' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('maps every kind of failure to a typed error', () => {
    expect(toStoreError(new DOMException('x', 'QuotaExceededError')).code).toBe('quota');
    expect(toStoreError(new DOMException('x', 'AbortError')).code).toBe('io');
    expect(toStoreError(new DOMException('x', 'ConstraintError')).code).toBe('conflict');
    expect(toStoreError(new DOMException('x', 'DataError')).code).toBe('invalid');
    expect(toStoreError(new ValidationError('a.b', 'too long')).code).toBe('invalid');
    const own = new StoreError('not-found', 'gone');
    expect(toStoreError(own)).toBe(own);
  });
});

describe('many writers at once', () => {
  it('200 concurrent highlights with the same tags: every one kept, counts exact', async () => {
    const db = await freshDb();
    await upsertArticle(db, { url: HANOI, meta: { title: 'T' } }, T0);
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, i) => createAnnotation(db, highlight(HANOI, `q${i}`, { tags: i % 2 ? ['chung', 'lẻ'] : ['Chung'] }))),
    );
    expect(new Set(created.map((a) => a.id)).size).toBe(200);
    expect(await db.count('annotations')).toBe(200);
    expect((await listTags(db)).map((t) => [t.name, t.count])).toEqual([['Chung', 200], ['lẻ', 100]]);
  }, 30_000);

  it('concurrent edits of one highlight from several tabs: each change survives, nothing overwritten', async () => {
    const db = await freshDb();
    await upsertArticle(db, { url: HANOI, meta: { title: 'T' } }, T0);
    const a = await createAnnotation(db, highlight(HANOI, 'q'), { now: T0 });
    await Promise.all([
      updateAnnotation(db, a.id, { color: 'pink' }, T0 + 1),
      updateAnnotation(db, a.id, { note: 'ghi chú' }, T0 + 2),
      updateAnnotation(db, a.id, { tags: ['x'] }, T0 + 3),
    ]);
    expect(await db.get('annotations', a.id)).toMatchObject({ color: 'pink', note: 'ghi chú', tags: ['x'], updated: T0 + 3 });
  });

  it('concurrent creates and deletes keep the counts equal to what is stored', async () => {
    const db = await freshDb();
    await upsertArticle(db, { url: HANOI, meta: { title: 'T' } }, T0);
    const first = await Promise.all(Array.from({ length: 50 }, (_, i) => createAnnotation(db, highlight(HANOI, `a${i}`, { tags: ['t'] }))));
    await Promise.all([
      ...first.filter((_, i) => i % 2 === 0).map((a) => deleteAnnotation(db, a.id)),
      ...Array.from({ length: 30 }, (_, i) => createAnnotation(db, highlight(HANOI, `b${i}`, { tags: ['t'] }))),
    ]);
    expect(await db.count('annotations')).toBe(55);
    expect((await listTags(db))[0]).toMatchObject({ name: 't', count: 55 });
  });
});
