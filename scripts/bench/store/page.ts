/**
 * The store benchmark's page: bundled with esbuild and run in Chromium by scripts/bench/store.ts. It
 * imports the real store modules and exposes one function per measurement on `window.storeBench`.
 */
import { openDatabase, type Database } from '../../../utils/db/database';
import { listByArticle, listByTag } from '../../../utils/db/annotations';
import { queryLibrary } from '../../../utils/db/library';
import { exportBackup } from '../../../utils/db/backup';
import { toRecord } from '../../../utils/db/records';
import { wordsEntry, wordsKey } from '../../../utils/db/postings';
import { commitStagedBackup, stageBackup } from '../../../utils/db/import';
import { HIGHLIGHT_COLORS, type Annotation, type Article, type Tag } from '../../../utils/model/types';
import { canonicalKey } from '../../../utils/text/fold';
import { seededRandom } from '../../lib/seeded-random';


export interface FillOptions {
  dbName: string;
  articles: number;
  annotations: number;
  tags: number;
  /** Vietnamese article text the quotes, notes and titles are cut from. */
  corpus: string;
  seed: number;
  /** Keep a database already filled with these options (same counts) instead of refilling it. */
  reuse?: boolean;
}

export interface Library {
  articleUrls: string[];
  tagNames: string[];
}

let db: Database | undefined;
let library: Library | undefined;
/** Every filled library stays open, so lookups can alternate between sizes under the same load. */
const opened = new Map<string, { db: Database; library?: Library }>();

async function reopen(name: string, wipe = true): Promise<Database> {
  const kept = opened.get(name)?.library;
  opened.get(name)?.db.close();
  opened.delete(name);
  if (wipe) {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
  }
  db = await openDatabase({ name });
  opened.set(name, { db, library: kept });
  return db;
}

/**
 * Fill a fresh database: articles, then annotations in batches of 2,000 per transaction written as the
 * store writes them (same records and indexes as createAnnotation, without one transaction each, which
 * would only measure the fill), then exact tag counts.
 */
async function fill(options: FillOptions): Promise<{ ms: number; reused: boolean }> {
  const started = performance.now();
  const rnd = seededRandom(options.seed);
  const words = options.corpus.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const phrase = (min: number, max: number) => {
    const n = min + Math.floor(rnd() * (max - min + 1));
    const at = Math.floor(rnd() * (words.length - n));
    return words.slice(at, at + n).join(' ');
  };
  let database = await reopen(options.dbName, !options.reuse);
  const tagNames = Array.from({ length: options.tags }, (_, i) => `${phrase(1, 2).replace(/[^\p{L} ]/gu, '') || 'chủ đề'} ${i}`);
  const sites = ['baochinhphu.vn', 'hanoi.gov.vn', 'nhandan.vn', 'quochoi.vn', 'moit.gov.vn', 'hochiminhcity.gov.vn', 'gov.uk', 'canada.ca'];
  const t0 = Date.UTC(2024, 0, 1);
  const articles: Article[] = Array.from({ length: options.articles }, (_, i) => ({
    url: `https://${sites[i % sites.length]}/tin-tuc/bai-viet-${i}.htm`,
    aliases: [],
    originalUrl: `https://${sites[i % sites.length]}/tin-tuc/bai-viet-${i}.htm`,
    meta: { title: phrase(6, 12), siteName: sites[i % sites.length]! },
    firstVisit: t0 + i * 60_000,
    lastVisit: t0 + i * 60_000,
  }));
  // The names and URLs above come first from the seeded generator, so a kept library is described exactly.
  if (options.reuse && (await database.count('annotations')) === options.annotations && (await database.count('articles')) === options.articles) {
    library = { articleUrls: articles.map((a) => a.url), tagNames };
    opened.set(options.dbName, { db: database, library });
    return { ms: performance.now() - started, reused: true };
  }
  if (options.reuse) database = await reopen(options.dbName);
  {
    const tx = database.transaction('articles', 'readwrite');
    for (const article of articles) void tx.store.put(article);
    await tx.done;
  }
  const counts = new Map<string, Tag>();
  const batch = 2000;
  for (let from = 0; from < options.annotations; from += batch) {
    const tx = database.transaction(['annotations', 'wordsByTime'], 'readwrite');
    const annotationStore = tx.objectStore('annotations');
    const wordStore = tx.objectStore('wordsByTime');
    for (let i = from; i < Math.min(options.annotations, from + batch); i++) {
      const article = articles[Math.floor(rnd() * articles.length)]!;
      const quote = phrase(8, 30);
      const start = Math.floor(rnd() * 20_000);
      const tags = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => tagNames[Math.floor(rnd() * tagNames.length)]!))];
      const created = t0 + Math.floor(rnd() * 3 * 365 * 86_400_000);
      const annotation: Annotation = {
        id: `a${String(i).padStart(7, '0')}`,
        articleUrl: article.url,
        target: {
          scope: 'article',
          quote: { type: 'TextQuoteSelector', exact: quote, prefix: phrase(3, 5), suffix: phrase(3, 5) },
          position: { type: 'TextPositionSelector', start, end: start + quote.length },
        },
        quote,
        color: HIGHLIGHT_COLORS[Math.floor(rnd() * HIGHLIGHT_COLORS.length)]!,
        tags,
        note: rnd() < 0.25 ? phrase(3, 20) : '',
        created,
        updated: created + (rnd() < 0.2 ? Math.floor(rnd() * 86_400_000) : 0),
      };
      for (const name of tags) {
        const key = canonicalKey(name);
        const tag = counts.get(key) ?? { key, name, count: 0 };
        tag.count++;
        counts.set(key, tag);
      }
      const record = toRecord(annotation, article.meta.title);
      void annotationStore.put(record);
      void wordStore.put(wordsEntry(record), wordsKey(record));
    }
    await tx.done;
  }
  {
    const tx = database.transaction('tags', 'readwrite');
    for (const tag of counts.values()) void tx.store.put(tag);
    await tx.done;
  }
  library = { articleUrls: articles.map((a) => a.url), tagNames };
  opened.set(options.dbName, { db: database, library });
  return { ms: performance.now() - started, reused: false };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(work: () => Promise<T>, repeats: number): Promise<{ median: number; results: T[] }> {
  const times: number[] = [];
  const results: T[] = [];
  await work(); // warm-up: first open of each index
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    results.push(await work());
    times.push(performance.now() - started);
  }
  return { median: median(times), results };
}

