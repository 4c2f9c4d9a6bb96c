/**
 * Importing a backup of any size with bounded memory, still all or nothing.
 *
 * The file is read as a stream and cut by a small JSON scanner: each entry of `sotay:articles` and of
 * `first.items` is parsed and checked on its own (the same guards as parseBackup), and what is left — the
 * header, tag colours, `total` — is parsed at the end as one small document. Checked entries go to two
 * staging stores a chunk at a time, each chunk in its own transaction; only ids and URLs stay in memory,
 * for the duplicate and reference checks. Nothing outside the staging stores is touched until the whole
 * file has passed, and then one transaction merges the staged records into the library, reading them back
 * a chunk at a time (IndexedDB requests keep the transaction open; the JavaScript heap holds one chunk),
 * and empties the staging stores. A file refused half-way, a closed tab or a crash leaves the library as it
 * was: staging is emptied on refusal and at the start of every import.
 */
import type { Annotation, Article } from '../model/types';
import { ValidationError } from '../messaging/guard';
import { canonicalKey } from '../text/fold';
import {
  annotationFromJson,
  articleJson,
  backupDocument,
  backupTagColors,
  decide,
  MAX_BACKUP_CHARS,
  MAX_BACKUP_RECORDS,
  mergeArticle,
  rejected,
  type ImportPreview,
} from './backup';
import type { Database } from './database';
import { readTransaction, StoreError, writeTransaction } from './errors';
import { saveRecord } from './postings';
import { toRecord } from './records';
import { adjustTagCounts } from './tag-counts';
import { validateArticle } from './validate';

/** Records per staging transaction and per read of the final merge. */
const CHUNK = 500;
/** One entry larger than this is refused: the guards allow far less (a note, a quote, selectors). */
const MAX_ENTRY_CHARS = 2 * 1024 * 1024;
const MAX_NESTING = 64;

type Captured = 'articles' | 'items';

/**
 * Cuts a JSON document into the entries of its two large arrays and a skeleton (the document with those
 * arrays left empty). It only tracks strings and brackets; JSON.parse on each piece does the real parsing,
 * so anything malformed is still refused.
 */
class BackupScanner {
  private stack: { array: boolean; key?: string; expectKey: boolean }[] = [];
  private inString = false;
  private escaped = false;
  private keyText: string | undefined;
  private capturing: Captured | undefined;
  private captureDepth = 0;
  private entry: string[] = [];
  private entryLength = 0;
  private inEntry = false;
  /** A comma was just read at the captured array's level: an entry must follow, not the closing bracket. */
  private entryDue = false;
  private seen = new Set<Captured>();
  private skeletonParts: string[] = [];
  private skeletonLength = 0;

  constructor(private readonly onEntry: (kind: Captured, text: string) => void) {}

  private capturedArray(): Captured | undefined {
    const keys = this.stack.map((frame) => (frame.array ? '[' : frame.key));
    if (keys.length === 2 && keys[0] === 'sotay:articles') return 'articles';
    if (keys.length === 3 && keys[0] === 'first' && keys[1] === 'items') return 'items';
    return undefined;
  }

  private addSkeleton(text: string) {
    if (!text) return;
    this.skeletonLength += text.length;
    // The skeleton holds the header and tag colours only; the tag list is itself limited.
    if (this.skeletonLength > 64 * 1024 * 1024) throw rejected('its header is too large');
    this.skeletonParts.push(text);
  }

  private addEntry(text: string) {
    if (!text) return;
    this.entryLength += text.length;
    if (this.entryLength > MAX_ENTRY_CHARS) throw rejected(`one of its entries is larger than ${MAX_ENTRY_CHARS / 1024 / 1024} MB`);
    this.entry.push(text);
  }

  private endEntry() {
    const text = this.entry.join('').trim();
    this.entry = [];
    this.entryLength = 0;
    this.inEntry = false;
    this.onEntry(this.capturing!, text);
  }

