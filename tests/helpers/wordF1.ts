/**
 * Word F1 exactly as ../shared/corpus/README.md (WCXB) defines it. Shared by the portal fixture test
 * and, for engineer A, by the extraction benchmark (scripts/bench): import it from here rather than
 * writing a second copy, so fixture and corpus figures are measured the same way.
 *
 * Tokens: the text in NFC, lower-cased, every Unicode `\w+` run (WORD_RE below), as a multiset.
 * Precision = shared / predicted, recall = shared / true, F1 their harmonic mean.
 */

/**
 * The README means Unicode `\w` (Python/WCXB semantics: letters, digits, underscore, so "học" and
 * "đảng" are whole tokens). JavaScript's `\w` stays ASCII even with the `u` flag and would cut "học"
 * into "h" + "c", so the class is spelled out.
 */
const WORD_RE = /[\p{L}\p{N}_]+/gu;

/** Lower-cased Unicode `\w+` tokens of the NFC text. */
export function wordTokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD_RE) ?? [];
}

export interface WordScore {
  precision: number;
  recall: number;
  f1: number;
}

export function wordF1(predicted: string, truth: string): WordScore {
  const predictedTokens = wordTokens(predicted);
  const truthTokens = wordTokens(truth);
  if (predictedTokens.length === 0 && truthTokens.length === 0) return { precision: 1, recall: 1, f1: 1 };
  if (predictedTokens.length === 0 || truthTokens.length === 0) return { precision: 0, recall: 0, f1: 0 };

  const remaining = new Map<string, number>();
  for (const token of truthTokens) remaining.set(token, (remaining.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of predictedTokens) {
    const left = remaining.get(token) ?? 0;
    if (left > 0) {
      shared += 1;
      remaining.set(token, left - 1);
    }
  }
  const precision = shared / predictedTokens.length;
  const recall = shared / truthTokens.length;
  const f1 = shared === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
