/**
 * Re-anchoring accuracy on edited versions of real articles (pure text, runs in Node): every
 * highlight must land on its passage or become an orphan — never on another passage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildQuoteIndex, isOrphan, locateQuote, quoteSelectorAt, type TargetLike } from '@/utils/anchor/quote-index';
import { between, editText, pick, PARAGRAPH_SEPARATOR, type EditKind } from './edits';
import { seededRandom } from '../../lib/seeded-random';

export interface Article {
  name: string;
  paragraphs: string[];
}

const collapse = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();

/** Ground-truth main text of WCXB article pages (paragraphs separated by blank lines), and the seed. */
export function loadArticles(corpusDir: string, seedPath: string, limit: number): Article[] {
  const metadata = JSON.parse(readFileSync(join(corpusDir, 'metadata.json'), 'utf8')) as {
    files: Record<string, { page_type: string }>;
  };
  const articles: Article[] = [];
  const seed = readFileSync(seedPath, 'utf8');
  articles.push({ name: 'seed-article', paragraphs: seed.split(/\n\s*\n/).map(collapse).filter(Boolean) });
  const ids = Object.keys(metadata.files)
    .filter((id) => metadata.files[id]?.page_type === 'article')
    .sort();
  for (const id of ids) {
    if (articles.length >= limit) break;
    let raw: string;
    try {
      raw = readFileSync(join(corpusDir, 'ground-truth', `${id}.json`), 'utf8');
    } catch {
      continue;
    }
    const truth = JSON.parse(raw) as { ground_truth?: { main_content?: string } };
    const paragraphs = (truth.ground_truth?.main_content ?? '').split(/\n\s*\n/).map(collapse).filter(Boolean);
    const length = paragraphs.join(PARAGRAPH_SEPARATOR).length;
    if (paragraphs.length >= 4 && length >= 2_000) articles.push({ name: `wcxb-${id}`, paragraphs });
  }
  return articles;
}

type PassageKind = 'short (1–3 chars)' | 'words' | 'sentence' | 'across paragraphs';

interface Highlight {
  kind: PassageKind;
  start: number;
  end: number;
  target: TargetLike;
}

function wordStartsOf(text: string): number[] {
  return [...text.matchAll(/(?<=^|\s)\S/gu)].map((m) => m.index);
}

function makeHighlights(text: string, count: number, random: () => number): Highlight[] {
  const index = buildQuoteIndex(text);
  const starts = wordStartsOf(text);
  const paragraphBreaks = [...text.matchAll(/\n\n/g)].map((m) => m.index);
  const highlights: Highlight[] = [];
  const endOfWords = (fromWord: number, words: number) => {
    const next = starts[fromWord + words];
    const raw = next === undefined ? text.length : next;
    return raw - (text.slice(0, raw).length - text.slice(0, raw).trimEnd().length);
  };
  while (highlights.length < count) {
    const roll = random();
    let kind: PassageKind;
    let start: number;
    let end: number;
    if (roll < 0.1) {
      kind = 'short (1–3 chars)';
      start = pick(random, starts);
      end = Math.min(start + between(random, 1, 3), text.length);
    } else if (roll < 0.4) {
      kind = 'words';
      const first = between(random, 0, starts.length - 1);
      start = starts[first] as number;
      end = endOfWords(first, between(random, 1, 3));
    } else if (roll < 0.85 || paragraphBreaks.length === 0) {
      kind = 'sentence';
      const first = between(random, 0, starts.length - 1);
      start = starts[first] as number;
      end = endOfWords(first, between(random, 4, 30));
    } else {
      kind = 'across paragraphs';
      const breakAt = pick(random, paragraphBreaks);
      const firstAfter = starts.findIndex((s) => s > breakAt);
      const lastBefore = firstAfter - 1;
      if (lastBefore < 3) continue;
      const first = Math.max(0, lastBefore - between(random, 0, 8));
      start = starts[first] as number;
      end = endOfWords(firstAfter, between(random, 1, 8));
    }
    const exactText = text.slice(start, end);
    if (!exactText.trim() || exactText.includes('\n\n\n')) continue;
    const quote = quoteSelectorAt(index, start, end);
    highlights.push({ kind, start, end, target: { quote, position: { start, end } } });
  }
  return highlights;
}

