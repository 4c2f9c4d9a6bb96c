import { describe, expect, it } from 'vitest';
import { upsertArticle } from '@/utils/db/articles';
import { createAnnotation } from '@/utils/db/annotations';
import { queryLibrary } from '@/utils/db/library';
import { canonicalKey } from '@/utils/text/fold';
import { freshDb, BCP, HANOI, highlight, T0 } from './helpers';

async function library() {
  const db = await freshDb();
  await upsertArticle(db, { url: HANOI, meta: { title: 'Lan tỏa phong trào học tập suốt đời' } }, T0);
  await upsertArticle(db, { url: BCP, meta: { title: 'Thủ tướng chủ trì hội nghị' } }, T0);
  const make = (url: string, quote: string, i: number, extra = {}) => createAnnotation(db, highlight(url, quote, extra), { now: T0 + i * 1000 });
  const hocTap = await make(HANOI, 'Học tập là việc cả đời', 1, { tags: ['giáo dục'] });
  const hoa = await make(BCP, 'giữ vững hòa bình', 2, { color: 'green', tags: ['Hoà bình'] });
  const dang = await make(BCP, 'sự lãnh đạo của Đảng', 3, { note: 'trích dẫn' });
  const nfd = await make(HANOI, 'Ủy ban nhân dân'.normalize('NFD'), 4, { color: 'blue', note: 'Ghi chú về hoà giải' });
  return { db, hocTap, hoa, dang, nfd };
}

const ids = (page: { items: { id: string }[] }) => page.items.map((a) => a.id);

