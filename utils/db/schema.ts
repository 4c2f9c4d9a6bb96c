/**
 * The IndexedDB schema and its migrations. The database version is the number of migrations; each
 * migration takes the database from version i to i+1 inside the upgrade transaction, so a browser that
 * skipped versions runs every step in order, and a failed step aborts the whole upgrade (nothing half done).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Annotation, Article, Tag } from '../model/types';

export const DB_NAME = 'sotay';

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
      byToken: string;
    };
  };
  tags: {
    key: string;
    value: Tag;
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

    const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('byArticle', 'articleUrl');
    annotations.createIndex('byTag', 'tagKeys', { multiEntry: true });
    annotations.createIndex('byTagTimeline', 'tagTimeline', { multiEntry: true });
    annotations.createIndex('byUpdated', ['updated', 'id']);
    annotations.createIndex('byRecency', ['recency', 'id']);
    annotations.createIndex('bySite', 'site');
    annotations.createIndex('byToken', 'tokens', { multiEntry: true });

    db.createObjectStore('tags', { keyPath: 'key' });
  },
];

export const DB_VERSION = MIGRATIONS.length;
