/**
 * Re-anchoring saved highlights in the live page: one at a time (`anchor`) or a whole article's
 * worth without blocking the page (`anchorMany`).
 */
import type { AnnotationTarget } from '@/utils/model/types';
import { quoteIndexOf } from './describe';
import { isOrphan, locateSteps, type AnchorMethod, type LocateResult, type Orphan, type OrphanReason } from './quote-index';
import { rangeFromTextOffsets, type TextModel } from './text-model';
import { yieldToPage } from './yield';

export interface Anchored {
  range: Range;
  method: AnchorMethod;
  score: number;
  /** Offsets in the model's text (what a fresh TextPositionSelector would store). */
  start: number;
  end: number;
}

export type AnchorResult = Anchored | Orphan;
export type { Orphan, OrphanReason };
export { isOrphan };

function toAnchorResult(model: TextModel, located: LocateResult): AnchorResult {
  if (isOrphan(located)) return located;
  const range = rangeFromTextOffsets(model, located.start, located.end);
  if (!range) return { orphan: true, reason: 'unmappable' };
  return { range, method: located.method, score: located.score, start: located.start, end: located.end };
}

export function anchor(model: TextModel, target: AnnotationTarget): AnchorResult {
  const steps = locateSteps(quoteIndexOf(model), target);
  for (;;) {
    const step = steps.next();
    if (step.done) return toAnchorResult(model, step.value);
  }
}

export interface AnchorManyOptions {
  signal?: AbortSignal;
  /** Longest stretch of work before giving the main thread back to the page (default 8 ms). */
  budgetMs?: number;
  /** Called as each highlight is placed, so painting can start before the last one is found. */
  onResult?: (index: number, result: AnchorResult) => void;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Anchors every target, resolving to results in the same order. Work is cut into steps (each
 * highlight's exact search, each window of the approximate search) and the main thread is given
 * back whenever the budget is spent. The page text and its NFC index are built once for all.
 * Rejects with the signal's reason when aborted (e.g. the page navigated away).
 */
export async function anchorMany(
  model: TextModel,
  targets: readonly AnnotationTarget[],
  options: AnchorManyOptions = {},
): Promise<AnchorResult[]> {
  const budget = options.budgetMs ?? 8;
  const { signal, onResult } = options;
  const index = quoteIndexOf(model);
  const results: AnchorResult[] = [];
  let sliceStart = now();
  const pauseIfDue = async () => {
    if (now() - sliceStart < budget) return;
    await yieldToPage();
    signal?.throwIfAborted();
    sliceStart = now();
  };
  signal?.throwIfAborted();
  for (let i = 0; i < targets.length; i++) {
    const steps = locateSteps(index, targets[i] as AnnotationTarget);
    let step = steps.next();
    while (!step.done) {
      await pauseIfDue();
      step = steps.next();
    }
    const result = toAnchorResult(model, step.value);
    results.push(result);
    onResult?.(i, result);
    await pauseIfDue();
  }
  return results;
}
