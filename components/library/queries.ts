/**
 * Where the library's queries run. In the extension they go to a worker (query-worker.ts), so the
 * options page's main thread only receives finished pages; elsewhere (unit tests) they run in place.
 */
import type { Database } from '@/utils/db/database';
import { queryLibrary, type LibraryPage, type LibraryQuery } from '@/utils/db/library';
import { StoreError, type StoreErrorCode } from '@/utils/db/errors';

export type LibrarySearch = (query: LibraryQuery) => Promise<LibraryPage>;

export interface LibraryRequest {
  id: number;
  query: LibraryQuery;
}

export type LibraryResponse = { id: number; page: LibraryPage } | { id: number; error: string; code?: StoreErrorCode };

export function searchInPlace(db: Database): LibrarySearch {
  return (query) => queryLibrary(db, query);
}

/**
 * Queries answered by `worker`. Should the worker itself fail (cannot load, crashes), its waiting
 * queries and every later one run through `fallback` instead: slower for the page, but the library works.
 */
export function searchInWorker(worker: Worker, fallback: LibrarySearch): LibrarySearch {
  let nextId = 0;
  let broken = false;
  const waiting = new Map<number, { query: LibraryQuery; resolve(page: LibraryPage): void; reject(error: unknown): void }>();
  worker.onmessage = (event: MessageEvent<LibraryResponse>) => {
    const response = event.data;
    const request = waiting.get(response.id);
    if (!request) return;
    waiting.delete(response.id);
    if ('page' in response) request.resolve(response.page);
    // Rebuilt as the store's own error, so the page words it as it words the store's errors.
    else request.reject(new StoreError(response.code ?? 'io', response.error));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    broken = true;
    worker.terminate();
    for (const request of waiting.values()) fallback(request.query).then(request.resolve, request.reject);
    waiting.clear();
  };
  return (query) => {
    if (broken) return fallback(query);
    return new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { query, resolve, reject });
      worker.postMessage({ id, query } satisfies LibraryRequest);
    });
  };
}
