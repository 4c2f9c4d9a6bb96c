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
/**
 * Context stored on each side when the quote occurs more than once in the text: nearby context
 * alone cannot tell the copies of a templated block ("Total Reviews", course listings) apart once
 * one of them is edited or removed, so the far context is kept as evidence too.
 */
export const EXTENDED_CONTEXT_LENGTH = 128;

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
/**
 * A quote shorter than DISTINCTIVE_QUOTE_LENGTH says little by itself ("the", "Students will"), so
 * its context must agree on both sides, each at least this much: one agreeing side is what a copy
 * of the same words elsewhere also has (the passage removed, a similar sentence kept).
 */
/**
 * An approximate match with context agreeing on one side only must itself be this close to the
 * quote: a template line with one word swapped ("Web Online with Live Stream" → "Web Hybrid …")
 * after the same shared text is another passage, not an edited one.
 */
export const ONE_SIDED_FUZZY_QUOTE_SIMILARITY = 0.85;
/**
 * Short quotes: how much cheaper the page around a candidate may be explained with the quote
 * somewhere else (or deleted) before the candidate is rejected, as a fraction of the quote's length
 * (at least MIN_SHIFT_SLACK characters). See `quoteSitsHere`.
 */
const SHIFT_SLACK_FRACTION = 0.25;
const MIN_SHIFT_SLACK = 2;
/** Candidates within this of the best by near context are compared again on the far context. */
const FAR_RESCORE_MARGIN = 0.3;
const MAX_FAR_RESCORED = 8;
/**
 * A quote that recurred when it was highlighted needs its whole stored context to agree on average
 * this well: its copies share words and near context, and an edited copy elsewhere is
 * indistinguishable from an edited original unless the surroundings say so.
 */
export const RECURRING_QUOTE_CONTEXT_AGREEMENT = 0.75;
/** …and each side at least this well: a copy next to shared text on one side only is another copy. */
export const RECURRING_QUOTE_SIDE_AGREEMENT = 0.6;
/** Each side agrees at least this much: "both sides agree". */
export const BOTH_SIDES_AGREEMENT = 0.5;
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

/** Whether `exact` occurs in `text` anywhere but at `start`. */
function recursElsewhere(text: string, exact: string, start: number): boolean {
  const first = text.indexOf(exact);
  return first !== start || text.indexOf(exact, first + 1) !== -1;
}

/**
 * The quote selector for raw offsets [start, end): the exact text with 32 characters of context
 * each side, or EXTENDED_CONTEXT_LENGTH when the same text occurs elsewhere on the page.
 */
export function quoteSelectorAt(index: QuoteIndex, rawStart: number, rawEnd: number): QuoteSelectorLike {
  const start = toNorm(index, rawStart);
  const end = toNorm(index, rawEnd);
  const exact = index.text.slice(start, end);
  const contextLength = exact && recursElsewhere(index.text, exact, start) ? EXTENDED_CONTEXT_LENGTH : CONTEXT_LENGTH;
  return {
    exact,
    prefix: index.text.slice(Math.max(0, start - contextLength), start),
    suffix: index.text.slice(end, end + contextLength),
  };
}

// Two rows of the classic edit-distance table, grown to the longest string compared.
let previousRow = new Uint16Array(256);
let currentRow = new Uint16Array(256);

/**
 * Edit distance from `a` to `b` — or, with `anyEndOfB`, to the closest prefix of `b` of any length
 * (semi-global alignment), so text inserted next to a quote costs its length once instead of also
 * pushing as many stored characters out of a fixed-size window. With both flags too, to the closest
 * substring of `b`.
 */
function editDistance(a: string, b: string, anyEndOfB = false, anyStartOfB = false): number {
  if (a === b) return 0;
  if (!a.length) return anyEndOfB ? 0 : b.length;
  if (!b.length) return a.length;
  if (previousRow.length <= b.length) {
    previousRow = new Uint16Array(b.length + 1);
    currentRow = new Uint16Array(b.length + 1);
  }
  for (let j = 0; j <= b.length; j++) previousRow[j] = anyStartOfB ? 0 : j;
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
  /** Agreement of the stored prefix and suffix: the near 32 characters, or all of it once far context is scored. */
  prefix: number;
  suffix: number;
  position: number;
  score: number;
}

