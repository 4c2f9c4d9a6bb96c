/**
 * Finding a stored quote again in a (possibly edited) text. Pure string code: no DOM, so the
 * accuracy benchmark runs it in Node on real article texts.
 *
 * Order, as in Hypothesis: the stored position if the text there still equals the quote; then every
 * exact occurrence, ranked by how well the 32 characters before and after agree with the stored
 * prefix/suffix and by closeness to the old position; then an approximate search (approx-string-match,
 * Myers' bit-parallel edit distance) allowing errors up to a fraction of the quote's length, ranked
 * the same way. Unlike Hypothesis, a candidate is accepted only with evidence that it is the same
 * passage — its context agrees, or it is a long quote found exactly once. Otherwise the highlight is
 * an orphan: losing a highlight is recoverable (it is kept and listed), painting the wrong passage is
 * not (users stop trusting every highlight).
 *
 * Everything is compared in NFC: `QuoteIndex.text` is the NFC form of the page text with maps both
 * ways, so offsets in results are the page text's own (raw) offsets.
 */
import search from 'approx-string-match';

/** Characters of context stored on each side of the quote (W3C/Hypothesis convention). */
export const CONTEXT_LENGTH = 32;

/** Hypothesis's weights for combining the evidence about one candidate. */
export const SCORE_WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const WEIGHT_TOTAL = SCORE_WEIGHTS.quote + SCORE_WEIGHTS.prefix + SCORE_WEIGHTS.suffix + SCORE_WEIGHTS.position;

/** Below this combined score an approximate match is an orphan, never a guess. */
export const FUZZY_SCORE_THRESHOLD = 0.7;
/** Fraction of the quote's length that may differ in an approximate match. */
export const MAX_ERROR_FRACTION = 0.3;
/** approx-string-match's cost grows with the error budget; past this, edits are too large to trust anyway. */
const MAX_ERRORS = 256;
/** Quotes this long, found exactly once, are accepted even when both neighbours changed (moved paragraph). */
export const DISTINCTIVE_QUOTE_LENGTH = 32;
/** Shorter quotes are never searched approximately: one error in three letters matches anything. */
export const MIN_FUZZY_QUOTE_LENGTH = 5;
/** Context "agrees" when one side is this similar, or both sides on average MEAN_CONTEXT_AGREEMENT. */
export const ONE_SIDE_AGREEMENT = 0.75;
export const MEAN_CONTEXT_AGREEMENT = 0.6;

/**
 * Two places whose scores differ by less than this are indistinguishable: about seven characters of
 * one side's context, or less than the whole position weight.
 */
export const AMBIGUITY_MARGIN = 0.07;
/** Exact occurrences beyond this are not ranked (a one-letter quote in a book); context decides among the first ones. */
const MAX_EXACT_CANDIDATES = 20_000;
/** Candidates scored with edit distance after the cheap pre-ranking (including the nearest few). */
const FULLY_SCORED_CANDIDATES = 48;
const NEAREST_CANDIDATES = 8;
/** Occurrences handled between two pauses. */
const STEP_CANDIDATES = 2_000;
/**
 * Text searched approximately per step, so one step stays well under a frame: the search costs
 * about (window × error budget), so long quotes get shorter windows.
 */
const fuzzyWindowFor = (maxErrors: number): number => Math.max(1_024, Math.min(8_192, Math.floor(196_608 / (maxErrors + 16))));
/** Around the old position, searched first: edits rarely move a passage far. */
const NEARBY_MARGIN = 2_048;

