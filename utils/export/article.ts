import { stringify } from 'yaml';
import type { Annotation, Article, HighlightColor } from '../model/types';
import { HIGHLIGHT_COLORS } from '../model/types';
import { canonicalKey, nfc } from '../text/fold';
import { isoDay, isoDayOf } from './dates';
import {
  MARK_CLOSE,
  MARK_OPEN,
  blockquote,
  cleanText,
  collapseSpaces,
  escapeInline,
  escapePageParagraphs,
  escapeParagraphs,
  isWebUrl,
  linkDestination,
  splitLines,
  tagSlug,
  withoutMarkPlaceholders,
} from './escape';
import { textFragmentLink } from './fragment';
import { EXPORT_LABELS, type ExportLabels, type ExportLocale } from './labels';

export type ExportGrouping = 'none' | 'color' | 'tag';

export interface ExportOptions {
  includeNotes: boolean;
  includeTags: boolean;
  /** Text-fragment links back to each passage. */
  includeLinks: boolean;
  groupBy: ExportGrouping;
  /** The article text; when given, it is appended with the highlighted parts marked `==…==`. */
  fullText?: string;
  /**
   * The article text used only to make passage links unambiguous (prefix/suffix when a quote recurs);
   * defaults to fullText. Lets a caller get precise links without appending the text.
   */
  articleText?: string;
  locale: ExportLocale;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  includeNotes: true,
  includeTags: true,
  includeLinks: true,
  groupBy: 'none',
  locale: 'vi',
};

/** Page order: where the passage starts; ties (nested highlights) by when they were made. */
export function inPageOrder(annotations: Annotation[]): Annotation[] {
  return [...annotations].sort(
    (a, b) => a.target.position.start - b.target.position.start || a.created - b.created || a.id.localeCompare(b.id),
  );
}

/** Tag slugs over all highlights, in order of first use, one per canonical key ("hòa" = "hoà"). */
export function articleTags(annotations: Annotation[]): string[] {
  const seen = new Map<string, string>();
  for (const annotation of inPageOrder(annotations)) {
    for (const name of annotation.tags) {
      const slug = tagSlug(name);
      const key = canonicalKey(slug);
      if (slug && !seen.has(key)) seen.set(key, slug);
    }
  }
  return [...seen.values()];
}

export function articleTitle(article: Article, labels: ExportLabels): string {
  return collapseSpaces(cleanText(article.meta.title)) || labels.untitled;
}