describe('library search', () => {
  it('finds words without their marks, across tone placement, đ and NFD text', async () => {
    const { db, hocTap, hoa, dang, nfd } = await library();
    // The title of the Hanoi article says "học tập" too, so both of its highlights match.
    expect(ids(await queryLibrary(db, { text: 'hoc tap' }))).toEqual([nfd.id, hocTap.id]);
    expect(ids(await queryLibrary(db, { text: 'viec ca doi' }))).toEqual([hocTap.id]);
    expect(ids(await queryLibrary(db, { text: 'hoà' }))).toEqual([nfd.id, hoa.id]);
    expect(ids(await queryLibrary(db, { text: 'dang' }))).toEqual([dang.id]);
    expect(ids(await queryLibrary(db, { text: 'Uỷ ban' }))).toEqual([nfd.id]);
    expect(ids(await queryLibrary(db, { text: 'trich' }))).toEqual([dang.id]);
  });

  it('searches article titles too, and treats the last word as a prefix while typing', async () => {
    const { db, hoa, dang } = await library();
    expect(ids(await queryLibrary(db, { text: 'thu tuong' }))).toEqual([dang.id, hoa.id]);
    expect(ids(await queryLibrary(db, { text: 'lanh da' }))).toEqual([dang.id]);
    expect(ids(await queryLibrary(db, { text: 'khong co tu nay' }))).toEqual([]);
  });

  it('filters by tag (any spelling), site, colour and date, combined', async () => {
    const { db, hocTap, hoa, dang, nfd } = await library();
    expect(ids(await queryLibrary(db, { tags: ['hòa bình'] }))).toEqual([hoa.id]);
    expect(ids(await queryLibrary(db, { site: 'www.baochinhphu.vn' }))).toEqual([dang.id, hoa.id]);
    expect(ids(await queryLibrary(db, { colors: ['blue', 'green'] }))).toEqual([nfd.id, hoa.id]);
    expect(ids(await queryLibrary(db, { from: T0 + 2000, to: T0 + 3000 }))).toEqual([dang.id, hoa.id]);
    expect(ids(await queryLibrary(db, { site: 'baochinhphu.vn', colors: ['yellow'] }))).toEqual([dang.id]);
    expect(ids(await queryLibrary(db, { text: 'hoc', tags: ['giáo dục'], site: 'hanoi.gov.vn' }))).toEqual([hocTap.id]);
  });

  it('sorts newest or oldest first and pages with a cursor, without repeats or gaps', async () => {
    const { db, hocTap, hoa, dang, nfd } = await library();
    expect(ids(await queryLibrary(db, { sort: 'oldest' }))).toEqual([hocTap.id, hoa.id, dang.id, nfd.id]);
    const first = await queryLibrary(db, { limit: 3 });
    expect(ids(first)).toEqual([nfd.id, dang.id, hoa.id]);
    const second = await queryLibrary(db, { limit: 3, cursor: first.next });
    expect(ids(second)).toEqual([hocTap.id]);
    expect(second.next).toBeUndefined();
    // The same paging through the small-candidate plan (a site filter).
    const bySite = await queryLibrary(db, { site: 'baochinhphu.vn', limit: 1 });
    expect(ids(bySite)).toEqual([dang.id]);
    expect(ids(await queryLibrary(db, { site: 'baochinhphu.vn', limit: 1, cursor: bySite.next }))).toEqual([hoa.id]);
    await expect(queryLibrary(db, { cursor: 'garbage' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('sorts by article: titles A→Z without marks, then each article’s highlights in page order', async () => {
    const db = await freshDb();
    const DCS = 'https://dangcongsan.vn/xay-dung-dang/doi-moi-phuong-thuc-654321.html';
    await upsertArticle(db, { url: HANOI, meta: { title: 'Lan tỏa phong trào học tập' } }, T0);
    await upsertArticle(db, { url: BCP, meta: { title: 'Thủ tướng chủ trì hội nghị' } }, T0);
    await upsertArticle(db, { url: DCS, meta: { title: 'Đổi mới phương thức lãnh đạo' } }, T0);
    const at = (url: string, quote: string, start: number, i: number, extra = {}) =>
      createAnnotation(db, highlight(url, quote, { start, ...extra }), { now: T0 + i * 1000 });
    // Created out of page order and interleaved across articles.
    const bcpLate = await at(BCP, 'kết luận hội nghị', 900, 1, { tags: ['kết luận'] });
    const hanoiMid = await at(HANOI, 'học tập suốt đời', 300, 2);
    const dcs = await at(DCS, 'lãnh đạo của Đảng', 50, 3, { color: 'green' });
    const bcpEarly = await at(BCP, 'Thủ tướng yêu cầu', 10, 4, { color: 'green', tags: ['kết luận'] });
    const hanoiFirst = await at(HANOI, 'Phong trào học tập', 20, 5);

    // "Đổi" folds to "doi": it sorts among the d's, not after z as its code point would.
    const all = [dcs.id, hanoiFirst.id, hanoiMid.id, bcpEarly.id, bcpLate.id];
    expect(ids(await queryLibrary(db, { sort: 'article' }))).toEqual(all);
    // Paging with a cursor, one at a time, walks the same order without repeats or gaps.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryLibrary(db, { sort: 'article', limit: 2, cursor });
      paged.push(...ids(page));
      cursor = page.next;
    } while (cursor);
    expect(paged).toEqual(all);
    // Every filter combines with it.
    expect(ids(await queryLibrary(db, { sort: 'article', colors: ['green'] }))).toEqual([dcs.id, bcpEarly.id]);
    expect(ids(await queryLibrary(db, { sort: 'article', tags: ['kết luận'] }))).toEqual([bcpEarly.id, bcpLate.id]);
    expect(ids(await queryLibrary(db, { sort: 'article', text: 'hoc tap' }))).toEqual([hanoiFirst.id, hanoiMid.id]);
    expect(ids(await queryLibrary(db, { sort: 'article', site: 'hanoi.gov.vn', limit: 1 }))).toEqual([hanoiFirst.id]);
    expect(ids(await queryLibrary(db, { sort: 'article', from: T0 + 2000, to: T0 + 4000 }))).toEqual([dcs.id, hanoiMid.id, bcpEarly.id]);

    // A renamed article moves to its new place in the order.
    await upsertArticle(db, { url: BCP, meta: { title: 'Bế mạc hội nghị' } }, T0 + 10_000);
    expect(ids(await queryLibrary(db, { sort: 'article' }))).toEqual([bcpEarly.id, bcpLate.id, dcs.id, hanoiFirst.id, hanoiMid.id]);
    // A time cursor means nothing in this order.
    const byTime = await queryLibrary(db, { limit: 1 });
    await expect(queryLibrary(db, { sort: 'article', cursor: byTime.next })).rejects.toMatchObject({ code: 'invalid' });
    await expect(queryLibrary(db, { sort: 'article', cursor: 'a:["x","y",1,"z","w"]' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(queryLibrary(db, { sort: 'toString' as never })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('returns the articles of the results for display', async () => {
    const { db } = await library();
    const page = await queryLibrary(db, { text: 'dang' });
    expect(Object.keys(page.articles)).toEqual([BCP]);
    expect(page.articles[BCP]!.meta.title).toBe('Thủ tướng chủ trì hội nghị');
  });
});

describe('both query plans give the same pages', () => {
  it('reading candidates, walking them in time order or scanning records: identical results and paging', async () => {
    const db = await freshDb();
    const words = ['học', 'tập', 'hòa', 'bình', 'Đảng', 'nhân', 'dân', 'kinh', 'tế', 'xã', 'hội', 'phát', 'triển'];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    // Half without a tag, some with one, some with two.
    const pickTags = () => {
      const r = rnd();
      return r < 0.35 ? [pick(['a', 'b', 'c'])] : r < 0.5 ? ['a', pick(['b', 'c'])] : [];
    };
    await upsertArticle(db, { url: HANOI, meta: { title: 'Tiêu đề một' } }, T0);
    await upsertArticle(db, { url: BCP, meta: { title: 'Hội nghị' } }, T0);
    for (let i = 0; i < 120; i++) {
      const quote = Array.from({ length: 3 + Math.floor(rnd() * 5) }, () => pick(words)).join(' ');
      await createAnnotation(db, highlight(pick([HANOI, BCP]), quote, { start: Math.floor(rnd() * 400), color: pick(['yellow', 'green', 'blue'] as const), tags: pickTags() }), {
        // Some highlights share a time, so the id must break ties the same way in both plans.
        now: T0 + Math.floor(i / 3) * 1000,
      });
    }
    const queries = [
      { text: 'hoc' },
      { text: 'hoa binh' },
      { text: 'dang', colors: ['green' as const] },
      { tags: ['a'], sort: 'oldest' as const },
      { site: 'hanoi.gov.vn', text: 'kinh te' },
      { text: 'ph', from: T0 + 10_000, to: T0 + 30_000 },
      { text: 'h' },
      { text: 'ti h' },
      { text: 'dan kinh t' },
      { text: 'hoi', colors: ['blue' as const] },
      { sort: 'article' as const },
      { text: 'hoa', sort: 'article' as const },
      { tags: ['b'], colors: ['blue' as const], sort: 'article' as const },
      // A word and a tag: the merge of the word's keys may hand over to the tag's timeline.
      { text: 'hoc', tags: ['a'] },
      { text: 'dang', tags: ['b'], colors: ['green' as const, 'yellow' as const] },
      { text: 'ph tri', tags: ['C'] },
      { text: 'hoa binh', tags: ['a', 'b'] },
      { text: 'nhan', tags: ['c'], site: 'baochinhphu.vn' },
      // A tag without words: read from the tag's timeline, newest first.
      { tags: ['b'] },
      { tags: ['a', 'c'], colors: ['blue' as const, 'green' as const] },
      { tags: ['a'], site: 'hanoi.gov.vn', from: T0 + 5_000 },
    ];
    for (const query of queries) {
      const pages = async (small: number, readAll?: number, wordJoin = true, tagRecordCostInKeys?: number) => {
        const all: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await queryLibrary(db, { ...query, limit: 7, cursor }, { smallCandidateSet: small, readAllCandidates: readAll, wordJoin, tagRecordCostInKeys });
          all.push(...page.items.map((a) => a.id));
          cursor = page.next;
        } while (cursor);
        return all;
      };
      // 10,000: every filter answers completely (candidates read or walked in time order);
      // 25: only the rarer filters do; 0: none does, records are scanned in time order.
      const whole = await pages(10_000);
      expect(await pages(10_000, 0)).toEqual(whole); // candidates walked in time order
      expect(await pages(10_000, 5)).toEqual(whole);
      expect(await pages(25)).toEqual(whole);
      expect(await pages(0)).toEqual(whole);
      expect(await pages(10_000, undefined, false)).toEqual(whole); // without the time-ordered word index
      expect(await pages(0, undefined, false)).toEqual(whole);
      // Word merge handing over to the tag's timeline at once, or never (tags too large to read directly).
      expect(await pages(10_000, 0, true, 0)).toEqual(whole);
      expect(await pages(10_000, 0, true, Infinity)).toEqual(whole);
      expect(await pages(10_000, 5, true, 0)).toEqual(whole);
      expect(new Set(whole).size).toBe(whole.length);
      if (query.text && !query.sort && Object.keys(query).every((key) => key === 'text' || key === 'tags')) {
        // Text (and tags): exactly the highlights where every query word starts one of their words and
        // that carry every tag, newest first.
        const terms = query.text.split(' ');
        const tags = (query.tags ?? []).map((tag) => tag.toLowerCase());
        const expected = (await db.getAll('annotations'))
          .filter((r) => terms.every((t) => r.tokens.some((token) => token.startsWith(t))) && tags.every((tag) => r.tagKeys.includes(tag)))
          .sort((a, b) => b.updated - a.updated || (a.id < b.id ? -1 : 1))
          .map((r) => r.id);
        expect(whole).toEqual(expected);
      }
      expect(whole.length).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('text search over many words with one start', () => {
  it('a one-letter query filters records; a longer one merges its words in time order', async () => {
    const db = await freshDb();
    await upsertArticle(db, { url: HANOI, meta: { title: 'Tiêu đề' } }, T0);
    const made: string[] = [];
    for (let i = 0; i < 90; i++) {
      // 90 distinct words that start with "x", so "x" alone stands for too many words to merge.
      const a = await createAnnotation(db, highlight(HANOI, `xa${i} chung ${i % 2 ? 'le' : 'chan'}`), { now: T0 + (i % 30) * 1000 });
      made.push(a.id);
    }
    for (const text of ['x', 'xa1', 'xa1 le', 'x chan', 'xa5 x', 'xa1 khong']) {
      const all = async (wordJoin: boolean) => {
        const out: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await queryLibrary(db, { text, limit: 4, cursor }, { wordJoin });
          out.push(...ids(page));
          cursor = page.next;
        } while (cursor);
        return out;
      };
      const joined = await all(true);
      expect(joined).toEqual(await all(false));
      const terms = text.split(' ');
      const records = await db.getAll('annotations');
      const expected = records
        .filter((r) => terms.every((t) => r.tokens.some((token) => token.startsWith(t))))
        .sort((a, b) => b.updated - a.updated || (a.id < b.id ? -1 : 1))
        .map((r) => r.id);
      expect(joined).toEqual(expected);
    }
    expect((await queryLibrary(db, { text: 'xa1 le', limit: 100 })).items.map((a) => a.quote).sort()).toEqual(
      ['xa1 chung le', ...Array.from({ length: 10 }, (_, i) => `xa1${i} chung ${i % 2 ? 'le' : 'chan'}`).filter((q) => q.endsWith('le'))].sort(),
    );
  }, 60_000);
});

describe('text search when many highlights share one millisecond', () => {
  it('pages through all of them (a bulk retag gives hundreds the same time)', async () => {
    const db = await freshDb();
    await upsertArticle(db, { url: HANOI, meta: { title: 'Tiêu đề' } }, T0);
    for (let i = 0; i < 300; i++) await createAnnotation(db, highlight(HANOI, `cùng lúc ${i % 3 ? 'một' : 'hai'}`), { now: T0 });
    await createAnnotation(db, highlight(HANOI, 'cùng lúc sau'), { now: T0 + 1 });
    for (const text of ['cung luc', 'cung hai']) {
      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryLibrary(db, { text, limit: 40, cursor });
        all.push(...ids(page));
        cursor = page.next;
      } while (cursor);
      const expected = (await db.getAll('annotations'))
        .filter((r) => text.split(' ').every((t) => r.tokens.some((token) => token.startsWith(t))))
        .sort((a, b) => b.updated - a.updated || (a.id < b.id ? -1 : 1))
        .map((r) => r.id);
      expect(all).toEqual(expected);
      expect(all.length).toBe(text === 'cung luc' ? 301 : 100);
    }
  }, 120_000);
});

describe('a common word with a tag few of its highlights carry', () => {
  it('hands the merge over to the tag’s timeline and pages the same as every other plan', async () => {
    const db = await freshDb();
    await upsertArticle(db, { url: HANOI, meta: { title: 'Tiêu đề' } }, T0);
    // 400 highlights say "chung" — more than one first read of a word's keys — and 1 in 23 has the tag.
    for (let i = 0; i < 400; i++) {
      const tags = [...(i % 23 === 0 ? ['Hiếm'] : []), ...(i % 2 ? ['thường'] : [])];
      await createAnnotation(db, highlight(HANOI, `chung ${i % 3 ? 'le' : 'chan'}`, { tags, color: i % 97 === 0 ? 'blue' : i % 7 ? 'yellow' : 'green' }), { now: T0 + Math.floor(i / 2) * 1000 });
    }
    const records = await db.getAll('annotations');
    for (const query of [
      { text: 'chung', tags: ['hiếm'] },
      { text: 'chung le', tags: ['HIẾM'] },
      { text: 'ch', tags: ['hiếm'], colors: ['yellow' as const] },
      { text: 'chung', tags: ['hiếm', 'thường'] },
      // No words: the tag's timeline (200 highlights) read in growing batches, most of them not green;
      // only two are blue, so finding them reads the whole timeline.
      { text: '', tags: ['thường'], colors: ['green' as const] },
      { text: '', tags: ['thường'], colors: ['blue' as const] },
      { text: 'chan', tags: ['thường'], colors: ['green' as const] },
    ]) {
      const pages = async (plan: Parameters<typeof queryLibrary>[2]) => {
        const all: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await queryLibrary(db, { ...query, limit: 4, cursor }, plan);
          all.push(...ids(page));
          cursor = page.next;
        } while (cursor);
        return all;
      };
      const terms = query.text.split(' ').filter(Boolean);
      const tagKeys = query.tags.map(canonicalKey);
      const expected = records
        .filter((r) => terms.every((t) => r.tokens.some((token) => token.startsWith(t))) && tagKeys.every((k) => r.tagKeys.includes(k)))
        .filter((r) => !query.colors || (query.colors as string[]).includes(r.color))
        .sort((a, b) => b.updated - a.updated || (a.id < b.id ? -1 : 1))
        .map((r) => r.id);
      // The tag (18 highlights) is too large to read directly here, so the word merge runs and may hand over.
      expect(await pages({ readAllCandidates: 0, tagRecordCostInKeys: 0 })).toEqual(expected);
      expect(await pages({ readAllCandidates: 0 })).toEqual(expected);
      expect(await pages({ readAllCandidates: 0, tagRecordCostInKeys: Infinity })).toEqual(expected);
      expect(await pages({})).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    }
  }, 120_000);
});
