/**
 * The library: every highlight, filtered by words, tags, site, colour and date, newest first, a page at
 * a time. Text search is accent-insensitive ("hoc tap" finds "học tập", "dang" finds "Đảng") and each
 * query word may be the start of a word, so results follow the user as they type.
 *
 * Plan (measured in Chromium, see BENCHMARKS.md "## Store"): ask each filter's index (a word prefix in
 * byToken, a tag in byTag, a site in bySite) for at most SMALL+1 keys; when one filter is that selective,
 * read its records, filter and sort them. Otherwise every filter is common, so matches are dense: read
 * records in the sort order (byRecency / byUpdated) in growing batches and stop at the first page.
 * Newest first, a tag's own timeline (byTagTimeline) is that order restricted to the tag: a tag filter
 * reads its records from there, and a text search whose common words rarely carry the tag hands its word
 * merge over to it once merging would cost more than reading the tag (bounded by the tag's size).
 * Batched getAll() matters: a cursor costs a round trip per record in Chromium.
 */
import type { Annotation, Article, HighlightColor } from '../model/types';
import { canonicalKey } from '../text/fold';
import type { Database } from './database';
import { readTransaction, StoreError } from './errors';
import { fromRecord, searchTerms, timelineKey } from './records';
import { idOfPosting } from './postings';
import { END_OF_TIME, type AnnotationRecord, type SotayDB } from './schema';
import type { IDBPIndex, IDBPObjectStore } from 'idb';

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

/** One record read in a tag's timeline costs about this many word keys merged (bench:store raw reads at 100,000: 3.6–8.7, median 6.3). */
const TAG_RECORD_COST_IN_KEYS = 6;

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
  /** Merge the words' time-ordered keys (default true); tests turn it off to compare with the other plans. */
  wordJoin?: boolean;
  /**
   * What one record of a tag's timeline costs in word keys merged: the merge hands over to the tag when it
   * would read more than this times the tag's size. Tests set 0 (hand over at once) or Infinity (never).
   */
  tagRecordCostInKeys?: number;
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
  const matches = (r: AnnotationRecord): boolean =>
    (!afterKey || compareKeys(order.keyOf(r), afterKey) > 0) &&
    (!colors || colors.has(r.color)) &&
    (query.from === undefined || r.created >= query.from) &&
    (query.to === undefined || r.created <= query.to) &&
    (!site || r.site === site) &&
    tagKeys.every((k) => r.tagKeys.includes(k)) &&
    terms.every((t) => r.tokens.some((token) => token.startsWith(t)));

  return readTransaction(db, ['annotations', 'articles', 'wordsByTime'], async (tx) => {
    const search = new PageSearch(tx.objectStore('annotations'), order, afterKey, limit, matches);
    const wordStore = tx.objectStore('wordsByTime').index('byWord');
    const filterSources: { index: 'byTag' | 'bySite'; query: string }[] = [
      ...tagKeys.map((key) => ({ index: 'byTag' as const, query: key })),
      ...(site ? [{ index: 'bySite' as const, query: site }] : []),
    ];
    // All probes are queued at once; each reads at most SMALL+1 keys, however common the filter.
    const filterProbes = Promise.all(filterSources.map((s) => search.store.index(s.index).getAllKeys(s.query, small + 1)));
    const probed = await filterProbes;
    const completeFilters = probed.filter((keys) => keys.length <= small);
    const fewCandidates = completeFilters.some((keys) => keys.length <= readAll);
    // The tag with the fewest highlights (a probe that stopped at SMALL+1 counts as that many).
    const smallestTag = tagKeys.map((key, i) => ({ key, size: probed[i]!.length })).sort((a, b) => a.size - b.size)[0];
    const siteSize = site ? probed[tagKeys.length]!.length : Infinity;
    const newestFirst = sort === 'newest';
    const wordJoin = plan.wordJoin !== false;

    // Newest first with words: merge the words' time-ordered keys — unless a tag or site has so few
    // highlights that reading them all is cheaper.
    let answered = false;
    if (terms.length && newestFirst && wordJoin && !fewCandidates) {
      const handOver = smallestTag && smallestTag.size <= small ? smallestTag : undefined;
      answered = await mergeWordKeys(search, wordStore, terms, completeFilters, handOver, plan.tagRecordCostInKeys ?? TAG_RECORD_COST_IN_KEYS);
    }
    if (!answered) {
      if (newestFirst && smallestTag && !fewCandidates && smallestTag.size <= siteSize && (!terms.length || wordJoin)) {
        // A tag is the narrowest filter: its timeline is the answer's order already, so records are read
        // newest first from it until the page is full, instead of walking every highlight's time index.
        await scanTagTimeline(search, smallestTag.key, afterKey ? timelineKey('', -Number(afterKey[0]), String(afterKey[1])).slice(1) : '');
      } else {
        // A tag or site with only a few highlights: those are read and their words checked on the records;
        // probing a common word's index entries would cost more than the whole answer.
        const termProbe = async (term: string) => (await wordStore.getAllKeys(IDBKeyRange.bound(term, `${term}\uffff`), small + 1)).map(idOfPosting);
        const probes = [...(fewCandidates ? [] : await Promise.all(terms.map(termProbe))), ...probed];
        const complete = probes.filter((keys) => keys.length <= small).sort((a, b) => a.length - b.length);
        if (complete.length) {
          // Every filter that answered completely narrows the candidates; records are read only for them.
          const candidates = complete.slice(1).reduce((kept, keys) => {
            const other = new Set(keys);
            return new Set([...kept].filter((id) => other.has(id)));
          }, new Set(complete[0]));
          await readCandidates(search, candidates, readAll);
        } else {
          await readInOrder(search);
        }
      }
    }

    const page = search.sorted().slice(0, limit);
    const articles: Record<string, Article> = {};
    const urls = [...new Set(page.map((r) => r.articleUrl))];
    // Queued together: one round trip's wait instead of one per article.
    for (const article of await Promise.all(urls.map((url) => tx.objectStore('articles').get(url)))) {
      if (article) articles[article.url] = article;
    }
    const last = page[page.length - 1];
    return {
      items: page.map(fromRecord),
      articles,
      ...(search.full && last ? { next: order.encode(last) } : {}),
    };
  });
}

