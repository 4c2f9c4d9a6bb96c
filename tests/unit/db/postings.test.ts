import { describe, expect, it } from 'vitest';
import { upsertArticle } from '@/utils/db/articles';
import { createAnnotation, deleteAnnotation, restoreAnnotation, updateAnnotation } from '@/utils/db/annotations';
import { exportBackup, importBackup, parseBackup } from '@/utils/db/backup';
import { queryLibrary } from '@/utils/db/library';
import { wordsEntry, wordsKey } from '@/utils/db/postings';
import { deleteTag, mergeTags, renameTag } from '@/utils/db/tags';
import type { Database } from '@/utils/db/database';
import { BCP, freshDb, HANOI, highlight, T0 } from './helpers';

/** The word index holds exactly one entry per stored highlight: its words, at its current time. */
async function expectWordIndexInSync(db: Database) {
  const records = (await db.getAll('annotations')).sort((a, b) => (wordsKey(a) < wordsKey(b) ? -1 : 1));
  expect(await db.getAllKeys('wordsByTime')).toEqual(records.map(wordsKey));
  expect(await db.getAll('wordsByTime')).toEqual(records.map(wordsEntry));
}

const ids = (page: { items: { id: string }[] }) => page.items.map((a) => a.id);

describe('the time-ordered word index follows every write', () => {
  it('create, edit, retitle, retag, merge, delete, undo and import', async () => {
    const db = await freshDb();
    await upsertArticle(db, { url: HANOI, meta: { title: 'Lan tỏa phong trào học tập' } }, T0);
    await upsertArticle(db, { url: BCP, meta: { title: 'Thủ tướng chủ trì hội nghị' } }, T0);
    const a = await createAnnotation(db, highlight(HANOI, 'Học tập suốt đời', { tags: ['giáo dục'] }), { now: T0 + 1000 });
    const b = await createAnnotation(db, highlight(BCP, 'giải ngân vốn đầu tư', { note: 'quan trọng', tags: ['kinh tế'] }), { now: T0 + 2000 });
    await expectWordIndexInSync(db);
    expect(ids(await queryLibrary(db, { text: 'hoc' }))).toEqual([a.id]);

    // A new note brings new words and a new time: "b" moves and is found by them.
    await updateAnnotation(db, a.id, { note: 'ôn luyện' }, T0 + 3000);
    await expectWordIndexInSync(db);
    expect(ids(await queryLibrary(db, { text: 'on luyen' }))).toEqual([a.id]);
    expect(ids(await queryLibrary(db, { text: 'quan' }))).toEqual([b.id]);

    // The article's title is searched too: a new title replaces its words.
    await upsertArticle(db, { url: BCP, meta: { title: 'Phiên họp Chính phủ' } }, T0 + 4000);
    await expectWordIndexInSync(db);
    expect(ids(await queryLibrary(db, { text: 'thu tuong' }))).toEqual([]);
    expect(ids(await queryLibrary(db, { text: 'phien hop' }))).toEqual([b.id]);

    // Tag changes change the time, so the keys move with it.
    await renameTag(db, 'kinh tế', 'Kinh tế số', T0 + 5000);
    await mergeTags(db, ['Kinh tế số'], 'giáo dục', T0 + 6000);
    await deleteTag(db, 'giáo dục', T0 + 7000);
    await expectWordIndexInSync(db);
    expect(ids(await queryLibrary(db, { text: 'giai ngan' }))).toEqual([b.id]);

    const deleted = await deleteAnnotation(db, a.id);
    await expectWordIndexInSync(db);
    expect(ids(await queryLibrary(db, { text: 'hoc tap suot' }))).toEqual([]);
    await restoreAnnotation(db, deleted);
    await expectWordIndexInSync(db);
    expect(ids(await queryLibrary(db, { text: 'hoc tap suot' }))).toEqual([a.id]);

    // A newer version from a backup replaces the stored copy's words.
    const backup = parseBackup(await (await exportBackup(db)).text());
    await updateAnnotation(db, a.id, { note: 'bản mới' }, T0 + 9000);
    const older = await freshDb();
    await importBackup(older, backup);
    await expectWordIndexInSync(older);
    await createAnnotation(older, highlight(HANOI, 'một câu khác', { id: 'local-only' }), { now: T0 + 8000 });
    await importBackup(older, parseBackup(await (await exportBackup(db)).text()));
    await expectWordIndexInSync(older);
    expect(ids(await queryLibrary(older, { text: 'ban moi' }))).toEqual([a.id]);
    expect(ids(await queryLibrary(older, { text: 'on luyen' }))).toEqual([]);
  }, 60_000);
});
