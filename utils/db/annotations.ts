/** Create, change, delete (with undo) and list highlights. Each call is one transaction. */
import type { Annotation, AnnotationTarget, HighlightColor, Tag } from '../model/types';
import { ValidationError } from '../messaging/guard';
import { canonicalKey } from '../text/fold';
import { tryNormalizeUrl } from '../url/normalize';
import { prepareVisit, upsertArticleInTx, type ArticleVisit } from './articles';
import type { Database } from './database';
import { readTransaction, StoreError, writeTransaction } from './errors';
import { fromRecord, timelineKey, toRecord } from './records';
import { adjustTagCounts, resolveTagNames } from './tag-counts';
import { removeRecord, saveRecord } from './postings';
import { cleanTagList, validateAnnotation } from './validate';

export interface NewAnnotation {
  /** Given by a backup or a test; otherwise a random UUID. */
  id?: string;
  articleUrl: string;
  target: AnnotationTarget;
  /** Defaults to the TextQuoteSelector's exact text. */
  quote?: string;
  color: HighlightColor;
  tags?: string[];
  note?: string;
}

export interface AnnotationChanges {
  color?: HighlightColor;
  tags?: string[];
  note?: string;
  target?: AnnotationTarget;
  quote?: string;
}

/** What deleteAnnotation removed: hand it to restoreAnnotation to undo. */
export interface DeletedAnnotation {
  annotation: Annotation;
  /** The annotation's tags as they were, so a tag that vanished comes back with its colour. */
  tags: Tag[];
}

function invalid(error: unknown): never {
  if (error instanceof ValidationError) throw new StoreError('invalid', `Invalid data — ${error.message}`);
  throw error;
}