// ——————————————————————————————— the plans ————————————————————————————————

type AnnotationStore = IDBPObjectStore<SotayDB, ('annotations' | 'articles' | 'wordsByTime')[], 'annotations', 'readonly'>;

/** What every plan shares: the annotation store, the query's filter and order, and the matches found so far. */
class PageSearch {
  found: AnnotationRecord[] = [];

  constructor(
    readonly store: AnnotationStore,
    readonly order: Order,
    readonly afterKey: SortKey | undefined,
    readonly limit: number,
    private readonly matches: (record: AnnotationRecord) => boolean,
  ) {}

  consider(records: (AnnotationRecord | undefined)[]): void {
    for (const record of records) if (record && this.matches(record)) this.found.push(record);
  }

  /** The page has its items plus one, which tells there is a next page. */
  get full(): boolean {
    return this.found.length > this.limit;
  }

  /** Matches the page still needs (one more than its items, to tell whether there is a next page). */
  get wanted(): number {
    return this.limit + 1 - this.found.length;
  }

  /** Reads the records of these ids in turn, only as many as the page still needs; more only when the filter rejects some. */
  async readFor(ids: string[]): Promise<void> {
    for (let at = 0; at < ids.length && !this.full; ) {
      const chunk = ids.slice(at, at + this.wanted);
      at += chunk.length;
      // One get() per id, all queued at once. Reading the index range that spans them was tried: a getAll
      // of a few hundred records cost more than fifty get()s here (bench:store).
      this.consider(await Promise.all(chunk.map((id) => this.store.get(id))));
    }
  }

  sorted(): AnnotationRecord[] {
    const keyOf = this.order.keyOf;
    return this.found.sort((a, b) => compareKeys(keyOf(a), keyOf(b))).slice(0, this.limit + 1);
  }
}

/**
 * Text search newest first: merges the words' time-ordered keys, keeps the matches every complete filter
 * (tag or site that answered in full) allows, and reads their records. When the words are common and few
 * of their matches carry the tag `handOver`, reading that tag's records from where the merge got to (and
 * checking the words on them) is bounded by the tag's size; the merge is not — so the merge hands over
 * once it would read more than `tagRecordCost` × the tag's size. False when no word can use the index.
 */
async function mergeWordKeys(
  search: PageSearch,
  wordStore: WordStore,
  terms: string[],
  completeFilters: string[][],
  handOver: { key: string; size: number } | undefined,
  tagRecordCost: number,
): Promise<boolean> {
  const allowed = completeFilters.map((keys) => new Set(keys));
  let hits = 0;
  let handOverAfter: string | undefined;
  const answered = await newestWithWords(wordStore, terms, search.afterKey as [number, string] | undefined, async (all, progress) => {
    const matches = all.filter((m) => allowed.every((ids) => ids.has(m.id)));
    hits += matches.length;
    await search.readFor(matches.map((m) => m.id));
    if (search.full) return true;
    if (handOver && !progress.complete) {
      // Word keys still to merge for the rest of the page, at the rate matches carrying the filters came so far.
      const keysStillToMerge = (search.wanted * progress.keysRead) / Math.max(hits, 1);
      if (keysStillToMerge > tagRecordCost * handOver.size) {
        handOverAfter = progress.horizon;
        return true;
      }
    }
    return false;
  });
  // Every match up to the merge's horizon is found; the tag's timeline goes on from there.
  if (handOverAfter !== undefined) await scanTagTimeline(search, handOver!.key, handOverAfter);
  return answered;
}