export interface QuoteSelectorLike {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TargetLike {
  quote: QuoteSelectorLike;
  position: { start: number; end: number };
}

export interface QuoteIndex {
  /** The page text as built (raw offsets are into this). */
  readonly raw: string;
  /** NFC form of `raw`, normalised cluster by cluster so the offset maps are exact at cluster ends. */
  readonly text: string;
  /** NFC offset → raw offset (length text.length + 1), or null when raw is already NFC. */
  readonly normToRaw: Int32Array | null;
  /** raw offset → NFC offset (length raw.length + 1), or null when raw is already NFC. */
  readonly rawToNorm: Int32Array | null;
}

export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

export interface TextMatch {
  /** Raw offsets into QuoteIndex.raw. */
  start: number;
  end: number;
  method: AnchorMethod;
  /** Combined evidence in [0, 1] (Hypothesis's weighting). */
  score: number;
}

export type OrphanReason = 'empty-quote' | 'not-found' | 'context-mismatch' | 'ambiguous' | 'low-score' | 'unmappable';

export interface Orphan {
  orphan: true;
  reason: OrphanReason;
}

export type LocateResult = TextMatch | Orphan;

export function isOrphan(result: LocateResult | { orphan: true }): result is Orphan {
  return (result as Orphan).orphan === true;
}

const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

export function buildQuoteIndex(raw: string): QuoteIndex {
  const whole = raw.normalize('NFC');
  if (whole === raw) return { raw, text: raw, normToRaw: null, rawToNorm: null };
  // Combining marks attach to the preceding base letter, so normalising each base+marks cluster on
  // its own gives offsets that map exactly at every cluster boundary.
  const pieces: string[] = [];
  const normToRaw: number[] = [];
  const rawToNorm = new Int32Array(raw.length + 1);
  let normLength = 0;
  for (const match of raw.matchAll(CLUSTER)) {
    const cluster = match[0];
    const rawStart = match.index;
    const normal = cluster.normalize('NFC');
    pieces.push(normal);
    for (let i = 0; i < normal.length; i++) normToRaw.push(normal === cluster ? rawStart + i : rawStart);
    for (let i = 0; i < cluster.length; i++) rawToNorm[rawStart + i] = normal === cluster ? normLength + i : normLength;
    normLength += normal.length;
  }
  normToRaw.push(raw.length);
  rawToNorm[raw.length] = normLength;
  return { raw, text: pieces.join(''), normToRaw: Int32Array.from(normToRaw), rawToNorm };
}

function toRaw(index: QuoteIndex, normOffset: number): number {
  return index.normToRaw ? (index.normToRaw[normOffset] ?? index.raw.length) : normOffset;
}

function toNorm(index: QuoteIndex, rawOffset: number): number {
  const clamped = Math.max(0, Math.min(rawOffset, index.raw.length));
  return index.rawToNorm ? (index.rawToNorm[clamped] ?? index.text.length) : clamped;
}

/** The NFC text between two raw offsets, as stored in selectors. */
export function normalizedSlice(index: QuoteIndex, rawStart: number, rawEnd: number): string {
  return index.text.slice(toNorm(index, rawStart), toNorm(index, rawEnd));
}

/** The quote selector for raw offsets [start, end): exact text with 32 characters of context each side. */
export function quoteSelectorAt(index: QuoteIndex, rawStart: number, rawEnd: number): QuoteSelectorLike {
  const start = toNorm(index, rawStart);
  const end = toNorm(index, rawEnd);
  return {
    exact: index.text.slice(start, end),
    prefix: index.text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: index.text.slice(end, end + CONTEXT_LENGTH),
  };
}

// Two rows of the classic edit-distance table; context strings are ≤ 32 characters (window ≤ 48).
let previousRow = new Uint16Array(64);
let currentRow = new Uint16Array(64);

/**
 * Edit distance from `a` to `b` — or, with `anyEndOfB`, to the closest prefix of `b` of any length
 * (semi-global alignment), so text inserted next to a quote costs its length once instead of also
 * pushing as many stored characters out of a fixed-size window.
 */
function editDistance(a: string, b: string, anyEndOfB = false): number {
  if (a === b) return 0;
  if (!a.length) return anyEndOfB ? 0 : b.length;
  if (!b.length) return a.length;
  if (previousRow.length <= b.length) {
    previousRow = new Uint16Array(b.length + 1);
    currentRow = new Uint16Array(b.length + 1);
  }
  for (let j = 0; j <= b.length; j++) previousRow[j] = j;
  for (let i = 1; i <= a.length; i++) {
    currentRow[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previousRow[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = (previousRow[j] as number) + 1;
      const insertion = (currentRow[j - 1] as number) + 1;
      currentRow[j] = Math.min(substitution, deletion, insertion);
    }
    [previousRow, currentRow] = [currentRow, previousRow];
  }
  if (!anyEndOfB) return previousRow[b.length] as number;
  let best = previousRow[0] as number;
  for (let j = 1; j <= b.length; j++) best = Math.min(best, previousRow[j] as number);
  return best;
}

/** 1 for equal strings, 0 for nothing in common; empty vs empty is equal (both at the text's edge). */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - editDistance(a, b) / longest;
}

const reverse = (text: string): string => {
  let reversed = '';
  for (let i = text.length - 1; i >= 0; i--) reversed += text[i];
  return reversed;
};

/** Extra characters of the page compared beyond the stored context, to absorb insertions next to the quote. */
const CONTEXT_SLACK = 16;

/**
 * How well stored context agrees with the page next to a candidate. `adjacentFirst` is the page
 * text read away from the quote (for the prefix: reversed). Full-length stored context may match
 * any stretch starting at the quote; shorter stored context means the quote began or ended the
 * text, so the page must end there too.
 */
function contextSimilarity(stored: string, adjacentFirst: string): number {
  if (stored.length < CONTEXT_LENGTH) {
    return similarity(stored, adjacentFirst.slice(0, CONTEXT_LENGTH));
  }
  return 1 - editDistance(stored, adjacentFirst, true) / stored.length;
}

interface Candidate {
  start: number;
  end: number;
  quote: number;
  prefix: number;
  suffix: number;
  position: number;
  score: number;
}

function scoreCandidate(
  text: string,
  selector: QuoteSelectorLike,
  start: number,
  end: number,
  quoteSimilarity: number,
  hint: number,
): Candidate {
  // Always compare against a full window: a stored prefix shorter than 32 means the quote began
  // the text, and only a candidate that also begins the text should agree with it.
  const window = CONTEXT_LENGTH + CONTEXT_SLACK;
  const prefix = contextSimilarity(reverse(selector.prefix), reverse(text.slice(Math.max(0, start - window), start)));
  const suffix = contextSimilarity(selector.suffix, text.slice(end, end + window));
  const position = text.length ? 1 - Math.min(1, Math.abs(start - hint) / text.length) : 1;
  const score =
    (SCORE_WEIGHTS.quote * quoteSimilarity +
      SCORE_WEIGHTS.prefix * prefix +
      SCORE_WEIGHTS.suffix * suffix +
      SCORE_WEIGHTS.position * position) /
    WEIGHT_TOTAL;
  return { start, end, quote: quoteSimilarity, prefix, suffix, position, score };
}

function contextAgrees(candidate: Candidate): boolean {
  return (
    Math.max(candidate.prefix, candidate.suffix) >= ONE_SIDE_AGREEMENT ||
    (candidate.prefix + candidate.suffix) / 2 >= MEAN_CONTEXT_AGREEMENT
  );
}

/**
 * The best candidate and the best one elsewhere in the text. When two different places are about
 * equally good (templated listings, repeated phrases whose surroundings were edited), the evidence
 * cannot tell them apart and guessing would paint a wrong passage half the time.
 */
class RankedCandidates {
  best: Candidate | null = null;
  private runnerUp: Candidate | null = null;

