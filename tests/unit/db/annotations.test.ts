import { describe, expect, it } from 'vitest';
import { upsertArticle } from '@/utils/db/articles';
import {
  createAnnotation,
  deleteAnnotation,
  getAnnotation,
  listByArticle,
  listByTag,
  restoreAnnotation,
  updateAnnotation,
} from '@/utils/db/annotations';
import { listTags, recolorTag } from '@/utils/db/tags';
import { canonicalKey } from '@/utils/text/fold';
import { BCP, freshDb, HANOI, highlight, T0, targetFor } from './helpers';

async function withArticle() {
  const db = await freshDb();
  await upsertArticle(db, { url: HANOI, meta: { title: 'Lan tỏa phong trào học tập' } }, T0);
  return db;
}

describe('creating highlights', () => {
  it('stores the highlight with its selectors, a fresh id and the time', async () => {
    const db = await withArticle();
    const created = await createAnnotation(db, highlight(HANOI + '?utm_source=fb', 'học tập suốt đời', { start: 40, tags: ['Giáo dục'], note: 'hay' }), { now: T0 + 1 });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      articleUrl: HANOI,
      target: targetFor('học tập suốt đời', 40),
      quote: 'học tập suốt đời',
      color: 'yellow',
      tags: ['Giáo dục'],
      note: 'hay',
      created: T0 + 1,
      updated: T0 + 1,
    });
    expect(await getAnnotation(db, created.id)).toEqual(created);
    expect(await listTags(db)).toEqual([{ key: canonicalKey('Giáo dục'), name: 'Giáo dục', count: 1 }]);
  });

  it('saves the article and the first highlight together when given the visit', async () => {
    const db = await freshDb();
    const a = await createAnnotation(db, highlight(BCP, 'hội nghị'), { now: T0, visit: { url: BCP, meta: { title: 'Thủ tướng' } } });
    expect(await listByArticle(db, BCP)).toEqual([a]);
  });

  it('refuses a highlight for an unknown article, and one whose selectors disagree with the quote', async () => {
    const db = await withArticle();
    await expect(createAnnotation(db, highlight(BCP, 'x'))).rejects.toMatchObject({ code: 'not-found' });
    const lying = { ...highlight(HANOI, 'học tập'), quote: 'học hành' };
    await expect(createAnnotation(db, lying)).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('quote') });
    const wrongSpan = { ...highlight(HANOI, 'học tập'), target: { ...targetFor('học tập', 3), position: { type: 'TextPositionSelector' as const, start: 3, end: 4 } } };
    await expect(createAnnotation(db, wrongSpan)).rejects.toMatchObject({ code: 'invalid' });
    await expect(createAnnotation(db, highlight(HANOI, 'x', { color: 'red' as never }))).rejects.toMatchObject({ code: 'invalid' });
    await expect(createAnnotation(db, highlight(HANOI, 'x', { tags: Array.from({ length: 40 }, (_, i) => `t${i}`) }))).rejects.toMatchObject({ code: 'invalid' });
    await expect(createAnnotation(db, highlight(HANOI, 'x', { tags: ['   '] }))).rejects.toMatchObject({ code: 'invalid' });
    await expect(createAnnotation(db, highlight(HANOI, 'x', { id: 'bad id <script>' }))).rejects.toMatchObject({ code: 'invalid' });
    expect(await listByArticle(db, HANOI)).toEqual([]);
    expect(await listTags(db)).toEqual([]);
  });

  it('accepts a quote typed in NFD when the selector holds NFC, and refuses a reused id', async () => {
    const db = await withArticle();
    const nfd = 'học tập'.normalize('NFD');
    await createAnnotation(db, { ...highlight(HANOI, 'học tập'), id: 'a1', quote: nfd });
    await expect(createAnnotation(db, { ...highlight(HANOI, 'khác'), id: 'a1' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('joins a tag spelled with the other tone placement to the existing tag', async () => {
    const db = await withArticle();
    await createAnnotation(db, highlight(HANOI, 'a', { tags: ['hoà bình'] }));
    const second = await createAnnotation(db, highlight(HANOI, 'b', { tags: ['Hòa Bình', 'hoà bình '] }));
    expect(second.tags).toEqual(['hoà bình']);
    expect(await listTags(db)).toEqual([{ key: canonicalKey('hòa bình'), name: 'hoà bình', count: 2 }]);
  });
});

describe('changing and deleting', () => {
  it('updates colour, note and tags, moving the tag counts', async () => {
    const db = await withArticle();
    const a = await createAnnotation(db, highlight(HANOI, 'phong trào', { tags: ['A', 'B'] }), { now: T0 });
    const b = await updateAnnotation(db, a.id, { color: 'green', note: 'ghi chú', tags: ['B', 'C'] }, T0 + 100);
    expect(b).toEqual({ ...a, color: 'green', note: 'ghi chú', tags: ['B', 'C'], updated: T0 + 100 });
    expect(await getAnnotation(db, a.id)).toEqual(b);
    expect((await listTags(db)).map((t) => [t.name, t.count])).toEqual([['B', 1], ['C', 1]]);
  });

  it('re-anchoring replaces the quote with the new selector text', async () => {
    const db = await withArticle();
    const a = await createAnnotation(db, highlight(HANOI, 'phong trào', { start: 5 }));
    const moved = await updateAnnotation(db, a.id, { target: targetFor('phong trào học tập', 9) });
    expect(moved.quote).toBe('phong trào học tập');
    await expect(updateAnnotation(db, a.id, { quote: 'khác hẳn' })).rejects.toMatchObject({ code: 'invalid' });
    expect(await getAnnotation(db, a.id)).toEqual(moved);
  });

  it('reports a missing highlight as not-found', async () => {
    const db = await withArticle();
    await expect(updateAnnotation(db, 'nope', { note: 'x' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(deleteAnnotation(db, 'nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('undo after delete puts back exactly the same highlight, and its coloured tag', async () => {
    const db = await withArticle();
    const a = await createAnnotation(db, highlight(HANOI, 'phong trào', { tags: ['Đảng', 'x'], note: 'n' }), { now: T0 });
    await recolorTag(db, 'Đảng', '#c00');
    await createAnnotation(db, highlight(HANOI, 'khác', { tags: ['x'] }));
    const deleted = await deleteAnnotation(db, a.id);
    expect(await getAnnotation(db, a.id)).toBeUndefined();
    // The coloured tag stays at 0; the plain one is still used once.
    expect((await listTags(db)).map((t) => [t.name, t.count])).toEqual([['Đảng', 0], ['x', 1]]);
    const restored = await restoreAnnotation(db, deleted);
    expect(restored).toEqual(a);
    expect(await getAnnotation(db, a.id)).toEqual(a);
    expect((await listTags(db)).map((t) => [t.name, t.count, t.color])).toEqual([['Đảng', 1, '#c00'], ['x', 2, undefined]]);
    await expect(restoreAnnotation(db, deleted)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('an unused tag without colour disappears, and comes back with undo', async () => {
    const db = await withArticle();
    const a = await createAnnotation(db, highlight(HANOI, 'q', { tags: ['một lần'] }));
    const deleted = await deleteAnnotation(db, a.id);
    expect(await listTags(db)).toEqual([]);
    await restoreAnnotation(db, deleted);
    expect((await listTags(db)).map((t) => [t.name, t.count])).toEqual([['một lần', 1]]);
  });
});

describe('listing', () => {
  it('lists an article’s highlights in page order, whatever URL form is asked for', async () => {
    const db = await withArticle();
    const late = await createAnnotation(db, highlight(HANOI, 'cuối', { start: 900 }));
    const early = await createAnnotation(db, highlight(HANOI, 'đầu', { start: 3 }));
    const middle = await createAnnotation(db, highlight(HANOI, 'giữa', { start: 400 }));
    expect((await listByArticle(db, `http://www.hanoi.gov.vn/tin-tuc/lan-toa-phong-trao-hoc-tap-4230612101530123.htm#c`)).map((a) => a.id)).toEqual([early.id, middle.id, late.id]);
    expect(await listByArticle(db, 'not a url')).toEqual([]);
  });

  it('lists one tag’s highlights newest first, a page at a time, across spellings', async () => {
    const db = await withArticle();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createAnnotation(db, highlight(HANOI, `q${i}`, { tags: ['hoà'] }), { now: T0 + i })).id);
    await createAnnotation(db, highlight(HANOI, 'other', { tags: ['hoàng'] }), { now: T0 + 50 });
    const first = await listByTag(db, 'HÒA', { limit: 3 });
    expect(first.items.map((a) => a.id)).toEqual([ids[6], ids[5], ids[4]]);
    const second = await listByTag(db, 'hoà', { limit: 3, after: first.next });
    const third = await listByTag(db, 'hoà', { limit: 3, after: second.next });
    expect([...second.items, ...third.items].map((a) => a.id)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(third.next).toBeUndefined();
  });
});
