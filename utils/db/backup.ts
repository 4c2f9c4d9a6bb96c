/**
 * Backup and restore as one JSON-LD document in the W3C Web Annotation Data Model, so other tools can
 * read it: an AnnotationCollection whose items are Annotations with a TextQuoteSelector and a
 * TextPositionSelector on the article URL, the note as a TextualBody ("commenting") and each tag as a
 * TextualBody ("tagging"). What the model has no word for — colour, anchoring scope, article metadata,
 * tag colours — sits under the `sotay:` namespace declared in the context.
 *
 * Export streams: records are read in key order a chunk at a time and written out as string parts, so
 * 100,000 highlights never sit in memory at once. Import is the opposite: the whole file is validated
 * before anything is written, then merged in one transaction, so a broken file imports nothing.
 */
import type { Annotation, Article, HighlightColor } from '../model/types';
import { array, integer, isPlainObject, literal, object, optional, string, ValidationError, type Guard } from '../messaging/guard';
import { canonicalKey } from '../text/fold';
import type { Database } from './database';
import { readTransaction, StoreError, writeTransaction } from './errors';
import { toRecord } from './records';
import type { AnnotationRecord } from './schema';
import { adjustTagCounts } from './tag-counts';
import { saveRecord } from './postings';
import { cleanTagName, LIMITS, tagColor, timestamp, validateAnnotation, validateArticle } from './validate';

export const BACKUP_FORMAT_VERSION = 1;
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const SOTAY_NAMESPACE = 'https://sotay.invalid/ns#';
const ID_PREFIX = 'urn:sotay:annotation:';

/** A backup larger than this is refused before parsing (UTF-16 code units ≈ characters). */
export const MAX_BACKUP_CHARS = 200 * 1024 * 1024;
export const MAX_BACKUP_RECORDS = { articles: 200_000, annotations: 1_000_000, tags: 100_000 } as const;

// ————————————————————————————————————————— export —————————————————————————————————————————

const iso = (ms: number) => new Date(ms).toISOString();

function articleToJson(a: Article) {
  return { id: a.url, aliases: a.aliases, originalUrl: a.originalUrl, meta: a.meta, firstVisit: iso(a.firstVisit), lastVisit: iso(a.lastVisit) };
}