/** Reads a tag's records newest first from its timeline (byTagTimeline), after `after`, until the page is full. */
async function scanTagTimeline(search: PageSearch, tagKey: string, after: string): Promise<void> {
  const timeline = search.store.index('byTagTimeline');
  const end = `${tagKey}\u0002`;
  let lower = `${tagKey}\u0001${after}`;
  let read = 0;
  const foundBefore = search.found.length;
  for (let batch = 64; !search.full; ) {
    const records = await timeline.getAll(IDBKeyRange.bound(lower, end, true, true), batch);
    search.consider(records);
    read += records.length;
    if (records.length < batch) break;
    const last = records[records.length - 1]!;
    lower = timelineKey(tagKey, last.updated, last.id);
    // Next, about as many as the rest of the page needs at the rate matches came so far (a record
    // read costs the same whether it matches or not, so overshooting is what to avoid).
    const rate = Math.max(search.found.length - foundBefore, 1) / read;
    batch = Math.max(32, Math.min(512, Math.ceil((1.25 * search.wanted) / rate)));
  }
}

/**
 * The candidates every complete filter allows. Few: read them all. Otherwise walk ids in result order (keys
 * only) and read just the ones the page needs — unless the walk shows they are so sparse in time that
 * reading every candidate is cheaper (in Chromium one get() cost about as much as 17 ids of a walk: bench:store).
 */
async function readCandidates(search: PageSearch, candidates: Set<string>, readAll: number): Promise<void> {
  const readEveryCandidate = async () => {
    search.found = [];
    search.consider(await Promise.all([...candidates].map((id) => search.store.get(id))));
  };
  if (candidates.size <= readAll) return readEveryCandidate();
  const recencyIndex = search.store.index(search.order.index);
  let range = search.afterKey ? IDBKeyRange.lowerBound(search.afterKey, true) : null;
  let batch = 500;
  let walked = 0;
  let hits = 0;
  while (!search.full) {
    const ids = await recencyIndex.getAllKeys(range, batch);
    const wanted = ids.filter((id) => candidates.has(id));
    walked += ids.length;
    hits += wanted.length;
    await search.readFor(wanted);
    if (ids.length < batch || search.full) return;
    const idsStillToWalk = (search.wanted * walked) / Math.max(hits, 1);
    if (idsStillToWalk > GET_COST_IN_IDS * candidates.size) return readEveryCandidate();
    // The index gives ids, not its keys: the last record tells where the next batch starts.
    const last = await search.store.get(ids[ids.length - 1]!);
    if (!last) return;
    range = IDBKeyRange.lowerBound(search.order.keyOf(last), true);
    batch = Math.min(batch * 2, 4_000);
  }
}

/** No filter narrows enough (or there is none): matches are dense, so records are read in result order. */
async function readInOrder(search: PageSearch): Promise<void> {
  const recencyIndex = search.store.index(search.order.index);
  let range = search.afterKey ? IDBKeyRange.lowerBound(search.afterKey, true) : null;
  // Batches stay small: in Chromium one getAll of 2,000 records took ~20× one of 200, not 10×.
  let batch = 100;
  while (!search.full) {
    const records = await recencyIndex.getAll(range, batch);
    search.consider(records);
    if (records.length < batch) return;
    range = IDBKeyRange.lowerBound(search.order.keyOf(records[records.length - 1]!), true);
    batch = Math.min(batch * 2, 250);
  }
}

// ——————————————————————————————— words, newest first ————————————————————————————————

type WordStore = IDBPIndex<SotayDB, ('annotations' | 'articles' | 'wordsByTime')[], 'wordsByTime', 'byWord', 'readonly'>;

/** A query word may be the start of this many distinct words; beyond it (a word of one or two letters) it filters records instead. */
const MAX_WORDS_PER_TERM = 64;

/** Keys read per word at first: enough for a page when words are common, small when they are many. */
const FIRST_READ_PER_TERM = 256;
const MAX_READ = 4_000;

/** The distinct indexed words that start with `prefix`, or undefined when there are more than `max`. */
async function wordsStartingWith(words: WordStore, prefix: string, max: number): Promise<string[] | undefined> {
  const found: string[] = [];
  let cursor = await words.openKeyCursor(IDBKeyRange.bound(prefix, `${prefix}\uffff`));
  while (cursor) {
    const key = cursor.key;
    const word = key.slice(0, key.indexOf('\u0001'));
    found.push(word);
    if (found.length > max) return undefined;
    // Skip the rest of this word's keys: the next key read is the next word's first.
    cursor = await cursor.continue(`${word}\u0002`);
  }
  return found;
}