/** The stored context next to the quote (at most 32 characters): what every candidate is ranked by first. */
const nearPrefix = (selector: QuoteSelectorLike): string => selector.prefix.slice(-CONTEXT_LENGTH);
const nearSuffix = (selector: QuoteSelectorLike): string => selector.suffix.slice(0, CONTEXT_LENGTH);
const hasFarContext = (selector: QuoteSelectorLike): boolean =>
  selector.prefix.length > CONTEXT_LENGTH || selector.suffix.length > CONTEXT_LENGTH;

function combinedScore(quote: number, prefix: number, suffix: number, position: number): number {
  return (
    (SCORE_WEIGHTS.quote * quote + SCORE_WEIGHTS.prefix * prefix + SCORE_WEIGHTS.suffix * suffix + SCORE_WEIGHTS.position * position) /
    WEIGHT_TOTAL
  );
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
  const prefix = contextSimilarity(reverse(nearPrefix(selector)), reverse(text.slice(Math.max(0, start - window), start)));
  const suffix = contextSimilarity(nearSuffix(selector), text.slice(end, end + window));
  const position = text.length ? 1 - Math.min(1, Math.abs(start - hint) / text.length) : 1;
  const score = combinedScore(quoteSimilarity, prefix, suffix, position);
  return { start, end, quote: quoteSimilarity, prefix, suffix, position, score };
}

/**
 * The candidate scored again on the whole stored context, for a quote that recurred when it was
 * highlighted: its copies share their near context, so the far context is what tells them apart.
 */
function withFarContext(text: string, selector: QuoteSelectorLike, candidate: Candidate): Candidate {
  const far = (stored: string, pageAwayFromQuote: string) => 1 - editDistance(stored, pageAwayFromQuote, true) / stored.length;
  let { prefix, suffix } = candidate;
  if (selector.prefix.length > CONTEXT_LENGTH) {
    const window = selector.prefix.length + CONTEXT_LENGTH;
    prefix = far(reverse(selector.prefix), reverse(text.slice(Math.max(0, candidate.start - window), candidate.start)));
  }
  if (selector.suffix.length > CONTEXT_LENGTH) {
    suffix = far(selector.suffix, text.slice(candidate.end, candidate.end + selector.suffix.length + CONTEXT_LENGTH));
  }
  return { ...candidate, prefix, suffix, score: combinedScore(candidate.quote, prefix, suffix, candidate.position) };
}

function contextAgrees(candidate: Candidate): boolean {
  return (
    Math.max(candidate.prefix, candidate.suffix) >= ONE_SIDE_AGREEMENT ||
    (candidate.prefix + candidate.suffix) / 2 >= MEAN_CONTEXT_AGREEMENT
  );
}

/**
 * For a short quote: is this candidate really where the quote went, or would the page around it be
 * explained more cheaply with the quote elsewhere or deleted? Compares the cost of aligning the
 * stored prefix + quote + suffix with the quote pinned to the candidate against the cheapest
 * alignment of the same text anywhere in that stretch of page. "so far (hopefully" edited to
 * "so (hopefully" has the prefix and suffix of "f" nearby, but only by pinning "f" to "hopefully".
 */
function quoteSitsHere(text: string, selector: QuoteSelectorLike, candidate: Candidate): boolean {
  const prefix = nearPrefix(selector);
  const suffix = nearSuffix(selector);
  const before = text.slice(Math.max(0, candidate.start - prefix.length - CONTEXT_SLACK), candidate.start);
  const here = text.slice(candidate.start, candidate.end);
  const after = text.slice(candidate.end, candidate.end + suffix.length + CONTEXT_SLACK);
  const pinned =
    editDistance(reverse(prefix), reverse(before), true) + editDistance(selector.exact, here) + editDistance(suffix, after, true);
  const anywhere = editDistance(prefix + selector.exact + suffix, before + here + after, true, true);
  return pinned - anywhere <= Math.max(MIN_SHIFT_SLACK, Math.floor(SHIFT_SLACK_FRACTION * selector.exact.length));
}

