import { describe, expect, it } from 'vitest';
import { findArticle, listArticles, upsertArticle } from '@/utils/db/articles';
import { createAnnotation } from '@/utils/db/annotations';
import { queryLibrary } from '@/utils/db/library';
import { StoreError } from '@/utils/db/errors';
import { BCP, freshDb, HANOI, highlight, T0 } from './helpers';

describe('articles', () => {
  it('keeps one record per article behind tracking parameters, fragments, http and www', async () => {
    const db = await freshDb();
    await upsertArticle(db, { url: HANOI, meta: { title: 'Lan tỏa' } }, T0);
    const again = await upsertArticle(db, { url: `http://www.hanoi.gov.vn/tin-tuc/lan-toa-phong-trao-hoc-tap-4230612101530123.htm/?utm_source=zalo#top`, meta: { author: 'Quỳnh Anh' } }, T0 + 5000);
    expect(again).toEqual({
      url: HANOI,
      aliases: [],
      originalUrl: 'http://www.hanoi.gov.vn/tin-tuc/lan-toa-phong-trao-hoc-tap-4230612101530123.htm/?utm_source=zalo#top',
      meta: { title: 'Lan tỏa', author: 'Quỳnh Anh' },
      firstVisit: T0,
      lastVisit: T0 + 5000,
    });
    expect(await listArticles(db)).toHaveLength(1);
  });

  it('finds an article through an alias and does not create a twin for it', async () => {
    const db = await freshDb();
    const canonical = 'https://baochinhphu.vn/amp/thu-tuong-102250828203600123.htm';
    await upsertArticle(db, { url: BCP, aliases: [canonical, canonical + '?utm_source=x'], meta: { title: 'Thủ tướng' } }, T0);
    expect(await findArticle(db, canonical + '#x')).toMatchObject({ url: BCP, aliases: [canonical] });
    const viaAlias = await upsertArticle(db, { url: canonical }, T0 + 1);
    expect(viaAlias.url).toBe(BCP);
    expect(await listArticles(db)).toHaveLength(1);
  });

  it('lists the most recently visited first and honours a limit', async () => {
    const db = await freshDb();
    await upsertArticle(db, { url: HANOI, meta: { title: 'A' } }, T0);
    await upsertArticle(db, { url: BCP, meta: { title: 'B' } }, T0 + 10);
    expect((await listArticles(db)).map((a) => a.meta.title)).toEqual(['B', 'A']);
    expect(await listArticles(db, 1)).toHaveLength(1);
  });

  it('refuses a non-http URL or oversized metadata and stores nothing', async () => {
    const db = await freshDb();
    await expect(upsertArticle(db, { url: 'javascript:alert(1)' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(upsertArticle(db, { url: HANOI, meta: { title: 'x'.repeat(5000) } })).rejects.toBeInstanceOf(StoreError);
    expect(await listArticles(db)).toEqual([]);
  });

  it('a new title makes the article’s highlights findable by it', async () => {
    const db = await freshDb();
    await upsertArticle(db, { url: HANOI, meta: { title: 'Tin tức' } }, T0);
    await createAnnotation(db, highlight(HANOI, 'phong trào'), { now: T0 });
    expect((await queryLibrary(db, { text: 'suot doi' })).items).toHaveLength(0);
    await upsertArticle(db, { url: HANOI, meta: { title: 'Học tập suốt đời' } }, T0 + 1);
    expect((await queryLibrary(db, { text: 'suot doi' })).items).toHaveLength(1);
  });
});