export interface AccuracyCounts {
  right: number;
  orphanGone: number;
  orphanPresent: number;
  wrong: number;
  /** Wrong passages that are an identical copy of the quote already present elsewhere in the original. */
  wrongOnTwin: number;
  /** Right, but covering less than half of what is left of the passage (e.g. one side of a split selection). */
  partial: number;
  /** Why highlights whose passage is still there became orphans. */
  orphanReasons: Record<string, number>;
  byMethod: Record<string, number>;
}

const emptyCounts = (): AccuracyCounts => ({ right: 0, orphanGone: 0, orphanPresent: 0, wrong: 0, wrongOnTwin: 0, partial: 0, orphanReasons: {}, byMethod: {} });

export interface AccuracyReport {
  articles: number;
  characters: number;
  highlights: number;
  versions: number;
  total: AccuracyCounts;
  byKind: Record<string, AccuracyCounts>;
  unchanged: AccuracyCounts;
  wrongExamples: string[];
  /** With ANCHOR_BENCH_ORPHANS=<kind>: orphans of that kind whose passage is still there. */
  orphanExamples: string[];
  milliseconds: number;
}

const EDIT_MIX: Record<EditKind, number>[] = [
  { 'insert-words': 6, 'delete-words': 4, 'fix-typo': 6, 'move-paragraph': 0, 'remove-passage': 0 },
  { 'insert-words': 2, 'delete-words': 2, 'fix-typo': 2, 'move-paragraph': 2, 'remove-passage': 0 },
  { 'insert-words': 2, 'delete-words': 2, 'fix-typo': 2, 'move-paragraph': 1, 'remove-passage': 3 },
  { 'insert-words': 12, 'delete-words': 10, 'fix-typo': 15, 'move-paragraph': 2, 'remove-passage': 4 },
];

/** Where the original span [start, end) is in the edited text: the edited offsets of its surviving characters. */
function survivingSpan(origins: Int32Array, start: number, end: number): { first: number; last: number; count: number } | null {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < origins.length; i++) {
    const origin = origins[i] as number;
    if (origin >= start && origin < end) {
      if (first < 0) first = i;
      last = i;
      count++;
    }
  }
  return count ? { first, last, count } : null;
}

/**
 * How a found span [from, to) of the edited text compares with where the passage really went,
 * character by character (a moved paragraph can split a passage, so its first and last surviving
 * characters may enclose unrelated text). Characters written by an edit inside the span count for
 * neither side. Precision: share of the span's original characters that come from the passage.
 * Recall: share of the passage's surviving characters that the span covers.
 */
export function judgeSpan(
  origins: Int32Array,
  passageStart: number,
  passageEnd: number,
  surviving: number,
  from: number,
  to: number,
): { precision: number; recall: number } {
  let fromPassage = 0;
  let original = 0;
  for (let i = from; i < to; i++) {
    const origin = origins[i] as number;
    if (origin < 0) continue;
    original++;
    if (origin >= passageStart && origin < passageEnd) fromPassage++;
  }
  return {
    precision: original ? fromPassage / original : 0,
    recall: surviving ? fromPassage / surviving : 0,
  };
}

