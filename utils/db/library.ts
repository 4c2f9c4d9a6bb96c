/**
 * The library: every highlight, filtered by words, tags, site, colour and date, newest first, a page at
 * a time. Text search is accent-insensitive ("hoc tap" finds "học tập", "dang" finds "Đảng") and each
 * query word may be the start of a word, so results follow the user as they type.
 *
 * Plan: count how many index entries each filter would read (a word prefix in byToken, a tag in byTag,
 * a site in bySite) and read the smallest set when it is small; otherwise walk byUpdated in the sort
 * order and stop at the first page of matches, which for a common word is almost immediately.
 */
import type { Annotation, Article, HighlightColor } from '../model/types';
import { canonicalKey } from '../text/fold';
import type { Database } from './database';
import { readTransaction, StoreError } from './errors';
import { fromRecord, searchTerms } from './records';
import type { AnnotationRecord } from './schema';

export interface LibraryQuery {
  /** Words to find in the quote, the note or the article title. */
  text?: string;
  /** The highlight must carry every one of these tags (any spelling of each). */
  tags?: string[];
  /** Host name, with or without "www.". */
  site?: string;
  /** Any of these colours. */
  colors?: HighlightColor[];
  /** Highlighted (created) at or after / at or before, ms since the epoch. */
  from?: number;
  to?: number;
  /** By last change; default newest first. */
  sort?: 'newest' | 'oldest';
  /** Page size, 1–500 (default 50). */
  limit?: number;
  /** `next` from the previous page. */
  cursor?: string;
}

export interface LibraryPage {
  items: Annotation[];
  /** The articles of these items, by URL. */
  articles: Record<string, Article>;
  /** Present when there are more results. */
  next?: string;
}

/** Below this many candidate entries, reading them all and sorting beats walking the time index. */
const SMALL_CANDIDATE_SET = 3_000;

interface Position {
  updated: number;
  id: string;
}

function encodeCursor(p: Position): string {
  return `${p.updated}:${p.id}`;
}

function decodeCursor(cursor: string): Position {
  const match = /^(\d{1,16}):(.{1,128})$/s.exec(cursor);
  if (!match) throw new StoreError('invalid', 'Invalid data — cursor: not one this library gave out');
  return { updated: Number(match[1]), id: match[2]! };
}

function compare(a: Position, b: Position): number {
  return a.updated - b.updated || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function siteKey(site: string): string {
  return site.trim().toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

export async function queryLibrary(db: Database, query: LibraryQuery = {}): Promise<LibraryPage> {
  const terms = [...new Set(searchTerms(query.text ?? ''))];
  const tagKeys = [...new Set((query.tags ?? []).map(canonicalKey))];
  const site = query.site ? siteKey(query.site) : undefined;
  const colors = query.colors?.length ? new Set<string>(query.colors) : undefined;
  const newestFirst = (query.sort ?? 'newest') === 'newest';
  const limit = Math.max(1, Math.min(Math.trunc(query.limit ?? 50), 500));
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;

  const matches = (r: AnnotationRecord): boolean =>
    (!after || (newestFirst ? compare(r, after) < 0 : compare(r, after) > 0)) &&
    (!colors || colors.has(r.color)) &&
    (query.from === undefined || r.created >= query.from) &&
    (query.to === undefined || r.created <= query.to) &&
    (!site || r.site === site) &&
    tagKeys.every((k) => r.tagKeys.includes(k)) &&
    terms.every((t) => r.tokens.some((token) => token.startsWith(t)));

  return readTransaction(db, ['annotations', 'articles'], async (tx) => {
    const store = tx.objectStore('annotations');
    type Source = { count: number; read: () => Promise<AnnotationRecord[]> };
    const sources: Source[] = [];
    for (const term of terms) {
      const range = IDBKeyRange.bound(term, `${term}\uffff`);
      sources.push({ count: await store.index('byToken').count(range), read: () => store.index('byToken').getAll(range) });
    }
    for (const key of tagKeys) {
      sources.push({ count: await store.index('byTag').count(key), read: () => store.index('byTag').getAll(key) });
    }
    if (site) sources.push({ count: await store.index('bySite').count(site), read: () => store.index('bySite').getAll(site) });
    const smallest = sources.sort((a, b) => a.count - b.count)[0];

    let found: AnnotationRecord[] = [];
    if (smallest && smallest.count <= SMALL_CANDIDATE_SET) {
      const seen = new Set<string>();
      for (const record of await smallest.read()) {
        if (seen.has(record.id) || !matches(record)) continue;
        seen.add(record.id);
        found.push(record);
      }
      found.sort((a, b) => (newestFirst ? compare(b, a) : compare(a, b)));
      found = found.slice(0, limit + 1);
    } else {
      const range = after
        ? newestFirst
          ? IDBKeyRange.upperBound([after.updated, after.id], true)
          : IDBKeyRange.lowerBound([after.updated, after.id], true)
        : null;
      let cursor = await store.index('byUpdated').openCursor(range, newestFirst ? 'prev' : 'next');
      while (cursor && found.length <= limit) {
        if (matches(cursor.value)) found.push(cursor.value);
        cursor = await cursor.continue();
      }
    }

    const page = found.slice(0, limit);
    const articles: Record<string, Article> = {};
    for (const url of new Set(page.map((r) => r.articleUrl))) {
      const article = await tx.objectStore('articles').get(url);
      if (article) articles[url] = article;
    }
    const last = page[page.length - 1];
    return {
      items: page.map(fromRecord),
      articles,
      ...(found.length > limit && last ? { next: encodeCursor(last) } : {}),
    };
  });
}
