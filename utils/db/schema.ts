/**
 * The IndexedDB schema and its migrations. The database version is the number of migrations; each
 * migration takes the database from version i to i+1 inside the upgrade transaction, so a browser that
 * skipped versions runs every step in order, and a failed step aborts the whole upgrade (nothing half done).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { SavedPage } from '../messaging/types';

export const DB_NAME = 'sotay';

export interface SotayDB extends DBSchema {
  articles: {
    key: string;
    value: SavedPage;
    indexes: { bySavedAt: number };
  };
}

export type UpgradeTransaction = IDBPTransaction<SotayDB, StoreNames<SotayDB>[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<SotayDB>, tx: UpgradeTransaction) => void | Promise<void>;

export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: saved pages, keyed by normalised URL.
  (db) => {
    const articles = db.createObjectStore('articles', { keyPath: 'url' });
    articles.createIndex('bySavedAt', 'savedAt');
  },
];

export const DB_VERSION = MIGRATIONS.length;