  feed(chunk: string) {
    // Start of the piece of `chunk` not yet handed to the skeleton or the current entry.
    let from = 0;
    const flush = (to: number) => {
      if (this.inEntry) this.addEntry(chunk.slice(from, to));
      else if (!this.capturing) this.addSkeleton(chunk.slice(from, to));
      from = to;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) {
          this.inString = false;
          if (this.keyText !== undefined) {
            this.keyText += chunk.slice(from, i + 1);
            flush(i + 1);
            const top = this.stack[this.stack.length - 1]!;
            try {
              top.key = JSON.parse(this.keyText) as string;
            } catch {
              throw rejected('it is not a JSON file');
            }
            this.keyText = undefined;
          }
        }
        continue;
      }
      const top = this.stack[this.stack.length - 1];
      // Inside a captured array, at its own level: commas and the closing bracket delimit entries.
      if (this.capturing && this.stack.length === this.captureDepth) {
        if (c === 0x2c || c === 0x5d) {
          if (this.inEntry) {
            flush(i);
            this.endEntry();
          } else if (c === 0x2c || this.entryDue) {
            throw rejected('it is not a JSON file');
          }
          this.entryDue = c === 0x2c;
          from = i + 1;
          if (c === 0x5d) {
            this.stack.pop();
            this.capturing = undefined;
            from = i;
          }
          continue;
        }
        if (!this.inEntry && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
          this.inEntry = true;
          this.entryDue = false;
          from = i;
        } else if (!this.inEntry) {
          from = i + 1;
          continue;
        }
      }
      switch (c) {
        case 0x22: // "
          this.inString = true;
          if (!this.inEntry && top && !top.array && top.expectKey) {
            flush(i);
            this.keyText = '';
          }
          break;
        case 0x7b: // {
        case 0x5b: // [
          if (this.stack.length >= MAX_NESTING) throw rejected('it is nested too deeply');
          this.stack.push({ array: c === 0x5b, expectKey: c === 0x7b });
          if (!this.inEntry && c === 0x5b) {
            const captured = this.capturedArray();
            if (captured) {
              if (this.seen.has(captured)) throw rejected(`${captured === 'items' ? 'first.items' : 'sotay:articles'} appears twice`);
              this.seen.add(captured);
              flush(i + 1);
              this.capturing = captured;
              this.captureDepth = this.stack.length;
            }
          }
          break;
        case 0x7d: // }
        case 0x5d: // ]
          if (!top || top.array !== (c === 0x5d)) throw rejected('it is not a JSON file');
          this.stack.pop();
          break;
        case 0x3a: // :
          if (top && !top.array) top.expectKey = false;
          break;
        case 0x2c: // ,
          if (top && !top.array) {
            top.expectKey = true;
            top.key = undefined;
          }
          break;
      }
    }
    if (this.keyText !== undefined) {
      // A key cut by the chunk's end: it belongs to the skeleton, and is read whole at its closing quote.
      this.keyText += chunk.slice(from);
      this.addSkeleton(chunk.slice(from));
    } else {
      flush(chunk.length);
    }
  }

  /** The document without the large arrays' entries, once the whole file has been fed. */
  skeleton(): string {
    if (this.inString || this.stack.length || this.capturing) throw rejected('it is not a JSON file');
    return this.skeletonParts.join('');
  }
}

export interface StagedBackup {
  generated: number;
  articles: number;
  annotations: number;
  tagColors: { name: string; color: string }[];
}

async function clearStaging(db: Database): Promise<void> {
  await writeTransaction(db, ['importArticles', 'importAnnotations'], async (tx) => {
    await Promise.all([tx.objectStore('importArticles').clear(), tx.objectStore('importAnnotations').clear()]);
  });
}

