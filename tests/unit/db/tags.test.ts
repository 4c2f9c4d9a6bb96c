import { describe, expect, it } from 'vitest';
import { upsertArticle } from '@/utils/db/articles';
import { createAnnotation, getAnnotation, listByTag } from '@/utils/db/annotations';
import { deleteTag, getTag, listTags, mergeTags, recolorTag, renameTag } from '@/utils/db/tags';
import type { Database } from '@/utils/db/database';
import { freshDb, HANOI, highlight, T0 } from './helpers';

/** Counts recomputed from the annotations themselves: what the tag records must always agree with. */
async function actualCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const a of await db.getAll('annotations')) for (const key of a.tagKeys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

async function storedCounts(db: Database): Promise<Record<string, number>> {
  return Object.fromEntries((await listTags(db)).filter((t) => t.count > 0).map((t) => [t.key, t.count]));
}

async function setup() {
  const db = await freshDb();
  await upsertArticle(db, { url: HANOI, meta: { title: 'T' } }, T0);
  const a = await createAnnotation(db, highlight(HANOI, 'a', { tags: ['hoà bình', 'kinh tế'] }), { now: T0 });
  const b = await createAnnotation(db, highlight(HANOI, 'b', { tags: ['Kinh tế', 'xã hội'] }), { now: T0 });
  const c = await createAnnotation(db, highlight(HANOI, 'c', { tags: ['xã hội'] }), { now: T0 });
  return { db, a, b, c };
}

describe('tags', () => {
  it('lists every tag with its count in Vietnamese order', async () => {
    const { db } = await setup();
    expect((await listTags(db)).map((t) => [t.name, t.count])).toEqual([['hoà bình', 1], ['kinh tế', 2], ['xã hội', 2]]);
    expect(await storedCounts(db)).toEqual(await actualCounts(db));
  });

  it('renames a tag on every highlight; a new spelling of the same tag is only a new display name', async () => {
    const { db, a, b } = await setup();
    const renamed = await renameTag(db, 'KINH TẾ', 'Kinh tế số', T0 + 10);
    expect(renamed).toMatchObject({ name: 'Kinh tế số', count: 2 });
    expect((await getAnnotation(db, a.id))!.tags).toEqual(['hoà bình', 'Kinh tế số']);
    expect((await getAnnotation(db, b.id))).toMatchObject({ tags: ['Kinh tế số', 'xã hội'], updated: T0 + 10 });
    expect((await listByTag(db, 'kinh tế số')).items).toHaveLength(2);
    expect((await listByTag(db, 'kinh tế')).items).toHaveLength(0);
    await renameTag(db, 'hoà bình', 'Hòa Bình');
    expect((await getAnnotation(db, a.id))!.tags).toEqual(['Hòa Bình', 'Kinh tế số']);
    expect(await storedCounts(db)).toEqual(await actualCounts(db));
  });

  it('refuses to rename onto another existing tag, and a missing tag, changing nothing', async () => {
    const { db } = await setup();
    const before = await db.getAll('annotations');
    await expect(renameTag(db, 'kinh tế', 'xã hội')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('merge') });
    await expect(renameTag(db, 'không có', 'x')).rejects.toMatchObject({ code: 'not-found' });
    await expect(renameTag(db, 'kinh tế', '  ')).rejects.toMatchObject({ code: 'invalid' });
    expect(await db.getAll('annotations')).toEqual(before);
  });

  it('merges tags: each highlight carries the target once and counts stay exact', async () => {
    const { db, a, b, c } = await setup();
    await recolorTag(db, 'xã hội', '#00aa00');
    const merged = await mergeTags(db, ['xã hội', 'hoà bình'], 'kinh tế', T0 + 5);
    expect(merged).toEqual({ key: expect.any(String), name: 'kinh tế', count: 3, color: '#00aa00' });
    expect((await getAnnotation(db, a.id))!.tags).toEqual(['kinh tế']);
    expect((await getAnnotation(db, b.id))!.tags).toEqual(['kinh tế']);
    expect((await getAnnotation(db, c.id))!.tags).toEqual(['kinh tế']);
    expect((await listTags(db)).map((t) => t.name)).toEqual(['kinh tế']);
    expect(await storedCounts(db)).toEqual(await actualCounts(db));
  });

  it('merges into a brand-new tag name', async () => {
    const { db } = await setup();
    const merged = await mergeTags(db, ['kinh tế', 'xã hội'], 'Kinh tế - xã hội');
    expect(merged.count).toBe(3);
    expect(await storedCounts(db)).toEqual(await actualCounts(db));
    await expect(mergeTags(db, ['không có'], 'x')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('recolours and removes the colour; refuses a colour that is not a colour', async () => {
    const { db } = await setup();
    expect(await recolorTag(db, 'kinh tế', 'teal')).toMatchObject({ color: 'teal' });
    expect(await getTag(db, 'KINH TẾ')).toMatchObject({ color: 'teal' });
    expect(await recolorTag(db, 'kinh tế', undefined)).not.toHaveProperty('color');
    await expect(recolorTag(db, 'kinh tế', 'red;background:url(x)')).rejects.toMatchObject({ code: 'invalid' });
    await expect(recolorTag(db, 'không có', 'red')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('deletes a tag from every highlight, keeping the highlights', async () => {
    const { db, a, b } = await setup();
    expect(await deleteTag(db, 'Kinh Tế')).toBe(2);
    expect((await getAnnotation(db, a.id))!.tags).toEqual(['hoà bình']);
    expect((await getAnnotation(db, b.id))!.tags).toEqual(['xã hội']);
    expect(await getTag(db, 'kinh tế')).toBeUndefined();
    expect(await storedCounts(db)).toEqual(await actualCounts(db));
    await expect(deleteTag(db, 'kinh tế')).rejects.toMatchObject({ code: 'not-found' });
  });
});
