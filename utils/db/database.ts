import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, MIGRATIONS, type SotayDB } from './schema';

export type Database = IDBPDatabase<SotayDB>;

export interface OpenOptions {
  name?: string;
  /** Open at an older version: only for migration tests. */
  version?: number;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const target = options.version ?? DB_VERSION;
  const db: Database = await openDB<SotayDB>(options.name ?? DB_NAME, target, {
    async upgrade(upgrading, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? target); v++) {
        const migrate = MIGRATIONS[v];
        if (!migrate) throw new Error(`No migration from version ${v}`);
        await migrate(upgrading, tx);
      }
    },
    // A newer version of Sổ tay (just updated) wants to upgrade the schema: step aside for it.
    blocking() {
      db.close();
    },
  });
  return db;
}
