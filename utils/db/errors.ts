/**
 * Every failure of the store reaches callers as one typed StoreError with a message a person can act
 * on. Memex lost data when the disk filled up (ANCHORS.md "Data lost from IndexedDB"): here a quota or
 * I/O error aborts the whole transaction, so the data stays exactly as it was, and says so.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { ValidationError } from '../messaging/guard';
import type { SotayDB } from './schema';

export type StoreErrorCode = 'quota' | 'io' | 'invalid' | 'not-found' | 'conflict';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

function errorName(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') return error.name;
  return undefined;
}

export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  if (error instanceof ValidationError) return new StoreError('invalid', `Invalid data — ${error.message}`);
  const name = errorName(error);
  const detail = error instanceof Error || (error && typeof error === 'object' && 'message' in error) ? String((error as { message: unknown }).message) : String(error);
  if (name === 'QuotaExceededError') {
    return new StoreError('quota', 'The browser has no more storage space for Sổ tay. Nothing was changed; free some disk space or export a backup and remove old notes.');
  }
  if (name === 'ConstraintError') return new StoreError('conflict', `That record already exists. Nothing was changed. (${detail})`);
  if (name === 'DataError' || name === 'DataCloneError') return new StoreError('invalid', `Invalid data — ${detail}`);
  return new StoreError('io', `Could not save to the browser's storage; nothing was changed. (${name ?? 'Error'}: ${detail})`);
}

type Stores = StoreNames<SotayDB>;
/**
 * A readwrite transaction over some of the stores. Typed over all store names so helpers can serve
 * several actions; asking for a store outside the transaction's scope still fails at run time.
 */
export type WriteTx = IDBPTransaction<SotayDB, Stores[], 'readwrite'>;

/**
 * Run one user action as one readwrite transaction. `work` may only await IndexedDB requests of `tx`
 * (any other await would let the transaction commit early). Any throw aborts the transaction, so either
 * every store changes or none does.
 */
export async function writeTransaction<const S extends Stores[], T>(
  db: IDBPDatabase<SotayDB>,
  stores: S,
  work: (tx: WriteTx) => Promise<T>,
): Promise<T> {
  let tx: WriteTx;
  try {
    tx = db.transaction(stores, 'readwrite') as unknown as WriteTx;
  } catch (error) {
    throw toStoreError(error);
  }
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the browser: nothing left to undo.
    }
    await tx.done.catch(() => undefined);
    // A failed request reports AbortError; the transaction keeps the cause (QuotaExceededError…).
    const cause = tx.error && tx.error.name !== 'AbortError' && !(error instanceof StoreError) ? tx.error : error;
    throw toStoreError(cause);
  }
}

export async function readTransaction<const S extends Stores[], T>(
  db: IDBPDatabase<SotayDB>,
  stores: S,
  work: (tx: IDBPTransaction<SotayDB, S, 'readonly'>) => Promise<T>,
): Promise<T> {
  try {
    const tx = db.transaction(stores, 'readonly');
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (error) {
    throw toStoreError(error);
  }
}
