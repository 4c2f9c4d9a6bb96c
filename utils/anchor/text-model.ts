/**
 * The canonical text of a page region: the one string that highlights are measured in
 * (TextPositionSelector offsets, TextQuoteSelector context) and that extraction reports as the
 * article's text. Every stage must build its text here, so offsets agree everywhere.
 *
 * Rules (what a reader sees, not what textContent says):
 * - Comment nodes, processing instructions and CDATA are not text.
 * - script, style, noscript, template, textarea, select, svg, math, canvas, iframe, object, audio,
 *   video contribute nothing; neither do elements carrying [hidden] nor, when a window can compute
 *   styles, elements whose computed display is "none". Elements passed as `excluded` are skipped too.
 * - <br> is a line break ("\n").
 * - Block elements (BLOCK_ELEMENTS below: p, div, headings, list items, table rows and cells, …)
 *   are separated by one blank line ("\n\n"); there is never more than one blank line, and none at
 *   the start or the end.
 * - Runs of white space (space, tab, CR, LF, form feed, U+00A0 no-break space) collapse to one
 *   space, and white space next to a line or block boundary disappears — as in rendered text.
 *   Inside <pre> white space is kept as written (no-break spaces still read as spaces).
 * - Every other character is the page's own character, unchanged: no Unicode normalisation here,
 *   so each character of `text` maps to exactly one character of one Text node. NFD pages stay
 *   NFD; matching compares in NFC (see quote-index.ts).
 */

import { yieldToPage } from './yield';

/** Elements that start and end a block of text. Decided by tag, not by CSS, so Node and browsers agree. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Elements whose content is never read as text. */
export const NON_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'select', 'svg', 'math', 'canvas',
  'iframe', 'object', 'audio', 'video', 'head', 'title', 'meta', 'link',
]);

const NO_BREAK_SPACE = '\u00a0';

function isCollapsibleSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12 || code === 0xa0;
}

/** A point in the DOM: a Text node and a UTF-16 offset into its data. */
export interface DomPoint {
  node: Text;
  offset: number;
}

export interface TextModel {
  readonly root: Element;
  /** The canonical text (see the rules above), in the page's own characters. */
  readonly text: string;
  /** Text nodes visited, in document order (including ones whose white space all collapsed). */
  readonly nodes: readonly Text[];
  /** For each character of `text`: index into `nodes`, or -1 for a line/block break we added. */
  readonly charNode: Int32Array;
  /** For each character of `text`: offset of that character inside its Text node (-1 if added). */
  readonly charOffset: Int32Array;
  /** For each visited Text node: text offset at each of its boundaries (length = data.length + 1). */
  readonly nodeBoundaryOffsets: ReadonlyMap<Text, Int32Array>;
}

export interface TextModelOptions {
  /** Use getComputedStyle to skip display:none elements (default true when a window exists). */
  useComputedStyle?: boolean;
}

function isHiddenElement(element: Element, useComputedStyle: boolean): boolean {
  if (element.hasAttribute('hidden')) return true;
  if (!useComputedStyle) return false;
  const view = element.ownerDocument.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return false;
  try {
    return view.getComputedStyle(element).display === 'none';
  } catch {
    return false;
  }
}