async function* textChunks(source: Blob | string, chunkChars: number): AsyncGenerator<string> {
  if (typeof source === 'string') {
    for (let at = 0; at < source.length; at += chunkChars) yield source.slice(at, at + chunkChars);
    return;
  }
  const reader = source.stream().pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Read, check and stage a backup file. Throws StoreError('invalid') saying what is wrong — and then
 * nothing is staged — or returns what the file holds, ready for commitStagedBackup.
 */
export interface StageOptions {
  maxChars?: number;
  /** How a text source is cut before scanning (a file is read as the browser streams it); tests vary it. */
  chunkChars?: number;
}

export async function stageBackup(db: Database, source: Blob | string, options: StageOptions = {}): Promise<StagedBackup> {
  const maxChars = options.maxChars ?? MAX_BACKUP_CHARS;
  if (typeof source !== 'string' && !(source instanceof Blob)) throw rejected('it is not text');
  await clearStaging(db);
  try {
    return await stage(db, source, maxChars, Math.max(1, options.chunkChars ?? 1 << 20));
  } catch (error) {
    await clearStaging(db);
    // A StoreError says what went wrong (a bad file, a full disk); anything else still refuses the file.
    if (error instanceof StoreError) throw error;
    throw rejected('its content could not be read');
  }
}

async function stage(db: Database, source: Blob | string, maxChars: number, chunkChars: number): Promise<StagedBackup> {
  const urls = new Set<string>();
  const articleUrls = new Set<string>();
  const referenced = new Map<string, number>(); // URL → first item that names it
  const ids = new Set<string>();
  let articles: Article[] = [];
  let annotations: Annotation[] = [];
  let articleCount = 0;
  let itemCount = 0;
  // The first bad entry; reported after the header, so a file from a newer Sổ tay says so first.
  let firstProblem: ValidationError | undefined;

  const flushStaged = async () => {
    if (!articles.length && !annotations.length) return;
    const a = articles;
    const n = annotations;
    articles = [];
    annotations = [];
    await writeTransaction(db, ['importArticles', 'importAnnotations'], async (tx) => {
      await Promise.all([...a.map((x) => tx.objectStore('importArticles').put(x)), ...n.map((x) => tx.objectStore('importAnnotations').put(x))]);
    });
  };

  const scanner = new BackupScanner((kind, text) => {
    if (kind === 'articles') articleCount++;
    else itemCount++;
    if (articleCount > MAX_BACKUP_RECORDS.articles) throw rejected(`sotay:articles has more than ${MAX_BACKUP_RECORDS.articles} entries`);
    if (itemCount > MAX_BACKUP_RECORDS.annotations) throw rejected(`first.items has more than ${MAX_BACKUP_RECORDS.annotations} entries`);
    if (firstProblem) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw rejected('it is not a JSON file');
    }
    try {
      if (kind === 'articles') {
        const i = articleCount - 1;
        const path = `sotay:articles[${i}]`;
        const a = articleJson(value, path);
        const article = validateArticle({ url: a.id, aliases: a.aliases, originalUrl: a.originalUrl, meta: a.meta, firstVisit: a.firstVisit, lastVisit: a.lastVisit }, path);
        for (const url of [article.url, ...article.aliases]) {
          if (urls.has(url)) throw new ValidationError(path, `URL ${url} appears twice`);
          urls.add(url);
        }
        articleUrls.add(article.url);
        articles.push(article);
      } else {
        const i = itemCount - 1;
        const path = `items[${i}]`;
        const annotation = annotationFromJson(value, path);
        if (ids.has(annotation.id)) throw new ValidationError(`${path}.id`, `id ${annotation.id} appears twice`);
        ids.add(annotation.id);
        if (!referenced.has(annotation.articleUrl)) referenced.set(annotation.articleUrl, i);
        annotations.push(annotation);
      }
    } catch (error) {
      if (error instanceof ValidationError) firstProblem = error;
      else throw error;
    }
  });

  let chars = 0;
  for await (const chunk of textChunks(source, chunkChars)) {
    chars += chunk.length;
    if (chars > maxChars) throw rejected(`it is larger than the ${(maxChars / 1024 / 1024).toFixed(maxChars < 1 << 20 ? 2 : 0)} MB a backup may have`);
    scanner.feed(chunk);
    if (!firstProblem && articles.length + annotations.length >= CHUNK) await flushStaged();
  }
  let json: unknown;
  try {
    json = JSON.parse(scanner.skeleton());
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw rejected('it is not a JSON file');
  }
  try {
    const doc = backupDocument(json);
    if (firstProblem) throw firstProblem;
    for (const [url, i] of referenced) {
      if (!articleUrls.has(url)) throw new ValidationError(`items[${i}].target.source`, 'names no article of this backup');
    }
    if (doc.total !== itemCount) throw new ValidationError('total', `says ${JSON.stringify(doc.total)?.slice(0, 20)} but the file holds ${itemCount}`);
    const tagColors = backupTagColors(doc);
    await flushStaged();
    return { generated: doc.generated, articles: articleCount, annotations: itemCount, tagColors };
  } catch (error) {
    if (error instanceof ValidationError) throw rejected(`${error.path || 'the file'} ${error.problem}`);
    throw error;
  }
}

/** Staged records a chunk at a time, each chunk in its own read transaction. */
async function* stagedChunks<S extends 'importArticles' | 'importAnnotations'>(db: Database, store: S) {
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
    const chunk = await readTransaction(db, [store], (tx) => tx.objectStore(store).getAll(range, CHUNK));
    if (!chunk.length) return;
    yield chunk as S extends 'importArticles' ? Article[] : Annotation[];
    const last = chunk[chunk.length - 1]!;
    after = 'id' in last ? last.id : last.url;
  }
}

/** What committing the staged backup would do, without writing anything. */
export async function previewStagedBackup(db: Database, staged: StagedBackup): Promise<ImportPreview> {
  const preview: ImportPreview = { articles: staged.articles, annotations: staged.annotations, new: 0, updated: 0, unchanged: 0 };
  for await (const chunk of stagedChunks(db, 'importAnnotations')) {
    const stored = await readTransaction(db, ['annotations'], (tx) => Promise.all(chunk.map((a) => tx.store.get(a.id))));
    chunk.forEach((a, i) => preview[decide(a, stored[i])]++);
  }
  return preview;
}

/**
 * Merge the staged backup into the library in one transaction (merge by id, newer `modified` wins;
 * articles keep the newest metadata; tag counts follow exactly), then empty the staging stores.
 */