const bothSidesAgree = (prefix: number, suffix: number): boolean => Math.min(prefix, suffix) >= BOTH_SIDES_AGREEMENT;

/**
 * Whether a candidate carries enough evidence to be painted: context that agrees (on both sides
 * for a short quote, whose words alone say little; on average well for a quote that had copies,
 * whose candidates are scored on near and far context), and for an approximate match a good
 * enough score and a quote close to the stored one unless both sides agree.
 */
function isEvidence(text: string, selector: QuoteSelectorLike, candidate: Candidate): boolean {
  if (!contextAgrees(candidate)) return false;
  const { prefix, suffix } = candidate;
  const short = selector.exact.length < DISTINCTIVE_QUOTE_LENGTH;
  if (short && !bothSidesAgree(prefix, suffix)) return false;
  if (hasFarContext(selector)) {
    if ((prefix + suffix) / 2 < RECURRING_QUOTE_CONTEXT_AGREEMENT || Math.min(prefix, suffix) < RECURRING_QUOTE_SIDE_AGREEMENT) return false;
  }
  if (candidate.quote < 1) {
    if (candidate.score < FUZZY_SCORE_THRESHOLD) return false;
    if (!bothSidesAgree(prefix, suffix) && candidate.quote < ONE_SIDED_FUZZY_QUOTE_SIMILARITY) return false;
  }
  return !short || quoteSitsHere(text, selector, candidate);
}

/** Quote and context still the same. */
const untouched = (candidate: Candidate): boolean => candidate.quote === 1 && candidate.prefix === 1 && candidate.suffix === 1;

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

type Decision = { kind: 'match'; candidate: Candidate } | { kind: 'ambiguous' } | { kind: 'none' };

/**
 * Picks the candidate to paint, if any, ranked by quote and context. For a quote that recurred
 * when it was highlighted, the leading candidates are ranked again with each side's agreement the
 * weaker of near and far context: far context tells copies apart, near context notices a short
 * quote shifted by a few letters (which far context barely does). When the best acceptable
 * candidate and the best other place score about the same, the evidence cannot tell them apart
 * and guessing would paint a wrong passage half the time: ambiguous.
 */
function decide(text: string, selector: QuoteSelectorLike, pool: readonly Candidate[]): Decision {
  let ranked = [...pool].sort((a, b) => b.score - a.score);
  const recurring = hasFarContext(selector);
  if (recurring && ranked.length) {
    const top = (ranked[0] as Candidate).score;
    const leaders: Candidate[] = [];
    const others: Candidate[] = [];
    for (const candidate of ranked) {
      // Near context that does not agree cannot become evidence with far context added (each side
      // takes the weaker of the two); such a place can only be a rival, and its near score is an
      // upper bound of its combined one, which errs towards "ambiguous".
      if (leaders.length >= MAX_FAR_RESCORED || candidate.score < top - FAR_RESCORE_MARGIN || !contextAgrees(candidate)) {
        others.push(candidate);
        continue;
      }
      const far = withFarContext(text, selector, candidate);
      const prefix = Math.min(candidate.prefix, far.prefix);
      const suffix = Math.min(candidate.suffix, far.suffix);
      leaders.push({ ...candidate, prefix, suffix, score: combinedScore(candidate.quote, prefix, suffix, candidate.position) });
    }
    ranked = [...leaders, ...others].sort((a, b) => b.score - a.score);
  }
  const evidence = new Map<Candidate, boolean>();
  const isGood = (candidate: Candidate) => {
    let good = evidence.get(candidate);
    if (good === undefined) evidence.set(candidate, (good = isEvidence(text, selector, candidate)));
    return good;
  };
  const best = ranked.find(isGood);
  if (!best) return { kind: 'none' };
  // Another place is a real alternative if it could be painted itself, or if it is an exact
  // occurrence — unless it is only the same letters a few characters off ("s" in "is shifting").
  const short = selector.exact.length < DISTINCTIVE_QUOTE_LENGTH;
  const isAlternative = (candidate: Candidate) =>
    isGood(candidate) || (candidate.quote === 1 && (!short || quoteSitsHere(text, selector, candidate)));
  let rival: Candidate | undefined;
  for (const candidate of ranked) {
    if (candidate.score <= best.score - AMBIGUITY_MARGIN) break;
    if (candidate !== best && !overlaps(candidate, best) && isAlternative(candidate)) {
      rival = candidate;
      break;
    }
  }
  if (!rival) return { kind: 'match', candidate: best };
  // Context that still matches character for character beats context that merely looks alike —
  // but not between copies of a recurring quote: the untouched one is as likely the copy.
  if (!recurring && untouched(best) && !untouched(rival)) return { kind: 'match', candidate: best };
  return { kind: 'ambiguous' };
}