async function lookups(repeats: number) {
  const rnd = seededRandom(7);
  const { articleUrls, tagNames } = library!;
  const byArticle = await timed(() => listByArticle(db!, articleUrls[Math.floor(rnd() * articleUrls.length)]!), repeats);
  const byTag = await timed(() => listByTag(db!, tagNames[Math.floor(rnd() * tagNames.length)]!, { limit: 50 }), repeats);
  return {
    byArticleMs: byArticle.median,
    byArticleSize: median(byArticle.results.map((r) => r.length)),
    byTagMs: byTag.median,
    byTagSize: median(byTag.results.map((r) => r.items.length)),
  };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Lookups in two libraries, alternating one by one for `rounds` rounds, so both see the same load at
 * the same moments (the machine's load drifts over minutes). Per library: median and quartiles; and
 * the median over rounds of large/small, the ratio least disturbed by a slow moment.
 */
async function lookupsInterleaved(smallName: string, largeName: string, rounds: number) {
  const rnd = seededRandom(11);
  const small = opened.get(smallName)!;
  const large = opened.get(largeName)!;
  const times = { small: { article: [] as number[], tag: [] as number[] }, large: { article: [] as number[], tag: [] as number[] } };
  const once = async (side: typeof small, kind: 'article' | 'tag') => {
    const { articleUrls, tagNames } = side.library!;
    const started = performance.now();
    if (kind === 'article') await listByArticle(side.db, articleUrls[Math.floor(rnd() * articleUrls.length)]!);
    else await listByTag(side.db, tagNames[Math.floor(rnd() * tagNames.length)]!, { limit: 50 });
    return performance.now() - started;
  };
  for (const kind of ['article', 'tag'] as const) {
    await once(small, kind);
    await once(large, kind);
  }
  for (let i = 0; i < rounds; i++) {
    for (const kind of ['article', 'tag'] as const) {
      // Alternate which goes first, so neither always follows the other's warm cache.
      const [first, second] = i % 2 ? (['large', 'small'] as const) : (['small', 'large'] as const);
      times[first][kind].push(await once(first === 'small' ? small : large, kind));
      times[second][kind].push(await once(second === 'small' ? small : large, kind));
    }
  }
  const summary = (values: number[]) => ({ median: median(values), p25: quantile(values, 0.25), p75: quantile(values, 0.75) });
  const ratios = (kind: 'article' | 'tag') => times.large[kind].map((t, i) => t / times.small[kind][i]!);
  return {
    article: { small: summary(times.small.article), large: summary(times.large.article), ratio: summary(ratios('article')) },
    tag: { small: summary(times.small.tag), large: summary(times.large.tag), ratio: summary(ratios('tag')) },
  };
}

async function search(text: string, repeats: number, extra: { tags?: string[] } = {}) {
  const run = await timed(() => queryLibrary(db!, { text, limit: 50, ...extra }), repeats);
  return { ms: run.median, results: run.results[0]!.items.length, more: run.results[0]!.next !== undefined };
}

async function exportAll(): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const blob = await exportBackup(db!, { chunkSize: 1000 });
  (globalThis as { lastBackup?: Blob }).lastBackup = blob;
  return { ms: performance.now() - started, bytes: blob.size };
}

/** Wipe, then import the exported Blob as the library does: streamed and staged, then one transaction. */
async function importAll(dbName: string): Promise<{ stageMs: number; commitMs: number; annotations: number; tagCount: number }> {
  const blob = (globalThis as { lastBackup?: Blob }).lastBackup!;
  const database = await reopen(dbName);
  let started = performance.now();
  const staged = await stageBackup(database, blob);
  const stageMs = performance.now() - started;
  started = performance.now();
  await commitStagedBackup(database, staged);
  const commitMs = performance.now() - started;
  return { stageMs, commitMs, annotations: await database.count('annotations'), tagCount: await database.count('tags') };
}

async function counts() {
  return { annotations: await db!.count('annotations'), articles: await db!.count('articles'), tags: await db!.count('tags') };
}

async function sampleTag(): Promise<string> {
  return library!.tagNames[3]!;
}

Object.assign(globalThis, { storeBench: { fill, lookups, lookupsInterleaved, search, exportAll, importAll, counts, sampleTag } });
document.title = 'store bench ready';

/** Raw IndexedDB costs behind the figures above: what one read of each kind takes in this browser. */
async function rawCosts(term: string, tag?: string) {
  const tx = () => db!.transaction('annotations').store;
  const time = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    const result = await work();
    return { ms: performance.now() - started, n: Array.isArray(result) ? result.length : result };
  };
  const range = IDBKeyRange.bound(term, `${term}\uffff`);
  return {
    probeKeys: await time(() => db!.transaction('wordsByTime').store.index('byWord').getAllKeys(range, 2001)),
    firstKeys256: await time(() => db!.transaction('wordsByTime').store.index('byWord').getAllKeys(IDBKeyRange.bound(`${term}\u0001`, `${term}\u0002`), 256)),
    countTerm: await time(() => db!.transaction('wordsByTime').store.index('byWord').count(range)),
    recent200: await time(() => tx().index('byRecency').getAll(null, 200)),
    recent2000: await time(() => tx().index('byRecency').getAll(null, 2000)),
    recentKeys20000: await time(() => tx().index('byRecency').getAllKeys(null, 20000)),
    primary2000: await time(() => tx().getAll(null, 2000)),
    get50: await time(async () => {
      const store = tx();
      const ids = await store.getAllKeys(null, 50);
      return Promise.all(ids.map((id) => store.get(id)));
    }),
    recordBytes: JSON.stringify((await tx().getAll(null, 1))[0]).length,
    // What choosing between merging a word's keys and reading a tag's timeline weighs (library.ts).
    wordKeys4000: await time(() => db!.transaction('wordsByTime').store.index('byWord').getAllKeys(IDBKeyRange.bound(`${term}\u0001`, `${term}\u0002`), 4000)),
    // A word entry (its words only) against a whole record: what reading a tag as word entries would save.
    wordEntries400: await time(() => db!.transaction('wordsByTime').store.getAll(null, 400)),
    records400: await time(() => tx().getAll(null, 400)),
    ...(tag
      ? {
          tagTimelineAll: await time(() => {
            const key = canonicalKey(tag);
            return tx().index('byTagTimeline').getAll(IDBKeyRange.bound(`${key}\u0001`, `${key}\u0002`));
          }),
        }
      : {}),
  };
}
Object.assign((globalThis as unknown as { storeBench: object }).storeBench, { rawCosts });
