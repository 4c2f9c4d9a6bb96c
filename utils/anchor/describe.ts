/**
 * Turning the user's selection into W3C selectors measured in the canonical text (text-model.ts).
 */
import type { AnnotationTarget } from '@/utils/model/types';
import { buildQuoteIndex, quoteSelectorAt, type QuoteIndex } from './quote-index';
import { textOffsetOfPoint, type TextModel } from './text-model';

const quoteIndexes = new WeakMap<TextModel, QuoteIndex>();

/** The NFC index of a model's text, built once per model and shared by every highlight on the page. */
export function quoteIndexOf(model: TextModel): QuoteIndex {
  let index = quoteIndexes.get(model);
  if (!index) {
    index = buildQuoteIndex(model.text);
    quoteIndexes.set(model, index);
  }
  return index;
}

export type RejectReason = 'collapsed' | 'whitespace-only' | 'editable' | 'outside-text';

export interface Rejected {
  rejected: RejectReason;
}

export function isRejected(result: AnnotationTarget | Rejected): result is Rejected {
  return 'rejected' in result;
}

/** Selections in form fields and editable areas are the user's typing, not the page's text. */
function isInsideEditable(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!element) return false;
  if (element.closest('input, textarea, select')) return true;
  const editable = element.closest('[contenteditable]');
  if (editable && editable.getAttribute('contenteditable') !== 'false') return true;
  return element.ownerDocument.designMode === 'on';
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12;
}

/**
 * Selectors for a selected range, or why it cannot be a highlight. White space at either end of the
 * selection is left out (a triple-click selects up to the next paragraph's start).
 */
export function describeRange(
  model: TextModel,
  range: Range,
  scope: AnnotationTarget['scope'] = 'article',
): AnnotationTarget | Rejected {
  if (range.collapsed) return { rejected: 'collapsed' };
  if (isInsideEditable(range.startContainer) || isInsideEditable(range.endContainer)) return { rejected: 'editable' };
  const root = model.root;
  const touchesRoot =
    root.contains(range.startContainer) || root.contains(range.endContainer) || range.intersectsNode(root);
  if (!touchesRoot) return { rejected: 'outside-text' };
  let start = textOffsetOfPoint(model, range.startContainer, range.startOffset);
  let end = textOffsetOfPoint(model, range.endContainer, range.endOffset);
  const text = model.text;
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  if (start >= end) return { rejected: range.toString().trim() ? 'outside-text' : 'whitespace-only' };
  const quote = quoteSelectorAt(quoteIndexOf(model), start, end);
  return {
    scope,
    quote: { type: 'TextQuoteSelector', ...quote },
    position: { type: 'TextPositionSelector', start, end },
  };
}