export function measureAccuracy(articles: readonly Article[], highlightsPerArticle: number, seed: number): AccuracyReport {
  const started = performance.now();
  const random = seededRandom(seed);
  const total = emptyCounts();
  const unchanged = emptyCounts();
  const byKind: Record<string, AccuracyCounts> = {};
  const wrongExamples: string[] = [];
  const orphanExamples: string[] = [];
  let characters = 0;
  let highlightCount = 0;
  let versions = 0;

  for (const article of articles) {
    const text = article.paragraphs.join(PARAGRAPH_SEPARATOR);
    characters += text.length;
    const highlights = makeHighlights(text, highlightsPerArticle, random);
    highlightCount += highlights.length;
    const unchangedIndex = buildQuoteIndex(text);
    for (const h of highlights) {
      const result = locateQuote(unchangedIndex, h.target);
      if (!isOrphan(result) && result.start === h.start && result.end === h.end) unchanged.right++;
      else if (isOrphan(result)) unchanged.orphanPresent++;
      else unchanged.wrong++;
    }
    for (const mix of EDIT_MIX) {
      versions++;
      const edited = editText(article.paragraphs, random, mix);
      const index = buildQuoteIndex(edited.text);
      for (const h of highlights) {
        const counts = (byKind[h.kind] ??= emptyCounts());
        const truth = survivingSpan(edited.origins, h.start, h.end);
        const result = locateQuote(index, h.target);
        const tally = (key: 'right' | 'orphanGone' | 'orphanPresent' | 'wrong') => {
          total[key]++;
          counts[key]++;
        };
        if (isOrphan(result)) {
          tally(truth ? 'orphanPresent' : 'orphanGone');
          if (truth && process.env.ANCHOR_BENCH_ORPHANS === h.kind && orphanExamples.length < 30) {
            orphanExamples.push(
              `${article.name} [${h.kind}, ${result.reason}] ${JSON.stringify(h.target.quote.prefix.slice(-32))}|${JSON.stringify(h.target.quote.exact.slice(0, 80))}|${JSON.stringify(h.target.quote.suffix.slice(0, 32))}` +
                ` (context ${h.target.quote.prefix.length}/${h.target.quote.suffix.length})\n    truth  ${JSON.stringify(edited.text.slice(truth.first - 32, truth.first))}|${JSON.stringify(edited.text.slice(truth.first, truth.last + 1).slice(0, 80))}|${JSON.stringify(edited.text.slice(truth.last + 1, truth.last + 33))}`,
            );
          }
          if (truth) {
            total.orphanReasons[result.reason] = (total.orphanReasons[result.reason] ?? 0) + 1;
            counts.orphanReasons[result.reason] = (counts.orphanReasons[result.reason] ?? 0) + 1;
          }
          continue;
        }
        total.byMethod[result.method] = (total.byMethod[result.method] ?? 0) + 1;
        counts.byMethod[result.method] = (counts.byMethod[result.method] ?? 0) + 1;
        const judged = truth ? judgeSpan(edited.origins, h.start, h.end, truth.count, result.start, result.end) : null;
        // Right: most of what would be painted is the passage's own text (fuzzy ends may move a
        // letter or two). Partial: right, but less than half of what is left of the passage is covered.
        if (judged && judged.precision >= 0.5) {
          tally('right');
          if (judged.recall < 0.5) {
            total.partial++;
            counts.partial++;
          }
        }
        else {
          tally('wrong');
          // Did it land on another copy of the same words that the original article already had?
          const foundOrigin = edited.origins[result.start] ?? -1;
          if (foundOrigin >= 0 && text.slice(foundOrigin, foundOrigin + (h.end - h.start)) === text.slice(h.start, h.end)) {
            total.wrongOnTwin++;
            counts.wrongOnTwin++;
          }
          if (wrongExamples.length < 40) {
            wrongExamples.push(
              `${article.name} [${h.kind}, ${result.method}, score ${result.score.toFixed(2)}] ` +
                `quote ${JSON.stringify(h.target.quote.exact.slice(0, 80))} → ${JSON.stringify(edited.text.slice(result.start, result.end).slice(0, 80))}` +
                ` at ${result.start}` +
                (truth ? ` (truth ${JSON.stringify(edited.text.slice(truth.first, truth.last + 1).slice(0, 80))} at ${truth.first})` : ' (passage removed)') +
                (process.env.ANCHOR_BENCH_DEBUG
                  ? `\n    stored ${JSON.stringify(h.target.quote.prefix)}|${JSON.stringify(h.target.quote.suffix)}\n    found  ${JSON.stringify(edited.text.slice(result.start - 32, result.start))}|${JSON.stringify(edited.text.slice(result.end, result.end + 32))}` +
                    (truth ? `\n    truth  ${JSON.stringify(edited.text.slice(truth.first - 32, truth.first))}|${JSON.stringify(edited.text.slice(truth.last + 1, truth.last + 33))}` : '')
                  : ''),
            );
          }
        }
      }
    }
  }
  return {
    articles: articles.length,
    characters,
    highlights: highlightCount,
    versions,
    total,
    byKind,
    unchanged,
    wrongExamples,
    orphanExamples,
    milliseconds: performance.now() - started,
  };
}