/** Characters that agree right next to the candidate — a cheap first ranking before edit distances. */
function adjacentAgreement(text: string, prefix: string, suffix: string, start: number, end: number): number {
  let agree = 0;
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
  const prefix = nearPrefix(selector);
  const suffix = nearSuffix(selector);
  const maxAgreement = prefix.length + suffix.length;
  const buckets: number[][] = Array.from({ length: maxAgreement + 1 }, () => []);
  for (let i = 0; i < occurrences.length; i++) {
    const start = occurrences[i] as number;
    (buckets[adjacentAgreement(text, prefix, suffix, start, start + quoteLength)] as number[]).push(start);
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
  // offset after a word was inserted earlier is some other "s". So is a quote that recurred when it
  // was highlighted: its copy may have moved into the old place.
  if (text.slice(hint, hintEnd) === exact) {
    const candidate = scoreCandidate(text, selector, hint, hintEnd, 1, hint);
    const recurring = hasFarContext(selector);
    if (recurring ? untouched(withFarContext(text, selector, candidate)) && untouched(candidate) : untouched(candidate) || exact.length >= DISTINCTIVE_QUOTE_LENGTH) {
      return toMatch(index, candidate, 'position');
    }
  }

  // 2. Every exact occurrence.
  const occurrences: number[] = [];
  let exactPool: Candidate[] = [];
  /** An acceptable exact occurrence whose surroundings were edited: weighed against approximate matches. */
  let exactFound: Candidate | null = null;
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
    exactPool = shortlist.map((start) => scoreCandidate(text, selector, start, start + exact.length, 1, hint));
    yield;
    const decision = decide(text, selector, exactPool);
    if (decision.kind === 'ambiguous') return { orphan: true, reason: 'ambiguous' };
    if (decision.kind === 'match') {
      // Untouched surroundings settle it. Otherwise the passage itself may have been edited and
      // this be a copy whose surroundings merely look alike: weigh it against approximate matches
      // near the old place before choosing.
      if (untouched(decision.candidate) || exact.length < MIN_FUZZY_QUOTE_LENGTH) return toMatch(index, decision.candidate, 'exact');
      exactFound = decision.candidate;
    }
    // A long quote found exactly once is the passage even when both neighbours changed (a moved
    // paragraph) — unless it had copies when it was highlighted: then this may be one of them.
    if (!exactFound && occurrences.length === 1 && exact.length >= DISTINCTIVE_QUOTE_LENGTH && !hasFarContext(selector)) {
      return toMatch(index, exactPool[0] as Candidate, 'exact');
    }
    // A short or repeated quote whose surroundings all changed: the passage itself may have been
    // edited, so look approximately near where it was before giving up.
  }

  // 3. Approximate matches: near the old position first, then the whole text window by window.
  if (exact.length < MIN_FUZZY_QUOTE_LENGTH) return { orphan: true, reason: occurrences.length ? 'context-mismatch' : 'not-found' };
  let maxErrors = Math.min(MAX_ERRORS, Math.floor(exact.length * MAX_ERROR_FRACTION));
  const pool: Candidate[] = [...exactPool];
  const pooled = new Set(pool.map((candidate) => `${candidate.start}:${candidate.end}`));
  let plausible = exactFound !== null;
  let bestAny: Candidate | null = null;
  const overlap = exact.length + maxErrors;
  // Once an exact occurrence is acceptable, only approximate matches that could rival it count:
  // ones with few enough errors to come within the ambiguity margin of its score.
  const worthScoring = exactFound ? (exactFound.score - AMBIGUITY_MARGIN) * WEIGHT_TOTAL : -Infinity;
  if (exactFound) {
    const rivalErrors = Math.floor(((WEIGHT_TOTAL - worthScoring) / SCORE_WEIGHTS.quote) * exact.length);
    if (rivalErrors < 1) return toMatch(index, exactFound, 'exact');
    maxErrors = Math.min(maxErrors, rivalErrors);
  }
  /** The page text between two offsets with exact occurrences blanked out (see searchWindow). */
  const withoutOccurrences = (from: number, to: number): string => {
    let low = 0;
    let high = occurrences.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((occurrences[middle] as number) + exact.length <= from) low = middle + 1;
      else high = middle;
    }
    let windowText = '';
    let copied = from;
    for (let i = low; i < occurrences.length && (occurrences[i] as number) < to; i++) {
      const at = Math.max(occurrences[i] as number, copied);
      const until = Math.min((occurrences[i] as number) + exact.length, to);
      if (until <= at) continue;
      windowText += text.slice(copied, at) + '\u0000'.repeat(until - at);
      copied = until;
    }
    return windowText + text.slice(copied, to);
  };
  const searchWindow = (from: number, to: number) => {
    const windowStart = Math.max(0, from);
    // approx-string-match reports only a window's lowest-error matches: exact occurrences (already
    // candidates) are blanked out so an edited passage next to an exact copy is found too.
    const windowText = withoutOccurrences(windowStart, Math.min(text.length, to));
    for (const found of search(windowText, exact, maxErrors)) {
      const start = windowStart + found.start;
      const end = windowStart + found.end;
      if (end <= start) continue;
      const quoteSimilarity = 1 - found.errors / exact.length;
      if (SCORE_WEIGHTS.quote * quoteSimilarity + WEIGHT_TOTAL - SCORE_WEIGHTS.quote < worthScoring) continue;
      const candidate = scoreCandidate(text, selector, start, end, quoteSimilarity, hint);
      if (!bestAny || candidate.score > bestAny.score) bestAny = candidate;
      if (candidate.score >= FUZZY_SCORE_THRESHOLD - FAR_RESCORE_MARGIN && !pooled.has(`${start}:${end}`)) {
        pooled.add(`${start}:${end}`);
        pool.push(candidate);
        if (contextAgrees(candidate) && candidate.score >= FUZZY_SCORE_THRESHOLD) plausible = true;
      }
    }
  };
  if (exactFound) {
    // Only the edited original near its old place is looked for: an exact copy elsewhere already
    // had its chance in the exact search.
    searchWindow(hint - NEARBY_MARGIN / 2 - overlap, hint + exact.length + NEARBY_MARGIN / 2 + overlap);
    yield;
  } else {
    for (let from = hint - NEARBY_MARGIN; from < hint + exact.length + NEARBY_MARGIN; from += NEARBY_MARGIN) {
      searchWindow(from - overlap, from + NEARBY_MARGIN + overlap);
      yield;
    }
  }
  if (!plausible) {
    const window = fuzzyWindowFor(maxErrors);
    for (let from = 0; from < text.length; from += window) {
      searchWindow(from - overlap, from + window + overlap);
      yield;
    }
  }
  if (pool.length) {
    const decision = decide(text, selector, pool);
    if (decision.kind === 'match') {
      return toMatch(index, decision.candidate, decision.candidate.quote === 1 ? 'exact' : 'fuzzy');
    }
    if (decision.kind === 'ambiguous') return { orphan: true, reason: 'ambiguous' };
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
