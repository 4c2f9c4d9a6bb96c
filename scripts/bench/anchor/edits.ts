/**
 * Deterministic edits of an article's text that remember where every character came from, so a
 * re-anchored highlight can be checked against where its passage really went.
 */

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
export const between = (random: () => number, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

/** A character of the edited text and its offset in the original (-1 when the edit wrote it). */
interface TrackedChar {
  ch: string;
  origin: number;
}

type Paragraph = TrackedChar[];

export const PARAGRAPH_SEPARATOR = '\n\n';

export interface EditedText {
  text: string;
  /** For each character of `text`, its offset in the original, or -1. */
  origins: Int32Array;
  applied: string[];
}

function track(paragraphs: readonly string[]): Paragraph[] {
  let offset = 0;
  return paragraphs.map((paragraph) => {
    const tracked = [...paragraph].flatMap((codePoint) => {
      // Code points may be two UTF-16 units; track each unit so offsets stay UTF-16 like the page's.
      const units: TrackedChar[] = [];
      for (let i = 0; i < codePoint.length; i++) units.push({ ch: codePoint[i] as string, origin: offset++ });
      return units;
    });
    offset += PARAGRAPH_SEPARATOR.length;
    return tracked;
  });
}

const fresh = (text: string): TrackedChar[] => [...text].map((ch) => ({ ch, origin: -1 }));

/** Offsets where a word starts (after a space or at the start). */
function wordStarts(paragraph: Paragraph): number[] {
  const starts: number[] = [];
  for (let i = 0; i < paragraph.length; i++) {
    if ((i === 0 || paragraph[i - 1]?.ch === ' ') && paragraph[i]?.ch !== ' ') starts.push(i);
  }
  return starts;
}

const FILLER_WORDS = ['rất', 'cũng', 'đã', 'nhanh chóng', 'quan trọng', 'also', 'very', 'recently', 'in fact', 'notably', 'mới đây', 'thực sự'];

export type EditKind = 'insert-words' | 'delete-words' | 'fix-typo' | 'move-paragraph' | 'remove-passage';

/**
 * Applies a mix of edits a portal makes between two visits: words inserted and deleted, typos
 * fixed (one letter changed, dropped or added), a paragraph moved, a sentence or paragraph removed.
 */
export function editText(paragraphs: readonly string[], random: () => number, counts: Record<EditKind, number>): EditedText {
  const doc = track(paragraphs);
  const applied: string[] = [];
  const someParagraph = (): Paragraph => pick(random, doc.filter((p) => p.length > 20).length ? doc.filter((p) => p.length > 20) : doc);

  for (let n = 0; n < counts['insert-words']; n++) {
    const paragraph = someParagraph();
    const at = pick(random, wordStarts(paragraph));
    paragraph.splice(at, 0, ...fresh(`${pick(random, FILLER_WORDS)} `));
    applied.push('insert-words');
  }
  for (let n = 0; n < counts['delete-words']; n++) {
    const paragraph = someParagraph();
    const starts = wordStarts(paragraph);
    if (starts.length < 6) continue;
    const first = between(random, 0, starts.length - 4);
    const words = between(random, 1, 3);
    const from = starts[first] as number;
    const to = starts[first + words] as number;
    paragraph.splice(from, to - from);
    applied.push('delete-words');
  }
  for (let n = 0; n < counts['fix-typo']; n++) {
    const paragraph = someParagraph();
    const letters = paragraph.map((c, i) => (/\p{L}/u.test(c.ch) ? i : -1)).filter((i) => i >= 0);
    if (!letters.length) continue;
    const at = pick(random, letters);
    const kind = between(random, 0, 2);
    const letter = pick(random, [...'aeiouyđăâêôơưnhtcg']);
    if (kind === 0) paragraph.splice(at, 1, { ch: letter, origin: -1 });
    else if (kind === 1) paragraph.splice(at, 1);
    else paragraph.splice(at, 0, { ch: letter, origin: -1 });
    applied.push('fix-typo');
  }
  for (let n = 0; n < counts['move-paragraph'] && doc.length > 2; n++) {
    const from = between(random, 0, doc.length - 1);
    const [moved] = doc.splice(from, 1);
    doc.splice(between(random, 0, doc.length), 0, moved as Paragraph);
    applied.push('move-paragraph');
  }
  for (let n = 0; n < counts['remove-passage'] && doc.length > 2; n++) {
    if (random() < 0.4) {
      doc.splice(between(random, 0, doc.length - 1), 1);
    } else {
      const paragraph = someParagraph();
      const text = paragraph.map((c) => c.ch).join('');
      const sentenceEnds = [...text.matchAll(/[.!?]\s/g)].map((m) => m.index + 2);
      const bounds = [0, ...sentenceEnds, text.length];
      const which = between(random, 0, bounds.length - 2);
      const from = bounds[which] as number;
      const to = bounds[which + 1] as number;
      paragraph.splice(from, to - from);
    }
    applied.push('remove-passage');
  }

  const parts: TrackedChar[] = [];
  doc
    .filter((p) => p.length > 0)
    .forEach((paragraph, i) => {
      if (i > 0) parts.push(...fresh(PARAGRAPH_SEPARATOR));
      parts.push(...paragraph);
    });
  return { text: parts.map((c) => c.ch).join(''), origins: Int32Array.from(parts.map((c) => c.origin)), applied };
}