function frontMatter(article: Article, annotations: Annotation[], labels: ExportLabels, now: Date): string {
  const { meta } = article;
  const data: Record<string, unknown> = { title: articleTitle(article, labels) };
  const source = article.originalUrl || article.url;
  if (source) data.source = cleanText(source);
  if (meta.siteName) data.site = cleanText(meta.siteName);
  if (meta.author) data.author = cleanText(meta.author);
  const published = isoDayOf(meta.published);
  if (published) data.published = published;
  // The page chose this link: only a web address goes in (a property reader may make it clickable).
  if (meta.sourceUrl && /^https?:\/\//i.test(meta.sourceUrl.trim())) data.original = cleanText(meta.sourceUrl);
  const tags = articleTags(annotations);
  if (tags.length) data.tags = tags;
  data.created = isoDayOf(article.firstVisit) ?? isoDay(now);
  data.exported = isoDay(now);
  // lineWidth 0: long titles stay on one line instead of being folded over several.
  return `---\n${stringify(data, { lineWidth: 0 })}---`;
}

function heading(level: number, text: string): string {
  return `${'#'.repeat(level)} ${escapeInline(text)}`;
}

function highlightBlock(annotation: Annotation, article: Article, options: ExportOptions, labels: ExportLabels): string {
  const parts: string[] = [];
  const quoteText = annotation.quote || annotation.target.quote.exact;
  const paragraphs = escapePageParagraphs(withoutMarkPlaceholders(quoteText));
  // An empty quote would leave a bare ">" — still one blockquote, so the count per highlight holds.
  parts.push(paragraphs.length ? blockquote(paragraphs) : '>');
  if (options.includeTags) {
    const slugs = annotation.tags.map(tagSlug).filter((slug) => slug !== '');
    if (slugs.length) parts.push(slugs.map((slug) => `#${slug}`).join(' '));
  }
  if (options.includeNotes) {
    const note = escapeParagraphs(annotation.note);
    if (note.length) {
      note[0] = `**${labels.note}:** ${note[0]}`;
      parts.push(...note);
    }
  }
  const url = article.originalUrl || article.url;
  if (options.includeLinks && isWebUrl(url)) {
    const link = textFragmentLink(
      url,
      annotation.target.quote,
      options.articleText ?? options.fullText,
      annotation.target.position,
    );
    // A quote with no words cannot be found on the page; a link to the bare article would mislead.
    if (link.includes('#:~:text=')) parts.push(`[${escapeInline(labels.openPassage)}](${linkDestination(link)})`);
  }
  return parts.join('\n\n');
}

interface HighlightGroup {
  title: string;
  annotations: Annotation[];
}

function groupHighlights(ordered: Annotation[], groupBy: ExportGrouping, labels: ExportLabels, locale: ExportLocale): HighlightGroup[] {
  if (groupBy === 'color') {
    return HIGHLIGHT_COLORS.map((color: HighlightColor) => ({
      title: labels.colors[color],
      annotations: ordered.filter((annotation) => annotation.color === color),
    })).filter((group) => group.annotations.length > 0);
  }
  if (groupBy === 'tag') {
    // A highlight appears under each of its tags, so every tag's section is complete on its own.
    const byKey = new Map<string, HighlightGroup>();
    const untagged: Annotation[] = [];
    for (const annotation of ordered) {
      const names = annotation.tags.filter((name) => tagSlug(name) !== '');
      if (!names.length) untagged.push(annotation);
      const keysHere = new Set<string>();
      for (const name of names) {
        const key = canonicalKey(name);
        if (keysHere.has(key)) continue;
        keysHere.add(key);
        const group = byKey.get(key) ?? { title: nfc(name).trim(), annotations: [] };
        group.annotations.push(annotation);
        byKey.set(key, group);
      }
    }
    const groups = [...byKey.values()].sort((a, b) => a.title.localeCompare(b.title, locale));
    if (untagged.length) groups.push({ title: labels.untagged, annotations: untagged });
    return groups;
  }
  return [{ title: '', annotations: ordered }];
}

/** Where a highlight sits in fullText: its stored position when the text there still matches, else a search. */
function locateInText(annotation: Annotation, fullText: string): [number, number] | undefined {
  const { position, quote } = annotation.target;
  const exact = quote.exact;
  if (!exact) return undefined;
  if (fullText.slice(position.start, position.end) === exact) return [position.start, position.end];
  let best: [number, number] | undefined;
  let bestScore = -Infinity;
  for (let at = fullText.indexOf(exact); at !== -1; at = fullText.indexOf(exact, at + 1)) {
    const prefixMatches = quote.prefix !== '' && fullText.slice(0, at).endsWith(quote.prefix);
    const suffixMatches = quote.suffix !== '' && fullText.startsWith(quote.suffix, at + exact.length);
    const score = (prefixMatches ? 2 : 0) + (suffixMatches ? 2 : 0) - Math.abs(at - position.start) / (fullText.length + 1);
    if (score > bestScore) {
      bestScore = score;
      best = [at, at + exact.length];
    }
  }
  return best;
}

/** Highlighted ranges merged, and shrunk so the `==` marks hug words (Obsidian wants no inner spaces). */
function markedRanges(annotations: Annotation[], fullText: string): [number, number][] {
  const isHigh = (index: number) => /[\uD800-\uDBFF]/.test(fullText.charAt(index));
  const isLow = (index: number) => /[\uDC00-\uDFFF]/.test(fullText.charAt(index));
  const ranges = annotations
    .map((annotation) => locateInText(annotation, fullText))
    .filter((range): range is [number, number] => range !== undefined)
    // A mark must not fall between the two halves of an emoji.
    .map(([start, end]): [number, number] => [start > 0 && isLow(start) && isHigh(start - 1) ? start - 1 : start, isHigh(end - 1) && isLow(end) ? end + 1 : end])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

function fullTextParagraphs(fullText: string, annotations: Annotation[]): string[] {
  const text = withoutMarkPlaceholders(nfc(fullText));
  const ranges = markedRanges(annotations, text);
  const paragraphs: string[] = [];
  let lineStart = 0;
  for (const line of splitLines(text)) {
    const lineEnd = lineStart + line.length;
    let withMarks = '';
    let cursor = lineStart;
    for (const [from, to] of ranges) {
      const start = Math.max(from, lineStart);
      const end = Math.min(to, lineEnd);
      if (start >= end) continue;
      const inner = text.slice(start, end);
      // Invisible characters count as white space here: `== text==` would not render as a highlight.
      const lead = /^[\s\u0000-\u001f\u007f-\u009f\u200b]*/u.exec(inner)?.[0].length ?? 0;
      const trail = /[\s\u0000-\u001f\u007f-\u009f\u200b]*$/u.exec(inner)?.[0].length ?? 0;
      if (lead === inner.length) continue;
      withMarks += text.slice(cursor, start + lead) + MARK_OPEN + inner.slice(lead, inner.length - trail) + MARK_CLOSE;
      cursor = end - trail;
    }
    withMarks += text.slice(cursor, lineEnd);
    const escaped = escapeInline(withMarks);
    if (escaped) paragraphs.push(escaped);
    // splitLines consumed one break; "\r\n" is two characters.
    lineStart = lineEnd + (text.startsWith('\r\n', lineEnd) ? 2 : 1);
  }
  return paragraphs;
}

export interface ArticleBodyOptions extends ExportOptions {
  /** Heading level of the article title: 1 in its own file, 2 inside a combined library file. */
  titleLevel?: number;
  /** Write a source link under the title (the combined file has no front matter per article). */
  sourceLine?: boolean;
}

/** The article without front matter: title, lead, highlights, optional full text. */
export function articleBody(article: Article, annotations: Annotation[], options: ArticleBodyOptions): string {
  const labels = EXPORT_LABELS[options.locale];
  const level = options.titleLevel ?? 1;
  const blocks: string[] = [heading(level, articleTitle(article, labels))];
  const url = article.originalUrl || article.url;
  if (options.sourceLine && isWebUrl(url)) {
    const site = cleanText(article.meta.siteName ?? '').trim() || new URL(url).hostname;
    blocks.push(`${escapeInline(labels.source)}: [${escapeInline(site)}](${linkDestination(url)})`);
  }
  if (article.meta.lead) blocks.push(...escapePageParagraphs(withoutMarkPlaceholders(article.meta.lead)));
  const ordered = inPageOrder(annotations);
  if (ordered.length) {
    blocks.push(heading(level + 1, labels.highlights));
    for (const group of groupHighlights(ordered, options.groupBy, labels, options.locale)) {
      if (group.title) blocks.push(heading(level + 2, group.title));
      for (const annotation of group.annotations) blocks.push(highlightBlock(annotation, article, options, labels));
    }
  }
  if (options.fullText !== undefined) {
    const paragraphs = fullTextParagraphs(options.fullText, ordered);
    if (paragraphs.length) blocks.push(heading(level + 1, labels.fullText), ...paragraphs);
  }
  return blocks.join('\n\n');
}

/**
 * One article as a Markdown file for Obsidian, Logseq or Pandoc: YAML front matter, `# Title`,
 * the lead, each highlight in page order (quote, tags, note, link back), optionally the full text.
 */
export function articleToMarkdown(article: Article, annotations: Annotation[], options: ExportOptions, now: Date): string {
  const labels = EXPORT_LABELS[options.locale];
  return `${frontMatter(article, annotations, labels, now)}\n\n${articleBody(article, annotations, options)}\n`;
}
