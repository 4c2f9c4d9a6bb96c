/**
 * The library's searches, run in a worker: reading and decoding thousands of records from IndexedDB,
 * matching and sorting them happens off the page's main thread, so the page keeps answering keys and
 * scrolling whatever the size of the library. Only the finished page of results is posted back.
 */
import { openDatabase, type Database } from '@/utils/db/database';
import { queryLibrary } from '@/utils/db/library';
import { StoreError } from '@/utils/db/errors';
import type { LibraryRequest, LibraryResponse } from './queries';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LibraryRequest>) => void) | null;
  postMessage(message: LibraryResponse): void;
}

const scope = self as unknown as WorkerScope;
let db: Promise<Database> | undefined;

scope.onmessage = (event) => {
  const { id, query } = event.data;
  (db ??= openDatabase())
    .then((opened) => queryLibrary(opened, query))
    .then(
      (page) => scope.postMessage({ id, page }),
      (error: unknown) =>
        scope.postMessage({
          id,
          error: error instanceof Error ? error.message : String(error),
          ...(error instanceof StoreError ? { code: error.code } : {}),
        }),
    );
};
