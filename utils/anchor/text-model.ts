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
  const useComputedStyle = options.useComputedStyle ?? true;
  const excludedSet = new Set<Element>(excluded);
  const pieces: string[] = [];
  let length = 0;
  const charNode: number[] = [];
  const charOffset: number[] = [];
  const nodes: Text[] = [];
  const nodeBoundaryOffsets = new Map<Text, Int32Array>();

  // Breaks and spaces are held back until the next visible character, so that trailing white
  // space and breaks at the end of a block never reach the text.
  let pendingBreaks = 0;
  let pendingSpace: { nodeIndex: number; offset: number } | null = null;
  let lastChar = '';

  const append = (ch: string, nodeIndex: number, offset: number) => {
    pieces.push(ch);
    charNode.push(nodeIndex);
    charOffset.push(offset);
    length += 1;
    lastChar = ch;
  };

  const flushPending = () => {
    if (pendingBreaks > 0) {
      if (length > 0) for (let i = 0; i < pendingBreaks; i++) append('\n', -1, -1);
      pendingBreaks = 0;
      pendingSpace = null;
    } else if (pendingSpace) {
      if (length > 0 && lastChar !== '\n') append(' ', pendingSpace.nodeIndex, pendingSpace.offset);
      pendingSpace = null;
    }
  };

  const blockBoundary = () => {
    pendingBreaks = 2;
    pendingSpace = null;
  };

  const visitText = (textNode: Text, preserveWhitespace: boolean) => {
    const data = textNode.data;
    const nodeIndex = nodes.length;
    nodes.push(textNode);
    const boundaries = new Int32Array(data.length + 1);
    for (let i = 0; i < data.length; i++) {
      const ch = data[i] as string;
      if (!preserveWhitespace && isCollapsibleSpace(data.charCodeAt(i))) {
        boundaries[i] = length;
        if (!pendingSpace && pendingBreaks === 0) pendingSpace = { nodeIndex, offset: i };
        continue;
      }
      if (preserveWhitespace && ch === '\n') {
        flushPending();
        boundaries[i] = length;
        if (length > 0) append('\n', nodeIndex, i);
        continue;
      }
      flushPending();
      boundaries[i] = length;
      append(ch === NO_BREAK_SPACE ? ' ' : ch, nodeIndex, i);
    }
    boundaries[data.length] = length;
    nodeBoundaryOffsets.set(textNode, boundaries);
  };

  const visit = (node: Node, preserveWhitespace: boolean) => {
    if (node.nodeType === 3) {
      visitText(node as Text, preserveWhitespace);
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    const element = node as Element;
    if (node.nodeType === 1) {
      const tag = element.localName;
      if (excludedSet.has(element) || NON_TEXT_ELEMENTS.has(tag)) return;
      if (isHiddenElement(element, useComputedStyle)) return;
      if (tag === 'br') {
        pendingSpace = null;
        pendingBreaks = Math.min(2, pendingBreaks + 1);
        return;
      }
      const isBlock = BLOCK_ELEMENTS.has(tag);
      if (isBlock) blockBoundary();
      const preserve = preserveWhitespace || tag === 'pre';
      for (let child = element.firstChild; child; child = child.nextSibling) visit(child, preserve);
      if (isBlock) blockBoundary();
      return;
    }
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child, preserveWhitespace);
  };

  // Recursion depth equals DOM depth, which browsers cap far below the stack limit.
  for (let child = root.firstChild; child; child = child.nextSibling) visit(child, root.localName === 'pre');

  return {
    root,
    text: pieces.join(''),
    nodes,
    charNode: Int32Array.from(charNode),
    charOffset: Int32Array.from(charOffset),
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