export function buildTextModel(
  root: Element,
  excluded: readonly Element[] = [],
  options: TextModelOptions = {},
): TextModel {
  const steps = textModelSteps(root, excluded, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same model built in slices of at most `budgetMs` (default 8), giving the main thread back in
 * between — for restoring on long articles. The page must not be edited meanwhile: a mutation
 * observer should restart the build (the content script's job).
 */
export async function buildTextModelInSlices(
  root: Element,
  excluded: readonly Element[] = [],
  options: TextModelOptions & { budgetMs?: number; signal?: AbortSignal } = {},
): Promise<TextModel> {
  const budget = options.budgetMs ?? 8;
  const steps = textModelSteps(root, excluded, options);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= budget) {
      await yieldToPage();
      options.signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
}

/** Nodes visited between two chances to pause. */
const NODES_PER_STEP = 200;

function* textModelSteps(
  root: Element,
  excluded: readonly Element[],
  options: TextModelOptions,
): Generator<void, TextModel, void> {
  const useComputedStyle = options.useComputedStyle ?? true;
  const excludedSet = new Set<Element>(excluded);
  const pieces: string[] = [];
  let length = 0;
  // Grown by doubling: one entry per character of a 100,000-character article must stay cheap.
  let charNode = new Int32Array(4096);
  let charOffset = new Int32Array(4096);
  const nodes: Text[] = [];
  const nodeBoundaryOffsets = new Map<Text, Int32Array>();

  // Breaks and spaces are held back until the next visible character, so that trailing white
  // space and breaks at the end of a block never reach the text.
  let pendingBreaks = 0;
  let pendingSpaceNode = -1;
  let pendingSpaceOffset = -1;
  let endsWithNewline = false;

  const reserve = (extra: number) => {
    if (length + extra <= charNode.length) return;
    let capacity = charNode.length * 2;
    while (capacity < length + extra) capacity *= 2;
    const grownNodes = new Int32Array(capacity);
    grownNodes.set(charNode);
    charNode = grownNodes;
    const grownOffsets = new Int32Array(capacity);
    grownOffsets.set(charOffset);
    charOffset = grownOffsets;
  };

  const appendOne = (ch: string, nodeIndex: number, offset: number) => {
    reserve(1);
    pieces.push(ch);
    charNode[length] = nodeIndex;
    charOffset[length] = offset;
    length += 1;
    endsWithNewline = ch === '\n';
  };

  const flushPending = () => {
    if (pendingBreaks > 0) {
      if (length > 0) for (let i = 0; i < pendingBreaks; i++) appendOne('\n', -1, -1);
      pendingBreaks = 0;
      pendingSpaceNode = -1;
    } else if (pendingSpaceNode >= 0) {
      if (length > 0 && !endsWithNewline) appendOne(' ', pendingSpaceNode, pendingSpaceOffset);
      pendingSpaceNode = -1;
    }
  };

  const blockBoundary = () => {
    pendingBreaks = 2;
    pendingSpaceNode = -1;
  };

  const visitText = (textNode: Text, preserveWhitespace: boolean) => {
    const data = textNode.data;
    const nodeIndex = nodes.length;
    nodes.push(textNode);
    const boundaries = new Int32Array(data.length + 1);
    let i = 0;
    while (i < data.length) {
      const code = data.charCodeAt(i);
      const isSpace = isCollapsibleSpace(code);
      if (isSpace && !(preserveWhitespace && code !== 10)) {
        if (!preserveWhitespace) {
          boundaries[i] = length;
          if (pendingSpaceNode < 0 && pendingBreaks === 0) {
            pendingSpaceNode = nodeIndex;
            pendingSpaceOffset = i;
          }
          i++;
          continue;
        }
        // A line feed inside <pre> is a line break the reader sees.
        flushPending();
        boundaries[i] = length;
        if (length > 0) appendOne('\n', nodeIndex, i);
        i++;
        continue;
      }
      // A run of visible characters (in <pre>, spaces other than line feeds count as visible).
      flushPending();
      let runEnd = i + 1;
      while (runEnd < data.length) {
        const next = data.charCodeAt(runEnd);
        if (isCollapsibleSpace(next) && (!preserveWhitespace || next === 10)) break;
        runEnd++;
      }
      reserve(runEnd - i);
      for (let k = i; k < runEnd; k++) {
        boundaries[k] = length + (k - i);
        charNode[length + (k - i)] = nodeIndex;
        charOffset[length + (k - i)] = k;
      }
      const run = data.slice(i, runEnd);
      pieces.push(run.includes(NO_BREAK_SPACE) ? run.replaceAll(NO_BREAK_SPACE, ' ') : run);
      length += runEnd - i;
      endsWithNewline = false;
      i = runEnd;
    }
    boundaries[data.length] = length;
    nodeBoundaryOffsets.set(textNode, boundaries);
  };

  // An explicit walk (not recursion) so the work can stop after any node and resume later.
  const preserveStack: boolean[] = [root.localName === 'pre'];
  let current: Node | null = root.firstChild;
  let visited = 0;
  while (current) {
    const preserve = preserveStack[preserveStack.length - 1] as boolean;
    let descend = false;
    if (current.nodeType === 3) {
      visitText(current as Text, preserve);
    } else if (current.nodeType === 1) {
      const element = current as Element;
      const tag = element.localName;
      const skipped = excludedSet.has(element) || NON_TEXT_ELEMENTS.has(tag) || isHiddenElement(element, useComputedStyle);
      if (skipped) {
        // contributes nothing
      } else if (tag === 'br') {
        pendingSpaceNode = -1;
        pendingBreaks = Math.min(2, pendingBreaks + 1);
      } else {
        if (BLOCK_ELEMENTS.has(tag)) blockBoundary();
        if (element.firstChild) {
          descend = true;
          preserveStack.push(preserve || tag === 'pre');
        } else if (BLOCK_ELEMENTS.has(tag)) blockBoundary();
      }
    }
    if (descend) {
      current = current.firstChild;
    } else {
      let next: Node | null = current.nextSibling;
      while (!next) {
        const parent: Node | null = current.parentNode;
        if (!parent || parent === root) {
          current = null;
          break;
        }
        preserveStack.pop();
        if (parent.nodeType === 1 && BLOCK_ELEMENTS.has((parent as Element).localName)) blockBoundary();
        current = parent;
        next = current.nextSibling;
      }
      if (current) current = next;
    }
    if (++visited % NODES_PER_STEP === 0) yield;
  }

  return {
    root,
    text: pieces.join(''),
    nodes,
    charNode: charNode.slice(0, length),
    charOffset: charOffset.slice(0, length),
    nodeBoundaryOffsets,
  };
}

/**
 * Text offset of a DOM boundary point (a Range's start or end). Points between elements or inside
 * skipped content map to the offset of the next visible text.
 */
export function textOffsetOfPoint(model: TextModel, container: Node, offset: number): number {
  const boundaries = container.nodeType === 3 ? model.nodeBoundaryOffsets.get(container as Text) : undefined;
  if (boundaries) return boundaries[Math.min(offset, boundaries.length - 1)] ?? model.text.length;
  const nodes = model.nodes;
  if (nodes.length === 0) return 0;
  const doc = container.ownerDocument ?? (container as Document);
  const point = doc.createRange();
  point.setStart(container, offset);
  // First text node that starts at or after the point (nodes are in document order).
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const node = nodes[middle] as Text;
    if (point.comparePoint(node, 0) >= 0) high = middle;
    else low = middle + 1;
  }
  if (low >= nodes.length) return model.text.length;
  const first = model.nodeBoundaryOffsets.get(nodes[low] as Text);
  return first?.[0] ?? model.text.length;
}

/** DOM point where the character at `textOffset` begins, skipping added breaks forwards. */
export function domPointAtOrAfter(model: TextModel, textOffset: number, limit = model.text.length): DomPoint | null {
  for (let i = Math.max(0, textOffset); i < limit; i++) {
    const nodeIndex = model.charNode[i] as number;
    if (nodeIndex >= 0) return { node: model.nodes[nodeIndex] as Text, offset: model.charOffset[i] as number };
  }
  return null;
}

/** DOM point just after the last page character before `textOffset`, skipping added breaks backwards. */
export function domPointBefore(model: TextModel, textOffset: number, limit = 0): DomPoint | null {
  for (let i = Math.min(textOffset, model.text.length) - 1; i >= limit; i--) {
    const nodeIndex = model.charNode[i] as number;
    if (nodeIndex >= 0) return { node: model.nodes[nodeIndex] as Text, offset: (model.charOffset[i] as number) + 1 };
  }
  return null;
}

/** A DOM Range covering text offsets [start, end), or null when that span holds no page character. */
export function rangeFromTextOffsets(model: TextModel, start: number, end: number): Range | null {
  if (end <= start) return null;
  const startPoint = domPointAtOrAfter(model, start, end);
  const endPoint = domPointBefore(model, end, start);
  if (!startPoint || !endPoint) return null;
  const range = model.root.ownerDocument.createRange();
  range.setStart(startPoint.node, startPoint.offset);
  range.setEnd(endPoint.node, endPoint.offset);
  return range;
}
