/**
 * The IndexedDB schema and its migrations. The database version is the number of migrations; each
 * migration takes the database from version i to i+1 inside the upgrade transaction, so a browser that
 * skipped versions runs every step in order, and a failed step aborts the whole upgrade (nothing half done).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Annotation, Article, Tag } from '../model/types';
import { foldForSearch } from '../text/fold';

export const DB_NAME = 'sotay';

/** The largest time a timestamp may have (validate.ts): time-ordered keys count down from it. */
export const END_OF_TIME = 8_640_000_000_000_000;

/**
 * An annotation as stored: the shared model plus keys derived from it, so that every library query
 * walks an index instead of the whole store. Derived fields are rebuilt on every write (records.ts).
 */
export interface AnnotationRecord extends Annotation {
  /** canonicalKey of each tag: what the byTag index and tag counts use. */
  tagKeys: string[];
  /**
   * `${tagKey}\u0001${time to 9999-12-31 after updated, zero-padded}\u0001${id}` per tag: in key order,
   * a tag's annotations newest first, so a page is one getAll() rather than a cursor walk.
   */
  tagTimeline: string[];
  /** −updated: in key order newest first, for the same reason. */
  recency: number;
  /** Host of articleUrl, for the site filter. */
  site: string;
  /** Distinct folded words of quote, note and article title: the text-search index. */
  tokens: string[];
  /** The article's title folded for sorting (titleSortKey): byArticleOrder groups by article, A→Z. */
  titleKey: string;
}

/** Articles sort by their folded title; an untitled article goes after every titled one. */
export function titleSortKey(title: string): string {
  return foldForSearch(title) || '\uffff';
}

export interface SotayDB extends DBSchema {
  articles: {
    key: string;
    value: Article;
    indexes: { byLastVisit: number; byAlias: string };
  };
  annotations: {
    key: string;
    value: AnnotationRecord;
    indexes: {
      byArticle: string;
      byTag: string;
      byTagTimeline: string;
      byUpdated: [number, string];
      byRecency: [number, string];
      bySite: string;
      byArticleOrder: [string, string, number, number, string];
    };
  };
  tags: {
    key: string;
    value: Tag;
  };
  /**
   * The text-search index (postings.ts): one small record per annotation, keyed
   * `${time to END_OF_TIME after updated, zero-padded}\u0001${id}`, holding `${word}\u0001${that time}` for
   * each of its words, indexed by byWord (multi-entry). A word's range of byWord lists its annotations
   * newest first, and getAllKeys answers with these time-carrying keys — an index on the annotations
   * store would answer with bare ids — so several words' newest matches are merged and intersected
   * without reading a record. One record per annotation keeps a write to one extra request.
   */
  wordsByTime: {
    key: string;
    value: { words: string[] };
    indexes: { byWord: string };
  };
  /** A backup being imported, checked and staged a chunk at a time before one transaction merges it (import.ts). */
  importArticles: {
    key: string;
    value: Article;
  };
  importAnnotations: {
    key: string;
    value: Annotation;
  };
}

/** The version-1 record, kept only so the migration can read it. */
export interface SavedPageV1 {
  url: string;
  originalUrl: string;
  title: string;
  savedAt: number;
}

export type UpgradeTransaction = IDBPTransaction<SotayDB, StoreNames<SotayDB>[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<SotayDB>, tx: UpgradeTransaction) => void | Promise<void>;

// idb's typed schema describes the newest version only; migrations talk to older shapes untyped.
type LooseDb = IDBPDatabase<unknown>;
type LooseTx = IDBPTransaction<unknown, string[], 'versionchange'>;
/** All forEachChunk needs of a store. */
type ChunkSource = { getAll(query: IDBKeyRange | null, count: number): Promise<unknown[]> };

/**
 * Every annotation record, 500 at a time in key order. In chunks: a cursor would cost a round trip per
 * record, and getAll of everything would hold the whole library in memory.
 */
async function forEachChunk(annotations: ChunkSource, visit: (chunk: AnnotationRecord[]) => Promise<void>): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const chunk = (await annotations.getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), 500)) as AnnotationRecord[];
    if (!chunk.length) return;
    await visit(chunk);
    after = chunk[chunk.length - 1]!.id;
  }
}

