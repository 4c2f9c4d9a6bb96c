/**
 * Tags: list with counts, rename, merge, recolour, delete. Every annotation that carries a tag follows
 * in the same transaction, and counts are recomputed from what was actually changed, so they stay exact.
 */
import type { Tag } from '../model/types';
import { ValidationError } from '../messaging/guard';
import { canonicalKey } from '../text/fold';
import type { Database } from './database';
import { readTransaction, StoreError, writeTransaction, type WriteTx } from './errors';
import { withTags } from './records';
import { cleanTagName, tagColor } from './validate';
import { saveRecord } from './postings';

function clean(name: unknown, path: string): string {
  try {
    return cleanTagName(name, path);
  } catch (error) {
    if (error instanceof ValidationError) throw new StoreError('invalid', `Invalid data — ${error.message}`);
    throw error;
  }
}

/** Every tag with its usage count, in Vietnamese alphabetical order. */
export async function listTags(db: Database): Promise<Tag[]> {
  const tags = await readTransaction(db, ['tags'], (tx) => tx.store.getAll());
  const collator = new Intl.Collator('vi');
  return tags.sort((a, b) => collator.compare(a.name, b.name) || (a.key < b.key ? -1 : 1));
}

export async function getTag(db: Database, name: string): Promise<Tag | undefined> {
  return readTransaction(db, ['tags'], (tx) => tx.store.get(canonicalKey(name)));
}



/** Replace the tags of every annotation carrying one of `fromKeys` by `replace(tags)`; returns how many changed. */
async function retagAll(tx: WriteTx, fromKeys: string[], replace: (tags: string[]) => string[], now: number): Promise<number> {
  const store = tx.objectStore('annotations');
  const seen = new Set<string>();
  for (const key of fromKeys) {
    for (const record of await store.index('byTag').getAll(key)) {
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      await saveRecord(tx, withTags(record, replace(record.tags), Math.max(now, record.updated)), record);
    }
  }
  return seen.size;
}

/** How many annotations carry a tag, counted from the index rather than trusted from the tag record. */
async function countCarrying(tx: WriteTx, key: string): Promise<number> {
  return tx.objectStore('annotations').index('byTag').count(key);
}

/**
 * Rename a tag everywhere. A new spelling of the same tag ("hoà" → "Hòa") just changes the display
 * name; a name that belongs to another existing tag is refused — that is a merge, and mergeTags says so.
 */
export async function renameTag(db: Database, from: string, to: string, now = Date.now()): Promise<Tag> {
  const fromKey = canonicalKey(clean(from, 'from'));
  const name = clean(to, 'to');
  const toKey = canonicalKey(name);
  return writeTransaction(db, ['annotations', 'tags', 'wordsByTime'], async (tx) => {
    const tags = tx.objectStore('tags');
    const tag = await tags.get(fromKey);
    if (!tag) throw new StoreError('not-found', `There is no tag “${from}”.`);
    if (toKey !== fromKey && (await tags.getKey(toKey))) {
      throw new StoreError('conflict', `A tag “${name}” already exists; merge the two tags instead.`);
    }
    await retagAll(tx, [fromKey], (names) => names.map((n) => (canonicalKey(n) === fromKey ? name : n)), now);
    const renamed: Tag = { ...tag, key: toKey, name, count: await countCarrying(tx, toKey) };
    if (toKey !== fromKey) await tags.delete(fromKey);
    await tags.put(renamed);
    return renamed;
  });
}

/** Merge tags into one: each annotation carries the target once; the source tags disappear. */
export async function mergeTags(db: Database, sources: string[], into: string, now = Date.now()): Promise<Tag> {
  const name = clean(into, 'into');
  const intoKey = canonicalKey(name);
  const sourceKeys = [...new Set(sources.map((s, i) => canonicalKey(clean(s, `sources[${i}]`))))].filter((k) => k !== intoKey);
  return writeTransaction(db, ['annotations', 'tags', 'wordsByTime'], async (tx) => {
    const tags = tx.objectStore('tags');
    const sourceTags: Tag[] = [];
    for (const key of sourceKeys) {
      const tag = await tags.get(key);
      if (!tag) throw new StoreError('not-found', `There is no tag “${sources.find((s) => canonicalKey(s) === key) ?? key}”.`);
      sourceTags.push(tag);
    }
    const target = await tags.get(intoKey);
    const targetName = target?.name ?? name;
    await retagAll(
      tx,
      sourceKeys,
      (names) => {
        const out: string[] = [];
        for (const n of names) {
          const key = canonicalKey(n);
          const replaced = sourceKeys.includes(key) || key === intoKey ? targetName : n;
          if (!out.some((o) => canonicalKey(o) === canonicalKey(replaced))) out.push(replaced);
        }
        return out;
      },
      now,
    );
    for (const key of sourceKeys) await tags.delete(key);
    const color = target?.color ?? sourceTags.find((t) => t.color !== undefined)?.color;
    const merged: Tag = { key: intoKey, name: targetName, count: await countCarrying(tx, intoKey), ...(color !== undefined ? { color } : {}) };
    await tags.put(merged);
    return merged;
  });
}

/** Give a tag a colour, or take it away with `undefined`. */
export async function recolorTag(db: Database, name: string, color: string | undefined): Promise<Tag> {
  if (color !== undefined) {
    try {
      tagColor(color, 'color');
    } catch (error) {
      if (error instanceof ValidationError) throw new StoreError('invalid', `Invalid data — ${error.message}`);
      throw error;
    }
  }
  const key = canonicalKey(clean(name, 'name'));
  return writeTransaction(db, ['annotations', 'tags'], async (tx) => {
    const tag = await tx.objectStore('tags').get(key);
    if (!tag) throw new StoreError('not-found', `There is no tag “${name}”.`);
    const { color: _old, ...rest } = tag;
    const next: Tag = color === undefined ? rest : { ...rest, color };
    await tx.objectStore('tags').put(next);
    return next;
  });
}

/** Remove a tag from every annotation (the annotations stay). Returns how many annotations changed. */
export async function deleteTag(db: Database, name: string, now = Date.now()): Promise<number> {
  const key = canonicalKey(clean(name, 'name'));
  return writeTransaction(db, ['annotations', 'tags', 'wordsByTime'], async (tx) => {
    if (!(await tx.objectStore('tags').getKey(key))) throw new StoreError('not-found', `There is no tag “${name}”.`);
    const changed = await retagAll(tx, [key], (names) => names.filter((n) => canonicalKey(n) !== key), now);
    await tx.objectStore('tags').delete(key);
    return changed;
  });
}