/** One word's keys read so far, newest first, as `${time counting down}\u0001${id}` (comparable as strings). */
interface WordRun {
  word: string;
  keys: string[];
  done: boolean;
}

/** How far a merge of word keys has got, handed to its consumer with each batch of matches. */
interface MergeProgress {
  /** Every match up to this key (`${time counting down}\u0001${id}`) has been handed over. */
  horizon: string;
  /** Word keys read so far, over all words. */
  keysRead: number;
  /** Every word was read to its end: there are no more matches. */
  complete: boolean;
}

/**
 * Text search in the default order. Each query word stands for the indexed words it starts; each of those
 * is read newest first from wordTimeline in growing batches. A query word's matches are complete up to its
 * horizon (the oldest key every unfinished word has reached), so the matches of all query words are
 * complete up to the lowest horizon: those are intersected in time order and handed to `take` (which reads
 * their records and applies the other filters) until it has enough. Only binding words are read further,
 * so a rare word is read once and a common word only as far back as the page needs.
 * Returns false when no query word is narrow enough to use the index (every one a very short prefix).
 */
async function newestWithWords(
  words: WordStore,
  terms: string[],
  after: [number, string] | undefined,
  take: (matches: { updated: number; id: string }[], progress: MergeProgress) => Promise<boolean>,
): Promise<boolean> {
  const expanded = await Promise.all(terms.map((term) => wordsStartingWith(words, term, MAX_WORDS_PER_TERM)));
  const indexed = expanded.filter((list): list is string[] => list !== undefined);
  if (!indexed.length) return false;
  if (indexed.some((list) => list.length === 0)) return true; // a word nobody wrote: no match at all

  const start = after ? timelineKey('', -after[0], after[1]).slice(1) : undefined;
  const runs = indexed.map((list) => list.map((word): WordRun => ({ word, keys: [], done: false })));
  const read = async (run: WordRun, count: number) => {
    const from = run.keys[run.keys.length - 1] ?? start;
    // The index key holds the time but not the id: start at the time, drop what was already read.
    const range = IDBKeyRange.bound(`${run.word}\u0001${from === undefined ? '' : from.slice(0, from.indexOf('\u0001'))}`, `${run.word}\u0002`, false, true);
    for (let n = count; ; n *= 2) {
      const keys = await words.getAllKeys(range, n);
      const fresh = from === undefined ? keys : keys.filter((key) => key > from);
      run.keys.push(...fresh);
      run.done = keys.length < n;
      // Only highlights changed in the same millisecond (a bulk retag) can fill a read with old keys.
      if (fresh.length || run.done) return;
    }
  };
  const END = '\uffff';
  const lower = (a: string, b: string) => (a < b ? a : b);
  const horizonOf = (termRuns: WordRun[]) => termRuns.reduce((low, run) => (run.done ? low : lower(low, run.keys[run.keys.length - 1]!)), END);

  let pending = runs.flatMap((termRuns) => termRuns.map((run) => ({ run, count: Math.max(16, Math.ceil(FIRST_READ_PER_TERM / termRuns.length)) })));
  let taken = '';
  for (;;) {
    await Promise.all(pending.map(({ run, count }) => read(run, count)));
    const horizon = runs.map(horizonOf).reduce(lower);
    // Each query word's matches up to the horizon, the smallest set first; then those in every set.
    const sets = runs
      .map((termRuns) => new Set(termRuns.flatMap((run) => run.keys.filter((key) => key <= horizon && key > taken))))
      .sort((a, b) => a.size - b.size);
    const common = [...sets[0]!].filter((key) => sets.every((set) => set.has(key))).sort();
    const matches = common.map((key) => {
      const cut = key.indexOf('\u0001');
      return { updated: END_OF_TIME - Number(key.slice(0, cut)), id: key.slice(cut + 1) };
    });
    const keysRead = runs.reduce((sum, termRuns) => termRuns.reduce((n, run) => n + run.keys.length, sum), 0);
    if (await take(matches, { horizon, keysRead, complete: horizon === END })) return true;
    if (horizon === END) return true;
    taken = horizon;
    // Read further only the words that bound the horizon, twice as many keys each time.
    pending = runs.flat().filter((run) => !run.done && run.keys[run.keys.length - 1]! <= horizon).map((run) => ({ run, count: Math.min(MAX_READ, Math.max(64, run.keys.length * 2)) }));
  }
}
