/**
 * Every write of an annotation record goes through here, so the wordTimeline store (the text-search
 * index, see SotayDB) always holds exactly one key per token of every record, in the same transaction.
 */
import type { WriteTx } from './errors';
import { timelineKey } from './records';
import type { AnnotationRecord } from './schema';

/** The wordTimeline keys of a record: one per distinct token, ordered by time inside each word. */
export function postingKeys(record: Pick<AnnotationRecord, 'tokens' | 'updated' | 'id'>): string[] {
  return [...new Set(record.tokens)].map((word) => timelineKey(word, record.updated, record.id));
}

/** The id at the end of a wordTimeline key. */
export function idOfPosting(key: string): string {
  return key.slice(key.lastIndexOf('\u0001') + 1);
}

/**
 * Store `next` (replacing `previous`, the record as stored, when there is one) and bring its word
 * keys up to date: keys that no longer apply are deleted, new ones added, unchanged ones left alone.
 */
export async function saveRecord(tx: WriteTx, next: AnnotationRecord, previous?: AnnotationRecord, mode: 'add' | 'put' = 'put'): Promise<void> {
  const words = tx.objectStore('wordTimeline');
  const before = new Set(previous ? postingKeys(previous) : []);
  const after = new Set(postingKeys(next));
  const requests: Promise<unknown>[] = [mode === 'add' ? tx.objectStore('annotations').add(next) : tx.objectStore('annotations').put(next)];
  for (const key of before) if (!after.has(key)) requests.push(words.delete(key));
  for (const key of after) if (!before.has(key)) requests.push(words.put(0, key));
  // Queued together and awaited together: IndexedDB runs them in order, and any failure aborts the transaction.
  await Promise.all(requests);
}

/** Delete a stored record and its word keys. */
export async function removeRecord(tx: WriteTx, previous: AnnotationRecord): Promise<void> {
  const words = tx.objectStore('wordTimeline');
  await Promise.all([tx.objectStore('annotations').delete(previous.id), ...postingKeys(previous).map((key) => words.delete(key))]);
}
