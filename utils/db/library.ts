/**
 * The library: every highlight, filtered by words, tags, site, colour and date, newest first, a page at
 * a time. Text search is accent-insensitive ("hoc tap" finds "học tập", "dang" finds "Đảng") and each
 * query word may be the start of a word, so results follow the user as they type.
 *
 * Plan (measured in Chromium, see BENCHMARKS.md "## Store"): ask each filter's index (a word prefix in
 * byToken, a tag in byTag, a site in bySite) for at most SMALL+1 keys; when one filter is that selective,
 * read its records, filter and sort them. Otherwise every filter is common, so matches are dense: read
 * records in the sort order (byRecency / byUpdated) in growing batches and stop at the first page.
 * Batched getAll() matters: a cursor costs a round trip per record in Chromium.
 */
import type { Annotation, Article, HighlightColor } from '../model/types';
import { canonicalKey } from '../text/fold';
import type { Database } from './database';
import { readTransaction, StoreError } from './errors';
import { fromRecord, searchTerms } from './records';
import type { AnnotationRecord } from './schema';

export interface LibraryQuery {
  /** Words to find in the quote, the note or the article title. */
  text?: string;
  /** The highlight must carry every one of these tags (any spelling of each). */
  tags?: string[];
  /** Host name, with or without "www.". */
  site?: string;
  /** Any of these colours. */
  colors?: HighlightColor[];
  /** Highlighted (created) at or after / at or before, ms since the epoch. */
  from?: number;
  to?: number;
  /**
   * By last change (default newest first), or by article: articles A→Z by title without marks (then by
   * URL), each article's highlights in page order.
   */
  sort?: 'newest' | 'oldest' | 'article';
  /** Page size, 1–500 (default 50). */
  limit?: number;
  /** `next` from the previous page. */
  cursor?: string;
}

export interface LibraryPage {
  items: Annotation[];
  /** The articles of these items, by URL. */
  articles: Record<string, Article>;
  /** Present when there are more results. */
  next?: string;
}

/** Below this many candidate entries, reading them all and sorting beats walking the time index. */
const SMALL_CANDIDATE_SET = 2_000;

/** Up to this many candidate ids, their records are read directly instead of walking the time index. */
const READ_ALL_CANDIDATES = 60;

/** One record read costs about this many ids walked in an index (measured in Chromium, bench:store). */
const GET_COST_IN_IDS = 17;

/** An index key of the result order: byRecency / byUpdated ([time, id]) or byArticleOrder. */
type SortKey = (string | number)[];

interface Order {
  index: 'byRecency' | 'byUpdated' | 'byArticleOrder';
  keyOf(record: AnnotationRecord): SortKey;
  encode(record: AnnotationRecord): string;
  decode(cursor: string): SortKey;
}

function badCursor(): StoreError {
  return new StoreError('invalid', 'Invalid data — cursor: not one this library gave out');
}

function decodeTimeCursor(cursor: string): { updated: number; id: string } {
  const match = /^(\d{1,16}):(.{1,128})$/s.exec(cursor);
  if (!match) throw badCursor();
  return { updated: Number(match[1]), id: match[2]! };
}

const ARTICLE_CURSOR = 'a:';

const ORDERS: Record<NonNullable<LibraryQuery['sort']>, Order> = {
  newest: {
    index: 'byRecency',
    keyOf: (r) => [-r.updated, r.id],
    encode: (r) => `${r.updated}:${r.id}`,
    decode(cursor) {
      const p = decodeTimeCursor(cursor);
      return [-p.updated, p.id];
    },
  },
  oldest: {
    index: 'byUpdated',
    keyOf: (r) => [r.updated, r.id],
    encode: (r) => `${r.updated}:${r.id}`,
    decode(cursor) {
      const p = decodeTimeCursor(cursor);
      return [p.updated, p.id];
    },
  },
  article: {
    index: 'byArticleOrder',
    keyOf: (r) => [r.titleKey, r.articleUrl, r.target.position.start, r.target.position.end, r.id],
    encode: (r) => ARTICLE_CURSOR + JSON.stringify([r.titleKey, r.articleUrl, r.target.position.start, r.target.position.end, r.id]),
    decode(cursor) {
      if (!cursor.startsWith(ARTICLE_CURSOR) || cursor.length > 20_000) throw badCursor();
      let key: unknown;
      try {
        key = JSON.parse(cursor.slice(ARTICLE_CURSOR.length));
      } catch {
        throw badCursor();
      }
      const types = ['string', 'string', 'number', 'number', 'string'];
      if (!Array.isArray(key) || key.length !== types.length || key.some((part, i) => typeof part !== types[i] || (typeof part === 'number' && !Number.isFinite(part)))) {
        throw badCursor();
      }
      return key as SortKey;
    },
  },
};

