/**
 * Every write of an annotation record goes through here, so the wordsByTime store (the text-search
 * index, see SotayDB) always holds exactly one entry per record, with its words at its current time,
 * in the same transaction.
 */
import type { WriteTx } from './errors';
import { timelineKey } from './records';
import type { AnnotationRecord } from './schema';

type Indexed = Pick<AnnotationRecord, 'tokens' | 'updated' | 'id'>;

/** `${time counting down}\u0001${id}`: the record's key in wordsByTime; newest first in string order. */
export function wordsKey(record: Pick<AnnotationRecord, 'updated' | 'id'>): string {
  return timelineKey('', record.updated, record.id).slice(1);
}

/** The record's entry in wordsByTime: each distinct word with the time, so byWord sorts by time inside a word. */
export function wordsEntry(record: Indexed): { words: string[] } {
  const time = wordsKey(record).split('\u0001')[0]!;
  return { words: [...new Set(record.tokens)].map((word) => `${word}\u0001${time}`) };
}

/** The id at the end of a wordsByTime key. */
export function idOfPosting(key: string): string {
  return key.slice(key.indexOf('\u0001') + 1);
}

/**
 * Store `next` (replacing `previous`, the record as stored, when there is one) and its word entry,
 * moved to its new time when the time changed.
 */
export async function saveRecord(tx: WriteTx, next: AnnotationRecord, previous?: AnnotationRecord, mode: 'add' | 'put' = 'put'): Promise<void> {
  const words = tx.objectStore('wordsByTime');
  const key = wordsKey(next);
  const requests: Promise<unknown>[] = [mode === 'add' ? tx.objectStore('annotations').add(next) : tx.objectStore('annotations').put(next)];
  if (previous && wordsKey(previous) !== key) requests.push(words.delete(wordsKey(previous)));
  requests.push(words.put(wordsEntry(next), key));
  // Queued together and awaited together: IndexedDB runs them in order, and any failure aborts the transaction.
  await Promise.all(requests);
}

/** Delete a stored record and its word entry. */
export async function removeRecord(tx: WriteTx, previous: AnnotationRecord): Promise<void> {
  await Promise.all([tx.objectStore('annotations').delete(previous.id), tx.objectStore('wordsByTime').delete(wordsKey(previous))]);
}
