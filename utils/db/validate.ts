/**
 * Checks every record before it is written, whether it comes from the UI, a message or a backup file.
 * Limits are generous for real use and small enough that one record cannot exhaust the quota.
 */
import { HIGHLIGHT_COLORS, type Annotation, type Article, type Tag } from '../model/types';
import { array, integer, literal, object, optional, string, ValidationError, type Guard } from '../messaging/guard';
import { canonicalKey, collapseWhitespace, nfc } from '../text/fold';
import { tryNormalizeUrl } from '../url/normalize';

export const LIMITS = {
  idLength: 128,
  quoteLength: 20_000,
  contextLength: 1_000,
  noteLength: 50_000,
  tagsPerAnnotation: 32,
  tagNameLength: 64,
  aliases: 20,
  titleLength: 2_000,
  metaFieldLength: 8_192,
  /** Offsets into one page's text. */
  maxOffset: 50_000_000,
} as const;

/** Milliseconds since the epoch that Date can represent and that are after 2000-01-01. */
export const timestamp = integer({ min: 946_684_800_000, max: 8_640_000_000_000_000 });

export const annotationId = string({ min: 1, max: LIMITS.idLength, pattern: /^[A-Za-z0-9._:-]+$/ });

/** A URL that is already in normalised form (what articles are keyed by). */
export const normalizedUrl: Guard<string> = (value, path = '') => {
  const s = string({ min: 1, max: 8192 })(value, path);
  if (tryNormalizeUrl(s) !== s) throw new ValidationError(path, 'not a normalised http(s) URL');
  return s;
};

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** A tag as the user typed it: NFC, white space collapsed; empty or control characters refused. */
export function cleanTagName(value: unknown, path = 'tag'): string {
  if (typeof value !== 'string') throw new ValidationError(path, 'expected a string');
  const name = collapseWhitespace(nfc(value));
  if (!name) throw new ValidationError(path, 'a tag cannot be empty');
  if (name.length > LIMITS.tagNameLength) throw new ValidationError(path, `longer than ${LIMITS.tagNameLength} characters`);
  if (CONTROL_CHARS.test(name)) throw new ValidationError(path, 'contains control characters');
  return name;
}

/** Clean a tag list and drop later spellings of the same tag ("hòa" after "hoà"). */
export function cleanTagList(value: unknown, path = 'tags'): string[] {
  const names = array((v, p) => cleanTagName(v, p), { max: LIMITS.tagsPerAnnotation })(value, path);
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = canonicalKey(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const tagList: Guard<string[]> = (value, path = '') => {
  const cleaned = cleanTagList(value, path);
  const names = value as string[];
  if (cleaned.length !== names.length || cleaned.some((name, i) => name !== names[i])) {
    throw new ValidationError(path, 'tags must be clean (NFC, trimmed) and distinct');
  }
  return cleaned;
};

const offset = integer({ min: 0, max: LIMITS.maxOffset });

/** Where a highlight sits (W3C selectors); shape only — validateAnnotation also checks they agree. */
export const annotationTarget = object({
  scope: literal('article', 'body'),
  quote: object({
    type: literal('TextQuoteSelector'),
    exact: string({ min: 1, max: LIMITS.quoteLength }),
    prefix: string({ max: LIMITS.contextLength }),
    suffix: string({ max: LIMITS.contextLength }),
  }),
  position: object({ type: literal('TextPositionSelector'), start: offset, end: offset }),
});

const annotationShape = object({
  id: annotationId,
  articleUrl: normalizedUrl,
  target: annotationTarget,
  quote: string({ min: 1, max: LIMITS.quoteLength }),
  color: literal(...HIGHLIGHT_COLORS),
  tags: tagList,
  note: string({ max: LIMITS.noteLength }),
  created: timestamp,
  updated: timestamp,
});

/**
 * A complete annotation, checked strictly (no unknown or prototype keys), including that its selectors
 * agree: the position spans exactly the quoted text and the quote is that text (compared in NFC).
 */
export function validateAnnotation(value: unknown, path = 'annotation'): Annotation {
  const a = annotationShape(value, path) as Annotation;
  const { quote, position } = a.target;
  if (position.end - position.start !== quote.exact.length) {
    throw new ValidationError(`${path}.target.position`, 'does not span the quoted text');
  }
  if (nfc(a.quote) !== nfc(quote.exact)) throw new ValidationError(`${path}.quote`, 'differs from the TextQuoteSelector');
  if (a.updated < a.created) throw new ValidationError(`${path}.updated`, 'is before created');
  return a;
}

const metaText = optional(string({ max: LIMITS.metaFieldLength }));

/** What extraction knows about an article (ArticleMeta), as stored, sent in messages and kept per tab. */
export const articleMeta = object({
  title: string({ max: LIMITS.titleLength }),
  lead: metaText,
  author: metaText,
  published: metaText,
  modified: metaText,
  siteName: metaText,
  lang: optional(string({ max: 35 })),
  sourceUrl: metaText,
  sourceName: metaText,
});

const articleShape = object({
  url: normalizedUrl,
  aliases: array(normalizedUrl, { max: LIMITS.aliases }),
  originalUrl: string({ min: 1, max: 8192, pattern: /^https?:\/\//i }),
  meta: articleMeta,
  firstVisit: timestamp,
  lastVisit: timestamp,
});

export function validateArticle(value: unknown, path = 'article'): Article {
  const a = articleShape(value, path) as Article;
  if (a.lastVisit < a.firstVisit) throw new ValidationError(`${path}.lastVisit`, 'is before firstVisit');
  if (a.aliases.includes(a.url) || new Set(a.aliases).size !== a.aliases.length) {
    throw new ValidationError(`${path}.aliases`, 'repeat a URL');
  }
  return a;
}

/** Tag colours are CSS-safe names or #rgb/#rrggbb, never free text that could end up in a style. */
export const tagColor = string({ min: 1, max: 32, pattern: /^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-z]+)$/ });

const tagShape = object({
  key: string({ min: 1, max: LIMITS.tagNameLength * 4 }),
  name: string({ min: 1, max: LIMITS.tagNameLength }),
  color: optional(tagColor),
  count: integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
});

export function validateTag(value: unknown, path = 'tag'): Tag {
  const tag = tagShape(value, path) as Tag;
  if (cleanTagName(tag.name, `${path}.name`) !== tag.name) throw new ValidationError(`${path}.name`, 'is not clean');
  if (canonicalKey(tag.name) !== tag.key) throw new ValidationError(`${path}.key`, 'does not match the name');
  return tag;
}