function checked(annotation: Annotation): Annotation {
  try {
    return validateAnnotation(annotation);
  } catch (error) {
    invalid(error);
  }
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Save a new highlight. With `visit`, the article is created or refreshed in the same transaction (the
 * first highlight on a page); without it, the article must already be stored.
 */
export async function createAnnotation(
  db: Database,
  input: NewAnnotation,
  options: { now?: number; visit?: ArticleVisit } = {},
): Promise<Annotation> {
  const now = options.now ?? Date.now();
  const visit = options.visit ? prepareVisit(options.visit) : undefined;
  const articleUrl = tryNormalizeUrl(String(input?.articleUrl ?? ''));
  if (!articleUrl) throw new StoreError('invalid', 'Invalid data — annotation.articleUrl: not an http(s) URL');
  let tags: string[];
  try {
    tags = cleanTagList(input.tags ?? []);
  } catch (error) {
    invalid(error);
  }
  const draft = checked({
    id: input.id ?? newId(),
    articleUrl,
    target: input.target,
    quote: input.quote ?? input.target?.quote?.exact,
    color: input.color,
    tags,
    note: input.note ?? '',
    created: now,
    updated: now,
  } as Annotation);

  return writeTransaction(db, ['articles', 'annotations', 'tags', 'wordsByTime'], async (tx) => {
    let article = visit ? await upsertArticleInTx(tx, visit, now) : undefined;
    article ??= (await tx.objectStore('articles').get(articleUrl)) ?? (await tx.objectStore('articles').index('byAlias').get(articleUrl));
    if (!article) throw new StoreError('not-found', 'The article of this highlight is not stored; save the page first.');
    const annotation: Annotation = { ...draft, articleUrl: article.url, tags: await resolveTagNames(tx, draft.tags) };
    if (await tx.objectStore('annotations').getKey(annotation.id)) {
      throw new StoreError('conflict', `A highlight with id ${annotation.id} already exists.`);
    }
    await saveRecord(tx, toRecord(annotation, article.meta.title), undefined, 'add');
    await adjustTagCounts(tx, [], annotation.tags);
    return annotation;
  });
}

/** Change colour, tags, note or anchor. Read, merge and write happen in one transaction. */
export async function updateAnnotation(db: Database, id: string, changes: AnnotationChanges, now = Date.now()): Promise<Annotation> {
  let tags: string[] | undefined;
  try {
    tags = changes.tags === undefined ? undefined : cleanTagList(changes.tags);
  } catch (error) {
    invalid(error);
  }
  return writeTransaction(db, ['articles', 'annotations', 'tags', 'wordsByTime'], async (tx) => {
    const store = tx.objectStore('annotations');
    const record = await store.get(id);
    if (!record) throw new StoreError('not-found', 'This highlight no longer exists.');
    const before = fromRecord(record);
    const target = changes.target ?? before.target;
    const next = checked({
      ...before,
      color: changes.color ?? before.color,
      note: changes.note ?? before.note,
      target,
      quote: changes.quote ?? (changes.target ? target.quote.exact : before.quote),
      tags: tags ? await resolveTagNames(tx, tags) : before.tags,
      updated: Math.max(now, before.updated),
    });
    const article = await tx.objectStore('articles').get(next.articleUrl);
    await saveRecord(tx, toRecord(next, article?.meta.title ?? ''), record);
    await adjustTagCounts(tx, before.tags, next.tags);
    return next;
  });
}

export async function deleteAnnotation(db: Database, id: string): Promise<DeletedAnnotation> {
  return writeTransaction(db, ['annotations', 'tags', 'wordsByTime'], async (tx) => {
    const record = await tx.objectStore('annotations').get(id);
    if (!record) throw new StoreError('not-found', 'This highlight no longer exists.');
    const annotation = fromRecord(record);
    const tags: Tag[] = [];
    for (const key of record.tagKeys) {
      const tag = await tx.objectStore('tags').get(key);
      if (tag) tags.push(tag);
    }
    await removeRecord(tx, record);
    await adjustTagCounts(tx, annotation.tags, []);
    return { annotation, tags };
  });
}

/** Undo a delete: the same record (id, times, tags) comes back, and its tags count it again. */
export async function restoreAnnotation(db: Database, deleted: DeletedAnnotation): Promise<Annotation> {
  const annotation = checked(structuredClone(deleted.annotation));
  return writeTransaction(db, ['articles', 'annotations', 'tags', 'wordsByTime'], async (tx) => {
    const article = await tx.objectStore('articles').get(annotation.articleUrl);
    if (!article) throw new StoreError('not-found', 'The article of this highlight is no longer stored.');
    if (await tx.objectStore('annotations').getKey(annotation.id)) {
      throw new StoreError('conflict', 'This highlight is already back.');
    }
    await saveRecord(tx, toRecord(annotation, article.meta.title), undefined, 'add');
    await adjustTagCounts(tx, [], annotation.tags, deleted.tags);
    return annotation;
  });
}

export async function getAnnotation(db: Database, id: string): Promise<Annotation | undefined> {
  const record = await readTransaction(db, ['annotations'], (tx) => tx.store.get(id));
  return record && fromRecord(record);
}

/** An article's highlights in page order (by where they start), as the page shows them. */
export async function listByArticle(db: Database, url: string): Promise<Annotation[]> {
  const key = tryNormalizeUrl(url);
  if (!key) return [];
  const records = await readTransaction(db, ['articles', 'annotations'], async (tx) => {
    const article = (await tx.objectStore('articles').get(key)) ?? (await tx.objectStore('articles').index('byAlias').get(key));
    return tx.objectStore('annotations').index('byArticle').getAll(article?.url ?? key);
  });
  return records
    .map(fromRecord)
    .sort((a, b) => a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end || (a.id < b.id ? -1 : 1));
}

export interface TagPage {
  items: Annotation[];
  /** Pass back as `after` for the next page; absent on the last page. */
  next?: string;
}

/** One tag's highlights, most recently changed first, a page at a time: one index read per page. */
export async function listByTag(db: Database, tag: string, options: { limit?: number; after?: string } = {}): Promise<TagPage> {
  const key = canonicalKey(tag);
  const limit = Math.max(1, Math.min(options.limit ?? 50, 1000));
  const low = `${key}\u0001`;
  const range = options.after && options.after.startsWith(low)
    ? IDBKeyRange.bound(options.after, `${key}\u0002`, true, true)
    : IDBKeyRange.bound(low, `${key}\u0002`, false, true);
  const records = await readTransaction(db, ['annotations'], (tx) => tx.store.index('byTagTimeline').getAll(range, limit + 1));
  const page = records.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(fromRecord),
    ...(records.length > limit && last ? { next: timelineKey(key, last.updated, last.id) } : {}),
  };
}