/** IndexedDB's order for the keys used here: numbers before strings, strings by UTF-16 code unit. */
function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function siteKey(site: string): string {
  return site.trim().toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

export interface QueryPlanOptions {
  /** Largest candidate set read whole; tests lower it to exercise the ordered scan on a small library. */
  smallCandidateSet?: number;
  /** Largest candidate set whose records are read directly; tests lower it to exercise the id walk. */
  readAllCandidates?: number;
}

export async function queryLibrary(db: Database, query: LibraryQuery = {}, plan: QueryPlanOptions = {}): Promise<LibraryPage> {
  const small = plan.smallCandidateSet ?? SMALL_CANDIDATE_SET;
  const readAll = plan.readAllCandidates ?? READ_ALL_CANDIDATES;
  const terms = [...new Set(searchTerms(query.text ?? ''))];
  const tagKeys = [...new Set((query.tags ?? []).map(canonicalKey))];
  const site = query.site ? siteKey(query.site) : undefined;
  const colors = query.colors?.length ? new Set<string>(query.colors) : undefined;
  const sort = query.sort ?? 'newest';
  const order = Object.hasOwn(ORDERS, sort) ? ORDERS[sort] : undefined;
  if (!order) throw new StoreError('invalid', 'Invalid data — sort: expected newest, oldest or article');
  const limit = Math.max(1, Math.min(Math.trunc(query.limit ?? 50), 500));
  const afterKey = query.cursor ? order.decode(query.cursor) : undefined;
  const sortKey = order.keyOf;
  const matches = (r: AnnotationRecord): boolean =>
    (!afterKey || compareKeys(sortKey(r), afterKey) > 0) &&
    (!colors || colors.has(r.color)) &&
    (query.from === undefined || r.created >= query.from) &&
    (query.to === undefined || r.created <= query.to) &&
    (!site || r.site === site) &&
    tagKeys.every((k) => r.tagKeys.includes(k)) &&
    terms.every((t) => r.tokens.some((token) => token.startsWith(t)));

  return readTransaction(db, ['annotations', 'articles'], async (tx) => {
    const store = tx.objectStore('annotations');
    const sources: { index: 'byToken' | 'byTag' | 'bySite'; query: IDBKeyRange | string }[] = [
      ...terms.map((term) => ({ index: 'byToken' as const, query: IDBKeyRange.bound(term, `${term}\uffff`) })),
      ...tagKeys.map((key) => ({ index: 'byTag' as const, query: key })),
      ...(site ? [{ index: 'bySite' as const, query: site }] : []),
    ];
    // All probes are queued at once; each reads at most SMALL+1 keys (ids), however common the filter.
    const probes = await Promise.all(sources.map((s) => store.index(s.index).getAllKeys(s.query, small + 1)));
    const complete = probes.filter((keys) => keys.length <= small).sort((a, b) => a.length - b.length);
    const recencyIndex = store.index(order.index);
    const startAfter = (): IDBKeyRange | null => (afterKey ? IDBKeyRange.lowerBound(afterKey, true) : null);

    let found: AnnotationRecord[] = [];
    const consider = (records: (AnnotationRecord | undefined)[]) => {
      for (const record of records) if (record && matches(record)) found.push(record);
    };
    if (complete.length) {
      // Every filter that answered completely narrows the candidates; records are read only for them.
      let candidates = new Set(complete[0]);
      for (const keys of complete.slice(1)) {
        const other = new Set(keys);
        candidates = new Set([...candidates].filter((id) => other.has(id)));
      }
      // Few candidates: read them all. Otherwise walk ids in result order (keys only) and read just the
      // ones the page needs — unless the walk shows they are so sparse in time that reading every
      // candidate is cheaper (in Chromium one get() cost about as much as 17 ids of a walk: bench:store).
      const readAllCandidates = async () => {
        found = [];
        consider(await Promise.all([...candidates].map((id) => store.get(id))));
        found.sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
      };
      if (candidates.size <= readAll) {
        await readAllCandidates();
      } else {
        let range = startAfter();
        let batch = 500;
        let walked = 0;
        let hits = 0;
        while (found.length <= limit) {
          const ids = await recencyIndex.getAllKeys(range, batch);
          const wanted = ids.filter((id) => candidates.has(id));
          walked += ids.length;
          hits += wanted.length;
          // Read only as many as the page still needs; more only if other filters reject some.
          for (let at = 0; at < wanted.length && found.length <= limit; ) {
            const chunk = wanted.slice(at, at + limit + 1 - found.length);
            at += chunk.length;
            consider(await Promise.all(chunk.map((id) => store.get(id))));
          }
          if (ids.length < batch || found.length > limit) break;
          const idsStillToWalk = ((limit + 1 - found.length) * walked) / Math.max(hits, 1);
          if (idsStillToWalk > GET_COST_IN_IDS * candidates.size) {
            await readAllCandidates();
            break;
          }
          // The index gives ids, not its keys: the last record tells where the next batch starts.
          const last = await store.get(ids[ids.length - 1]!);
          if (!last) break;
          range = IDBKeyRange.lowerBound(sortKey(last), true);
          batch = Math.min(batch * 2, 4_000);
        }
        found.sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
      }
    } else {
      // No filter narrows enough (or there is none): matches are dense, read records in result order.
      let range = startAfter();
      // Batches stay small: in Chromium one getAll of 2,000 records took ~20× one of 200, not 10×.
      let batch = 100;
      while (found.length <= limit) {
        const records = await recencyIndex.getAll(range, batch);
        consider(records);
        if (records.length < batch) break;
        range = IDBKeyRange.lowerBound(sortKey(records[records.length - 1]!), true);
        batch = Math.min(batch * 2, 250);
      }
    }
    found = found.slice(0, limit + 1);

    const page = found.slice(0, limit);
    const articles: Record<string, Article> = {};
    for (const url of new Set(page.map((r) => r.articleUrl))) {
      const article = await tx.objectStore('articles').get(url);
      if (article) articles[url] = article;
    }
    const last = page[page.length - 1];
    return {
      items: page.map(fromRecord),
      articles,
      ...(found.length > limit && last ? { next: order.encode(last) } : {}),
    };
  });
}