export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: saved pages, keyed by normalised URL.
  (db) => {
    const articles = (db as unknown as LooseDb).createObjectStore('articles', { keyPath: 'url' });
    articles.createIndex('bySavedAt', 'savedAt');
  },
  // 1 → 2: saved pages become articles (aliases, metadata, first/last visit); annotations and tags.
  async (db, tx) => {
    const articles = (tx as unknown as LooseTx).objectStore('articles');
    articles.deleteIndex('bySavedAt');
    articles.createIndex('byLastVisit', 'lastVisit');
    articles.createIndex('byAlias', 'aliases', { multiEntry: true });
    let cursor = await articles.openCursor();
    while (cursor) {
      const old = cursor.value as SavedPageV1;
      const article: Article = {
        url: old.url,
        aliases: [],
        originalUrl: old.originalUrl,
        meta: { title: old.title },
        firstVisit: old.savedAt,
        lastVisit: old.savedAt,
      };
      await cursor.update(article);
      cursor = await cursor.continue();
    }

    const annotations = (db as unknown as LooseDb).createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('byArticle', 'articleUrl');
    annotations.createIndex('byTag', 'tagKeys', { multiEntry: true });
    annotations.createIndex('byTagTimeline', 'tagTimeline', { multiEntry: true });
    annotations.createIndex('byUpdated', ['updated', 'id']);
    annotations.createIndex('byRecency', ['recency', 'id']);
    annotations.createIndex('bySite', 'site');
    annotations.createIndex('byToken', 'tokens', { multiEntry: true });

    db.createObjectStore('tags', { keyPath: 'key' });
  },
  // 2 → 3: the library's "by article" order — articles A→Z by folded title (then URL), each one's
  // highlights in page order — as one index, so a page of it is one range read like the time orders.
  async (db, tx) => {
    const annotations = (tx as unknown as LooseTx).objectStore('annotations');
    annotations.createIndex('byArticleOrder', ['titleKey', 'articleUrl', 'target.position.start', 'target.position.end', 'id']);
    const articles = (tx as unknown as LooseTx).objectStore('articles');
    const titleKeys = new Map<string, string>();
    const titleKeyOf = async (url: string) => {
      let key = titleKeys.get(url);
      if (key === undefined) {
        const article = (await articles.get(url)) as Article | undefined;
        key = titleSortKey(article?.meta.title ?? '');
        titleKeys.set(url, key);
      }
      return key;
    };
    await forEachChunk(annotations, async (chunk) => {
      const writes: Promise<unknown>[] = [];
      for (const record of chunk) writes.push(annotations.put({ ...record, titleKey: await titleKeyOf(record.articleUrl) }));
      await Promise.all(writes);
    });
  },
  // 3 → 4: the text-search index moves from byToken (an index: it answers with ids only) to the
  // wordTimeline store, whose keys say when each match was last changed (see SotayDB.wordTimeline).
  async (db, tx) => {
    const annotations = (tx as unknown as LooseTx).objectStore('annotations');
    const words = (db as unknown as LooseDb).createObjectStore('wordTimeline');
    await forEachChunk(annotations, async (chunk) => {
      const writes: Promise<unknown>[] = [];
      for (const record of chunk) {
        const time = String(END_OF_TIME - record.updated).padStart(16, '0');
        for (const word of new Set(record.tokens)) writes.push(words.put(0, `${word}\u0001${time}\u0001${record.id}`));
      }
      await Promise.all(writes);
    });
    annotations.deleteIndex('byToken');
  },
  // 4 → 5: staging stores for importing a large backup with bounded memory (import.ts).
  (db) => {
    (db as unknown as LooseDb).createObjectStore('importArticles', { keyPath: 'url' });
    (db as unknown as LooseDb).createObjectStore('importAnnotations', { keyPath: 'id' });
  },
  // 5 → 6: the word index becomes one record per annotation (wordsByTime, see SotayDB) instead of one
  // per word: the same time-ordered reads, with a write costing one request rather than ~35.
  async (db, tx) => {
    (db as unknown as LooseDb).deleteObjectStore('wordTimeline');
    const words = (db as unknown as LooseDb).createObjectStore('wordsByTime');
    words.createIndex('byWord', 'words', { multiEntry: true });
    const annotations = (tx as unknown as LooseTx).objectStore('annotations');
    await forEachChunk(annotations, async (chunk) => {
      const writes: Promise<unknown>[] = [];
      for (const record of chunk) {
        const time = String(END_OF_TIME - record.updated).padStart(16, '0');
        writes.push(words.put({ words: [...new Set(record.tokens)].map((word) => `${word}\u0001${time}`) }, `${time}\u0001${record.id}`));
      }
      await Promise.all(writes);
    });
  },
];

export const DB_VERSION = MIGRATIONS.length;