  offer(candidate: Candidate): void {
    const best = this.best;
    if (!best || candidate.score > best.score) {
      if (best && !overlaps(best, candidate)) this.runnerUp = best;
      else if (best && this.runnerUp && overlaps(this.runnerUp, candidate)) this.runnerUp = null;
      this.best = candidate;
    } else if (!overlaps(best, candidate) && (!this.runnerUp || candidate.score > this.runnerUp.score)) {
      this.runnerUp = candidate;
    }
  }

  isAmbiguous(): boolean {
    const { best, runnerUp } = this;
    if (!best || !runnerUp || best.score - runnerUp.score >= AMBIGUITY_MARGIN) return false;
    // Context that still matches character for character beats context that merely looks alike.
    const untouched = (candidate: Candidate) => candidate.prefix === 1 && candidate.suffix === 1;
    return !(untouched(best) && !untouched(runnerUp));
  }
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

function better(a: Candidate | null, b: Candidate): Candidate {
  return !a || b.score > a.score ? b : a;
}

/** Characters that agree right next to the candidate — a cheap first ranking before edit distances. */
function adjacentAgreement(text: string, selector: QuoteSelectorLike, start: number, end: number): number {
  let agree = 0;
  const { prefix, suffix } = selector;
  for (let i = 1; i <= prefix.length && start - i >= 0; i++) {
    if (prefix.charCodeAt(prefix.length - i) !== text.charCodeAt(start - i)) break;
    agree++;
  }
  for (let i = 0; i < suffix.length && end + i < text.length; i++) {
    if (suffix.charCodeAt(i) !== text.charCodeAt(end + i)) break;
    agree++;
  }
  return agree;
}

/**
 * Cuts thousands of occurrences (a one-letter quote) down to the few worth an edit distance: the
 * ones whose neighbouring characters agree longest (bucketed by agreement, no sort), plus the ones
 * nearest the old position (binary search: occurrences are in text order).
 */
function* shortlistOccurrences(
  text: string,
  selector: QuoteSelectorLike,
  occurrences: readonly number[],
  quoteLength: number,
  hint: number,
): Generator<void, number[], void> {
  const maxAgreement = selector.prefix.length + selector.suffix.length;
  const buckets: number[][] = Array.from({ length: maxAgreement + 1 }, () => []);
  for (let i = 0; i < occurrences.length; i++) {
    const start = occurrences[i] as number;
    (buckets[adjacentAgreement(text, selector, start, start + quoteLength)] as number[]).push(start);
    if (i % STEP_CANDIDATES === STEP_CANDIDATES - 1) yield;
  }
  const chosen = new Set<number>();
  for (let agreement = maxAgreement; agreement >= 0 && chosen.size < FULLY_SCORED_CANDIDATES - NEAREST_CANDIDATES; agreement--) {
    for (const start of buckets[agreement] as number[]) {
      if (chosen.size >= FULLY_SCORED_CANDIDATES - NEAREST_CANDIDATES) break;
      chosen.add(start);
    }
  }
  let low = 0;
  let high = occurrences.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((occurrences[middle] as number) < hint) low = middle + 1;
    else high = middle;
  }
  for (let i = Math.max(0, low - NEAREST_CANDIDATES / 2); i < Math.min(occurrences.length, low + NEAREST_CANDIDATES / 2); i++) {
    chosen.add(occurrences[i] as number);
  }
  return [...chosen];
}

function toMatch(index: QuoteIndex, candidate: Candidate, method: AnchorMethod): TextMatch {
  return { start: toRaw(index, candidate.start), end: toRaw(index, candidate.end), method, score: candidate.score };
}

/**
 * The search as a sequence of bounded steps: the generator yields between steps so a scheduler
 * can hand the main thread back to the page. `locateQuote` runs it to the end in one go.
 */
export function* locateSteps(index: QuoteIndex, target: TargetLike): Generator<void, LocateResult, void> {
  const selector: QuoteSelectorLike = {
    exact: target.quote.exact.normalize('NFC'),
    prefix: target.quote.prefix.normalize('NFC'),
    suffix: target.quote.suffix.normalize('NFC'),
  };
  const exact = selector.exact;
  if (!exact.trim()) return { orphan: true, reason: 'empty-quote' };
  const text = index.text;
  const hint = toNorm(index, target.position.start);

  // 1. The stored position, if the text there is still the quote.
  const hintEnd = toNorm(index, target.position.end);
  // A short quote is taken on position alone only if its context is untouched too: "s" at the old
  // offset after a word was inserted earlier is some other "s".
  if (text.slice(hint, hintEnd) === exact) {
    const candidate = scoreCandidate(text, selector, hint, hintEnd, 1, hint);
    if (exact.length >= DISTINCTIVE_QUOTE_LENGTH || (candidate.prefix === 1 && candidate.suffix === 1)) {
      return toMatch(index, candidate, 'position');
    }
  }

  // 2. Every exact occurrence.
  const occurrences: number[] = [];
  for (let at = text.indexOf(exact); at !== -1 && occurrences.length < MAX_EXACT_CANDIDATES; at = text.indexOf(exact, at + 1)) {
    occurrences.push(at);
    if (occurrences.length % STEP_CANDIDATES === 0) yield;
  }
  yield;
  if (occurrences.length > 0) {
    let shortlist = occurrences;
    if (occurrences.length > FULLY_SCORED_CANDIDATES) {
      shortlist = yield* shortlistOccurrences(text, selector, occurrences, exact.length, hint);
    }
    const ranked = new RankedCandidates();
    for (const start of shortlist) ranked.offer(scoreCandidate(text, selector, start, start + exact.length, 1, hint));
    const best = ranked.best;
    if (best && contextAgrees(best)) {
      if (!ranked.isAmbiguous()) return toMatch(index, best, 'exact');
      return { orphan: true, reason: 'ambiguous' };
    }
    if (best && occurrences.length === 1 && exact.length >= DISTINCTIVE_QUOTE_LENGTH) return toMatch(index, best, 'exact');
    // A short or repeated quote whose surroundings all changed: the passage itself may have been
    // edited, so look approximately near where it was before giving up.
  }

  // 3. Approximate matches: near the old position first, then the whole text window by window.
  if (exact.length < MIN_FUZZY_QUOTE_LENGTH) return { orphan: true, reason: occurrences.length ? 'context-mismatch' : 'not-found' };
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(exact.length * MAX_ERROR_FRACTION));
  const acceptable = new RankedCandidates();
  let bestAny: Candidate | null = null;
  const overlap = exact.length + maxErrors;
  const searchWindow = (from: number, to: number) => {
    const windowStart = Math.max(0, from);
    const windowText = text.slice(windowStart, Math.min(text.length, to));
    for (const found of search(windowText, exact, maxErrors)) {
      const start = windowStart + found.start;
      const end = windowStart + found.end;
      if (end <= start) continue;
      const candidate = scoreCandidate(text, selector, start, end, 1 - found.errors / exact.length, hint);
      bestAny = better(bestAny, candidate);
      if (fuzzyContextAgrees(candidate) && candidate.score >= FUZZY_SCORE_THRESHOLD) acceptable.offer(candidate);
    }
  };
  // A short quote that is only similar, next to one similar side, is too easily a reused phrase
  // ("types of … include paid and unpaid"): both sides must agree on average.
  const fuzzyContextAgrees = (candidate: Candidate) =>
    contextAgrees(candidate) &&
    (exact.length >= DISTINCTIVE_QUOTE_LENGTH || (candidate.prefix + candidate.suffix) / 2 >= MEAN_CONTEXT_AGREEMENT);
  for (let from = hint - NEARBY_MARGIN; from < hint + exact.length + NEARBY_MARGIN; from += NEARBY_MARGIN) {
    searchWindow(from - overlap, from + NEARBY_MARGIN + overlap);
    yield;
  }
  if (!acceptable.best) {
    const window = fuzzyWindowFor(maxErrors);
    for (let from = 0; from < text.length; from += window) {
      searchWindow(from - overlap, from + window + overlap);
      yield;
    }
  }
  const chosen = acceptable.best;
  if (chosen) {
    if (acceptable.isAmbiguous()) return { orphan: true, reason: 'ambiguous' };
    return toMatch(index, chosen, chosen.quote === 1 ? 'exact' : 'fuzzy');
  }
  const closest = bestAny as Candidate | null;
  if (!closest) return { orphan: true, reason: occurrences.length ? 'context-mismatch' : 'not-found' };
  return { orphan: true, reason: contextAgrees(closest) ? 'low-score' : 'context-mismatch' };
}

/** Runs the whole search at once (for one highlight, or in a worker). */
export function locateQuote(index: QuoteIndex, target: TargetLike): LocateResult {
  const steps = locateSteps(index, target);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