export async function commitStagedBackup(db: Database, staged: StagedBackup): Promise<ImportPreview> {
  const stores = ['articles', 'annotations', 'tags', 'wordsByTime', 'importArticles', 'importAnnotations'] as const;
  return writeTransaction(db, [...stores], async (tx) => {
    const readChunk = <S extends 'importArticles' | 'importAnnotations'>(store: S, after: string | undefined) =>
      tx.objectStore(store).getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), CHUNK);

    // Titles feed the annotations' search words; one string per article.
    const titles = new Map<string, string>();
    for (let after: string | undefined, chunk: Article[]; (chunk = await readChunk('importArticles', after)).length; after = chunk[chunk.length - 1]!.url) {
      const stored = await readStored(tx.objectStore('articles'), chunk.map((a) => a.url));
      const writes = chunk.map((incoming, i) => {
        const merged = mergeArticle(stored[i], incoming);
        titles.set(merged.url, merged.meta.title);
        return tx.objectStore('articles').put(merged);
      });
      await Promise.all(writes);
    }

    const tagStore = tx.objectStore('tags');
    const localTags = new Map((await tagStore.getAll()).map((t) => [t.key, t]));
    for (const { name, color } of staged.tagColors) {
      const key = canonicalKey(name);
      const local = localTags.get(key);
      if (!local) {
        const tag = { key, name, color, count: 0 };
        localTags.set(key, tag);
        await tagStore.put(tag);
      } else if (local.color === undefined) {
        localTags.set(key, { ...local, color });
        await tagStore.put({ ...local, color });
      }
    }
    const displayName = (name: string) => localTags.get(canonicalKey(name))?.name ?? name;

    const result: ImportPreview = { articles: staged.articles, annotations: staged.annotations, new: 0, updated: 0, unchanged: 0 };
    // Per tag: how many highlights lose it and gain it; bounded by the number of tags, not of highlights.
    const tagChanges = new Map<string, { name: string; removed: number; added: number }>();
    const count = (name: string, field: 'removed' | 'added') => {
      const key = canonicalKey(name);
      const entry = tagChanges.get(key) ?? { name, removed: 0, added: 0 };
      entry[field]++;
      tagChanges.set(key, entry);
    };
    for (let after: string | undefined, chunk: Annotation[]; (chunk = await readChunk('importAnnotations', after)).length; after = chunk[chunk.length - 1]!.id) {
      const stored = await readStored(tx.objectStore('annotations'), chunk.map((a) => a.id));
      const writes: Promise<unknown>[] = [];
      chunk.forEach((incoming, i) => {
        const decision = decide(incoming, stored[i]);
        result[decision]++;
        if (decision === 'unchanged') return;
        const annotation = { ...incoming, tags: incoming.tags.map(displayName) };
        const title = titles.get(annotation.articleUrl);
        if (title === undefined) throw new StoreError('invalid', 'This backup cannot be imported: it changed while it was read. Nothing was imported.');
        writes.push(saveRecord(tx, toRecord(annotation, title), stored[i]));
        for (const name of stored[i]?.tags ?? []) count(name, 'removed');
        for (const name of annotation.tags) count(name, 'added');
      });
      await Promise.all(writes);
    }
    const before: string[] = [];
    const after: string[] = [];
    for (const { name, removed, added } of tagChanges.values()) {
      for (let i = 0; i < removed; i++) before.push(name);
      for (let i = 0; i < added; i++) after.push(name);
    }
    await adjustTagCounts(tx, before, after);
    await Promise.all([tx.objectStore('importArticles').clear(), tx.objectStore('importAnnotations').clear()]);
    return result;
  });
}

/**
 * The stored records for a chunk's keys (sorted, as staging returns them). One key read over the chunk's
 * key range first, so that keys not stored yet — all of them, when restoring into an empty library —
 * cost no request each.
 */
async function readStored<T>(
  store: { getAllKeys(range: IDBKeyRange, count: number): Promise<IDBValidKey[]>; get(key: string): Promise<T | undefined> },
  keys: string[],
): Promise<(T | undefined)[]> {
  if (!keys.length) return [];
  // A small backup's keys may span a large library: past this many stored keys, just ask for each.
  const cap = 4 * keys.length + 100;
  const inRange = (await store.getAllKeys(IDBKeyRange.bound(keys[0]!, keys[keys.length - 1]!), cap)) as string[];
  const present = inRange.length < cap ? new Set(inRange) : undefined;
  return Promise.all(keys.map((key) => (!present || present.has(key) ? store.get(key) : undefined)));
}

/** Give up a staged import (the user cancelled after the preview). */
export async function discardStagedBackup(db: Database): Promise<void> {
  await clearStaging(db);
}

/** Stage and commit in one go: a broken file imports nothing and says why. */
export async function importBackupFile(db: Database, source: Blob | string, options: StageOptions = {}): Promise<ImportPreview> {
  const staged = await stageBackup(db, source, options);
  return commitStagedBackup(db, staged);
}
