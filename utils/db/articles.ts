/** Articles: one record per normalised URL, found also through its aliases (canonical link, og:url…). */
import type { Article, ArticleMeta } from '../model/types';
import { ValidationError } from '../messaging/guard';
import { tryNormalizeUrl } from '../url/normalize';
import type { Database } from './database';
import { readTransaction, StoreError, writeTransaction, type WriteTx } from './errors';
import { fromRecord, toRecord } from './records';
import { LIMITS, validateArticle } from './validate';
import { saveRecord } from './postings';

export interface ArticleVisit {
  /** The URL as the tab shows it; normalised here. */
  url: string;
  /** Metadata from extraction; fields given replace the stored ones, others are kept. */
  meta?: Partial<ArticleMeta>;
  /** Other URLs of the same article (canonical link, og:url, a redirect's origin). */
  aliases?: string[];
}

function normalizeOrInvalid(url: string, path: string): string {
  const normalized = tryNormalizeUrl(url);
  if (!normalized) throw new StoreError('invalid', `Invalid data — ${path}: not an http(s) URL`);
  return normalized;
}



async function findInTx(tx: WriteTx, keys: string[]): Promise<Article | undefined> {
  const articles = tx.objectStore('articles');
  for (const key of keys) {
    const direct = await articles.get(key);
    if (direct) return direct;
  }
  for (const key of keys) {
    const viaAlias = await articles.index('byAlias').get(key);
    if (viaAlias) return viaAlias;
  }
  return undefined;
}

/** Prepared outside the transaction: URL parsing and validation can throw; nothing is open yet. */
export function prepareVisit(visit: ArticleVisit): { key: string; aliases: string[]; originalUrl: string; meta: Partial<ArticleMeta> } {
  if (!visit || typeof visit.url !== 'string') throw new StoreError('invalid', 'Invalid data — visit.url: expected a string');
  const key = normalizeOrInvalid(visit.url, 'visit.url');
  const aliases = (visit.aliases ?? []).map((alias, i) => normalizeOrInvalid(alias, `visit.aliases[${i}]`));
  return { key, aliases: [...new Set(aliases)].filter((a) => a !== key), originalUrl: visit.url, meta: visit.meta ?? {} };
}

/**
 * Record a visit inside an open transaction. When the article is already known under another URL
 * (one of its aliases), that record is updated instead of creating a twin. A changed title rewrites the
 * search words of the article's annotations in the same transaction.
 */
export async function upsertArticleInTx(
  tx: WriteTx,
  visit: ReturnType<typeof prepareVisit>,
  now: number,
): Promise<Article> {
  const existing = await findInTx(tx, [visit.key, ...visit.aliases]);
  const key = existing?.url ?? visit.key;
  const aliases = [...new Set([...(existing?.aliases ?? []), visit.key, ...visit.aliases])].filter((a) => a !== key).slice(0, LIMITS.aliases);
  const definedMeta = Object.fromEntries(Object.entries(visit.meta).filter(([, v]) => v !== undefined)) as Partial<ArticleMeta>;
  const article: Article = {
    url: key,
    aliases,
    originalUrl: visit.originalUrl,
    meta: { ...(existing?.meta ?? { title: '' }), ...definedMeta },
    firstVisit: existing?.firstVisit ?? now,
    lastVisit: Math.max(existing?.lastVisit ?? now, now),
  };
  try {
    validateArticle(article);
  } catch (error) {
    throw error instanceof ValidationError ? new StoreError('invalid', `Invalid data — ${error.message}`) : error;
  }
  await tx.objectStore('articles').put(article);
  if (existing && existing.meta.title !== article.meta.title) {
    const annotations = tx.objectStore('annotations');
    for (const record of await annotations.index('byArticle').getAll(key)) {
      await saveRecord(tx, toRecord(fromRecord(record), article.meta.title), record);
    }
  }
  return article;
}

/** The user opened or saved an article: create it or update its metadata and last visit. */
export async function upsertArticle(db: Database, visit: ArticleVisit, now = Date.now()): Promise<Article> {
  const prepared = prepareVisit(visit);
  return writeTransaction(db, ['articles', 'annotations', 'wordsByTime'], (tx) => upsertArticleInTx(tx, prepared, now));
}

/** The article for a URL, whether it is the key or one of its aliases. */
export async function findArticle(db: Database, url: string): Promise<Article | undefined> {
  const key = tryNormalizeUrl(url);
  if (!key) return undefined;
  return readTransaction(db, ['articles'], async (tx) => {
    return (await tx.store.get(key)) ?? (await tx.store.index('byAlias').get(key));
  });
}

/** Articles, most recently visited first. */
export async function listArticles(db: Database, limit?: number): Promise<Article[]> {
  return readTransaction(db, ['articles'], async (tx) => {
    const out: Article[] = [];
    let cursor = await tx.store.index('byLastVisit').openCursor(null, 'prev');
    while (cursor && (limit === undefined || out.length < limit)) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  });
}