export function annotationToJson(a: Annotation) {
  const body = [
    ...(a.note ? [{ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' }] : []),
    ...a.tags.map((tag) => ({ type: 'TextualBody', purpose: 'tagging', value: tag })),
  ];
  return {
    id: ID_PREFIX + a.id,
    type: 'Annotation',
    motivation: a.note ? 'commenting' : 'highlighting',
    created: iso(a.created),
    modified: iso(a.updated),
    ...(body.length ? { body } : {}),
    target: {
      source: a.articleUrl,
      'sotay:scope': a.target.scope,
      selector: [a.target.quote, a.target.position],
    },
    'sotay:color': a.color,
    // Only when the stored quote is spelled differently (NFD) from the selector's exact text.
    ...(a.quote !== a.target.quote.exact ? { 'sotay:quote': a.quote } : {}),
  };
}

/** Records of a store in key order, `chunkSize` at a time, each chunk in its own short transaction. */
async function* chunksOf<S extends 'articles' | 'annotations'>(db: Database, store: S, chunkSize: number) {
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
    const chunk = await readTransaction(db, [store], (tx) => tx.objectStore(store).getAll(range, chunkSize));
    if (!chunk.length) return;
    yield chunk as S extends 'articles' ? Article[] : AnnotationRecord[];
    const last = chunk[chunk.length - 1]!;
    after = 'id' in last ? last.id : last.url;
    if (chunk.length < chunkSize) return;
  }
}

/**
 * The backup as string parts, to be written to a file or a Blob one after the other. Edits made while
 * the export runs may or may not be included (each chunk is read in its own transaction).
 */
export async function* exportBackupParts(db: Database, options: { chunkSize?: number; now?: number } = {}): AsyncGenerator<string> {
  const chunkSize = options.chunkSize ?? 1000;
  const tags = await readTransaction(db, ['tags'], (tx) => tx.store.getAll());
  const header = {
    '@context': [ANNO_CONTEXT, { sotay: SOTAY_NAMESPACE }],
    type: 'AnnotationCollection',
    label: 'Sổ tay backup',
    'sotay:formatVersion': BACKUP_FORMAT_VERSION,
    generated: iso(options.now ?? Date.now()),
    'sotay:tags': tags.filter((t) => t.color !== undefined).map((t) => ({ name: t.name, color: t.color })),
  };
  const headerJson = JSON.stringify(header);
  yield `${headerJson.slice(0, -1)},"sotay:articles":[`;
  let first = true;
  for await (const chunk of chunksOf(db, 'articles', chunkSize)) {
    yield (first ? '' : ',') + chunk.map((a) => JSON.stringify(articleToJson(a))).join(',');
    first = false;
  }
  yield '],"first":{"type":"AnnotationPage","startIndex":0,"items":[';
  first = true;
  let total = 0;
  for await (const chunk of chunksOf(db, 'annotations', chunkSize)) {
    yield (first ? '' : ',') + chunk.map((r) => JSON.stringify(annotationToJson(r))).join(',');
    first = false;
    total += chunk.length;
  }
  yield `]},"total":${total}}`;
}

/** The whole backup as a Blob, grown part by part so the JavaScript heap holds one chunk at a time. */
export async function exportBackup(db: Database, options: { chunkSize?: number; now?: number } = {}): Promise<Blob> {
  let blob = new Blob([], { type: 'application/ld+json' });
  let pending: string[] = [];
  let pendingLength = 0;
  for await (const part of exportBackupParts(db, options)) {
    pending.push(part);
    pendingLength += part.length;
    if (pendingLength > 1 << 20) {
      blob = new Blob([blob, ...pending], { type: 'application/ld+json' });
      pending = [];
      pendingLength = 0;
    }
  }
  return new Blob([blob, ...pending], { type: 'application/ld+json' });
}

// ————————————————————————————————————————— parse ——————————————————————————————————————————

export interface ParsedBackup {
  formatVersion: number;
  generated: number;
  articles: Article[];
  annotations: Annotation[];
  /** Tag colours chosen by the user (counts are recomputed on import). */
  tagColors: { name: string; color: string }[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

const isoDate: Guard<number> = (value, path = '') => {
  const s = string({ min: 20, max: 40, pattern: ISO_DATE })(value, path);
  return timestamp(Date.parse(s), path);
};

const anyString = (max: number) => string({ max });
const metaText = optional(anyString(LIMITS.metaFieldLength));

export const articleJson = object({
  id: string({ min: 1, max: 8192 }),
  aliases: array(string({ min: 1, max: 8192 }), { max: LIMITS.aliases }),
  originalUrl: string({ min: 1, max: 8192 }),
  meta: object({
    title: anyString(LIMITS.titleLength),
    lead: metaText,
    author: metaText,
    published: metaText,
    modified: metaText,
    siteName: metaText,
    lang: optional(anyString(35)),
    sourceUrl: metaText,
    sourceName: metaText,
  }),
  firstVisit: isoDate,
  lastVisit: isoDate,
});

const commentBody = object({ type: literal('TextualBody'), purpose: literal('commenting'), value: anyString(LIMITS.noteLength), format: optional(literal('text/plain')) });
const tagBody = object({ type: literal('TextualBody'), purpose: literal('tagging'), value: anyString(LIMITS.tagNameLength * 2) });

const bodyItem: Guard<{ purpose: 'commenting' | 'tagging'; value: string }> = (value, path = '') => {
  if (isPlainObject(value) && value.purpose === 'tagging') return tagBody(value, path);
  return commentBody(value, path);
};

const annotationJson = object({
  id: string({ min: ID_PREFIX.length + 1, max: ID_PREFIX.length + LIMITS.idLength }),
  type: literal('Annotation'),
  motivation: literal('highlighting', 'commenting'),
  created: isoDate,
  modified: isoDate,
  body: optional(array(bodyItem, { max: LIMITS.tagsPerAnnotation + 1 })),
  target: object({
    source: string({ min: 1, max: 8192 }),
    'sotay:scope': literal('article', 'body'),
    selector: array((v: unknown) => v, { max: 2 }),
  }),
  'sotay:color': anyString(16),
  'sotay:quote': optional(anyString(LIMITS.quoteLength)),
});

const quoteSelector = object({
  type: literal('TextQuoteSelector'),
  exact: anyString(LIMITS.quoteLength),
  prefix: anyString(LIMITS.contextLength),
  suffix: anyString(LIMITS.contextLength),
});
const offset = integer({ min: 0, max: LIMITS.maxOffset });
const positionSelector = object({ type: literal('TextPositionSelector'), start: offset, end: offset });

export function annotationFromJson(value: unknown, path: string): Annotation {
  const json = annotationJson(value, path);
  if (!json.id.startsWith(ID_PREFIX)) throw new ValidationError(`${path}.id`, `must start with ${ID_PREFIX}`);
  const selectors = json.target.selector;
  if (selectors.length !== 2) throw new ValidationError(`${path}.target.selector`, 'needs a TextQuoteSelector and a TextPositionSelector');
  const comments = (json.body ?? []).filter((b) => b.purpose === 'commenting');
  if (comments.length > 1) throw new ValidationError(`${path}.body`, 'more than one note');
  const annotation = {
    id: json.id.slice(ID_PREFIX.length),
    articleUrl: json.target.source,
    target: {
      scope: json.target['sotay:scope'],
      quote: quoteSelector(selectors[0], `${path}.target.selector[0]`),
      position: positionSelector(selectors[1], `${path}.target.selector[1]`),
    },
    quote: json['sotay:quote'] ?? (selectors[0] as { exact: string }).exact,
    color: json['sotay:color'] as HighlightColor,
    tags: (json.body ?? []).filter((b) => b.purpose === 'tagging').map((b) => b.value),
    note: comments[0]?.value ?? '',
    created: json.created,
    updated: json.modified,
  };
  // The full model check: ids, normalised URL, colours, clean distinct tags, selectors agree with the quote.
  return validateAnnotation(annotation, path);
}

const contextGuard: Guard<unknown> = (value, path = '') => {
  if (!Array.isArray(value) || value[0] !== ANNO_CONTEXT) throw new ValidationError(path, `must start with ${ANNO_CONTEXT}`);
  const extra = value[1];
  if (value.length !== 2) throw new ValidationError(path, 'unexpected context entries');
  object({ sotay: literal(SOTAY_NAMESPACE) })(extra, `${path}[1]`);
  return value;
};

export const documentShape = object({
  '@context': contextGuard,
  type: literal('AnnotationCollection'),
  label: optional(anyString(200)),
  'sotay:formatVersion': (v) => v,
  generated: isoDate,
  'sotay:tags': array(object({ name: anyString(LIMITS.tagNameLength * 2), color: tagColor }), { max: MAX_BACKUP_RECORDS.tags }),
  'sotay:articles': array((v: unknown) => v, { max: MAX_BACKUP_RECORDS.articles }),
  first: object({
    type: literal('AnnotationPage'),
    startIndex: literal(0),
    items: array((v: unknown) => v, { max: MAX_BACKUP_RECORDS.annotations }),
  }),
  total: (v) => v,
});

export function rejected(message: string): StoreError {
  return new StoreError('invalid', `This backup cannot be imported: ${message}. Nothing was imported.`);
}

/**
 * The document around the records, checked: the version first, so a file from a newer Sổ tay gets the
 * right message rather than a shape error. Shared by parseBackup and the streamed import (import.ts).
 */
export function backupDocument(json: unknown) {
  if (!isPlainObject(json)) throw new ValidationError('', 'expected a JSON-LD AnnotationCollection object');
  const version = json['sotay:formatVersion'];
  if (version !== BACKUP_FORMAT_VERSION) {
    throw rejected(`its format version ${JSON.stringify(version)?.slice(0, 20)} is unknown (this Sổ tay reads version ${BACKUP_FORMAT_VERSION})`);
  }
  return documentShape(json, '');
}

/** The backup's tag colours, each name cleaned as the store would and none twice. */
export function backupTagColors(doc: ReturnType<typeof backupDocument>): { name: string; color: string }[] {
  const tagKeys = new Set<string>();
  return doc['sotay:tags'].map((t, i) => {
    const name = cleanTagName(t.name, `sotay:tags[${i}].name`);
    const key = canonicalKey(name);
    if (tagKeys.has(key)) throw new ValidationError(`sotay:tags[${i}]`, `tag ${name} appears twice`);
    tagKeys.add(key);
    return { name, color: t.color };
  });
}

/**
 * Read and check a backup file completely: its JSON, its format version, every record and how records
 * refer to each other. Returns the records, or throws a StoreError('invalid') that says what is wrong.
 */
export function parseBackup(text: unknown, options: { maxChars?: number } = {}): ParsedBackup {
  const maxChars = options.maxChars ?? MAX_BACKUP_CHARS;
  if (typeof text !== 'string') throw rejected('it is not text');
  if (text.length > maxChars) throw rejected(`it is larger than the ${(maxChars / 1024 / 1024).toFixed(maxChars < 1 << 20 ? 2 : 0)} MB a backup may have`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw rejected('it is not a JSON file');
  }
  try {
    const doc = backupDocument(json);

    const articles = doc['sotay:articles'].map((value, i) => {
      const path = `sotay:articles[${i}]`;
      const a = articleJson(value, path);
      return validateArticle({ url: a.id, aliases: a.aliases, originalUrl: a.originalUrl, meta: a.meta, firstVisit: a.firstVisit, lastVisit: a.lastVisit }, path);
    });
    const urls = new Set<string>();
    for (const [i, a] of articles.entries()) {
      for (const url of [a.url, ...a.aliases]) {
        if (urls.has(url)) throw new ValidationError(`sotay:articles[${i}]`, `URL ${url} appears twice`);
        urls.add(url);
      }
    }
    const articleUrls = new Set(articles.map((a) => a.url));

    const ids = new Set<string>();
    const annotations = doc.first.items.map((value, i) => {
      const path = `items[${i}]`;
      const a = annotationFromJson(value, path);
      if (ids.has(a.id)) throw new ValidationError(`${path}.id`, `id ${a.id} appears twice`);
      ids.add(a.id);
      if (!articleUrls.has(a.articleUrl)) throw new ValidationError(`${path}.target.source`, 'names no article of this backup');
      return a;
    });
    if (doc.total !== annotations.length) throw new ValidationError('total', `says ${JSON.stringify(doc.total)?.slice(0, 20)} but the file holds ${annotations.length}`);

    const tagColors = backupTagColors(doc);
    return { formatVersion: BACKUP_FORMAT_VERSION, generated: doc.generated, articles, annotations, tagColors };
  } catch (error) {
    if (error instanceof StoreError) throw error;
    if (error instanceof ValidationError) throw rejected(`${error.path || 'the file'} ${error.problem}`);
    // A guard should never throw anything else; if one does, the file is still refused, not half-read.
    throw rejected('its content could not be read');
  }
}

// ————————————————————————————————————————— import —————————————————————————————————————————

export interface ImportPreview {
  articles: number;
  annotations: number;
  /** Highlights not stored yet. */
  new: number;
  /** Stored highlights the backup has a newer version of. */
  updated: number;
  /** Stored highlights that are the same or newer here: kept as they are. */
  unchanged: number;
}

type Decision = 'new' | 'updated' | 'unchanged';

export function decide(incoming: Annotation, stored: AnnotationRecord | undefined): Decision {
  if (!stored) return 'new';
  return incoming.updated > stored.updated ? 'updated' : 'unchanged';
}

/** What importing would do, without writing anything. */
export async function previewImport(db: Database, backup: ParsedBackup): Promise<ImportPreview> {
  const storedIds = new Set(await readTransaction(db, ['annotations'], (tx) => tx.store.getAllKeys()));
  const preview: ImportPreview = { articles: backup.articles.length, annotations: backup.annotations.length, new: 0, updated: 0, unchanged: 0 };
  await readTransaction(db, ['annotations'], async (tx) => {
    for (const a of backup.annotations) {
      preview[decide(a, storedIds.has(a.id) ? await tx.store.get(a.id) : undefined)]++;
    }
  });
  return preview;
}

export function mergeArticle(stored: Article | undefined, incoming: Article): Article {
  if (!stored) return incoming;
  const newer = incoming.lastVisit > stored.lastVisit ? incoming : stored;
  return {
    url: stored.url,
    aliases: [...new Set([...stored.aliases, ...incoming.aliases])].filter((u) => u !== stored.url).slice(0, LIMITS.aliases),
    originalUrl: newer.originalUrl,
    meta: newer.meta,
    firstVisit: Math.min(stored.firstVisit, incoming.firstVisit),
    lastVisit: Math.max(stored.lastVisit, incoming.lastVisit),
  };
}

/**
 * Merge a parsed backup into the store in one transaction: a highlight is added when new and replaced
 * when the backup's `modified` is newer; articles keep the newest metadata; tag counts follow exactly.
 */
export async function importBackup(db: Database, backup: ParsedBackup): Promise<ImportPreview> {
  const storedIds = new Set(await readTransaction(db, ['annotations'], (tx) => tx.store.getAllKeys()));
  const storedUrls = new Set(await readTransaction(db, ['articles'], (tx) => tx.store.getAllKeys()));
  return writeTransaction(db, ['articles', 'annotations', 'tags', 'wordsByTime'], async (tx) => {
    const pending: Promise<unknown>[] = [];
    // Requests are queued without waiting for each: IndexedDB runs them in order within the
    // transaction, and any failure aborts the whole transaction.
    const queue = (request: Promise<unknown>) => {
      request.catch(() => undefined);
      pending.push(request);
    };
    const titles = new Map<string, string>();
    for (const incoming of backup.articles) {
      const stored = storedUrls.has(incoming.url) ? await tx.objectStore('articles').get(incoming.url) : undefined;
      const merged = mergeArticle(stored, incoming);
      titles.set(merged.url, merged.meta.title);
      queue(tx.objectStore('articles').put(merged));
    }

    const tagStore = tx.objectStore('tags');
    const localTags = new Map((await tagStore.getAll()).map((t) => [t.key, t]));
    for (const { name, color } of backup.tagColors) {
      const key = canonicalKey(name);
      const local = localTags.get(key);
      if (!local) {
        const tag = { key, name, color, count: 0 };
        localTags.set(key, tag);
        queue(tagStore.put(tag));
      } else if (local.color === undefined) {
        queue(tagStore.put({ ...local, color }));
        localTags.set(key, { ...local, color });
      }
    }
    const displayName = (name: string) => localTags.get(canonicalKey(name))?.name ?? name;

    const result: ImportPreview = { articles: backup.articles.length, annotations: backup.annotations.length, new: 0, updated: 0, unchanged: 0 };
    const removedTags: string[] = [];
    const addedTags: string[] = [];
    for (const incoming of backup.annotations) {
      const stored = storedIds.has(incoming.id) ? await tx.objectStore('annotations').get(incoming.id) : undefined;
      const decision = decide(incoming, stored);
      result[decision]++;
      if (decision === 'unchanged') continue;
      const annotation = { ...incoming, tags: incoming.tags.map(displayName) };
      queue(saveRecord(tx, toRecord(annotation, titles.get(annotation.articleUrl) ?? ''), stored));
      if (stored) removedTags.push(...stored.tags);
      addedTags.push(...annotation.tags);
    }
    await Promise.all(pending);
    await adjustTagCounts(tx, removedTags, addedTags);
    return result;
  });
}
