/** Tag records and their counts, always changed inside the transaction that changes the annotations. */
import type { Tag } from '../model/types';
import { canonicalKey } from '../text/fold';
import type { WriteTx } from './errors';



/**
 * Display names as the store spells them: a tag typed as "hòa" joins the existing tag "hoà" under its
 * name, so renaming that tag later renames it everywhere.
 */
export async function resolveTagNames(tx: WriteTx, names: string[]): Promise<string[]> {
  const tags = tx.objectStore('tags');
  const out: string[] = [];
  for (const name of names) out.push((await tags.get(canonicalKey(name)))?.name ?? name);
  return out;
}

/**
 * Apply the difference between an annotation's old and new tags to the counts. Counts are read and
 * written in the caller's transaction, which IndexedDB serialises against every other writer, so two
 * tabs tagging at once cannot lose an increment. A tag no annotation uses any more disappears unless
 * the user gave it a colour.
 */
export async function adjustTagCounts(tx: WriteTx, before: string[], after: string[], snapshots: readonly Tag[] = []): Promise<void> {
  const delta = new Map<string, { change: number; name: string }>();
  for (const name of before) {
    const key = canonicalKey(name);
    delta.set(key, { change: (delta.get(key)?.change ?? 0) - 1, name });
  }
  for (const name of after) {
    const key = canonicalKey(name);
    delta.set(key, { change: (delta.get(key)?.change ?? 0) + 1, name });
  }
  const tags = tx.objectStore('tags');
  for (const [key, { change, name }] of delta) {
    if (change === 0) continue;
    const existing = await tags.get(key);
    const snapshot = snapshots.find((t) => t.key === key);
    const base: Tag = existing ?? (snapshot ? { ...snapshot, count: 0 } : { key, name, count: 0 });
    const count = Math.max(0, base.count + change);
    if (count === 0 && base.color === undefined) {
      if (existing) await tags.delete(key);
    } else {
      await tags.put({ ...base, count });
    }
  }
}
