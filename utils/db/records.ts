/** Between the shared model and what is stored: the derived index keys, rebuilt on every write. */
import type { Annotation } from '../model/types';
import { canonicalKey, foldForSearch } from '../text/fold';
import { END_OF_TIME, titleSortKey, type AnnotationRecord } from './schema';

const MAX_TOKENS = 4_000;
const MAX_TOKEN_LENGTH = 48;

/** Folded words of a text: what the word index holds and what a query is split into. */
export function searchTerms(text: string): string[] {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => word.slice(0, MAX_TOKEN_LENGTH));
}

function distinctTokens(...texts: string[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    for (const term of searchTerms(text)) {
      if (tokens.size >= MAX_TOKENS) break;
      tokens.add(term);
    }
  }
  return [...tokens];
}

/** Fixed width and counting down, so that string order is newest-first inside a tag's timeline. */
export function timelineKey(tagKey: string, updated: number, id: string): string {
  return `${tagKey}\u0001${String(END_OF_TIME - updated).padStart(16, '0')}\u0001${id}`;
}

export function siteOf(articleUrl: string): string {
  return new URL(articleUrl).hostname;
}

export function toRecord(annotation: Annotation, articleTitle: string): AnnotationRecord {
  const tagKeys = annotation.tags.map(canonicalKey);
  return {
    ...fromRecord(annotation),
    tagKeys,
    tagTimeline: tagKeys.map((key) => timelineKey(key, annotation.updated, annotation.id)),
    site: siteOf(annotation.articleUrl),
    recency: -annotation.updated,
    tokens: distinctTokens(articleTitle, annotation.quote, annotation.note),
    titleKey: titleSortKey(articleTitle),
  };
}

/** The model's fields only, as a fresh object (callers may keep and mutate it). */
export function fromRecord(record: Annotation): Annotation {
  return {
    id: record.id,
    articleUrl: record.articleUrl,
    target: structuredClone(record.target),
    quote: record.quote,
    color: record.color,
    tags: [...record.tags],
    note: record.note,
    created: record.created,
    updated: record.updated,
  };
}

/** Same record with other tags: search words and site do not depend on tags, so they are kept. */
export function withTags(record: AnnotationRecord, tags: string[], updated: number): AnnotationRecord {
  const tagKeys = tags.map(canonicalKey);
  return {
    ...record,
    tags,
    tagKeys,
    updated,
    recency: -updated,
    tagTimeline: tagKeys.map((key) => timelineKey(key, updated, record.id)),
  };
}
