/**
 * How much page Sổ tay agrees to work on. A crafted page (tens of megabytes, millions of tiny text nodes,
 * nesting a hundred thousand deep) must not freeze the reader's tab while Sổ tay extracts and anchors:
 * before extraction the page is measured with one bounded walk, which stops as soon as a limit is passed,
 * so measuring a hostile page costs no more than measuring the largest page we accept.
 *
 * The limits sit far above real articles (a long decree on a portal is a few tens of thousands of nodes
 * and a few hundred thousand characters) and below what makes extraction and anchoring slow.
 */
export interface PageLimits {
  /** Nodes of every kind under the root. */
  nodes: number;
  /** Deepest element nesting. (Chromium's parser caps parsed HTML at 512; scripts can build deeper.) */
  depth: number;
  /** Characters of text, summed over text nodes. */
  textLength: number;
  /**
   * Every node's depth, summed: what work that looks at each node's ancestors costs (extraction does).
   * A page can stay under the depth and node limits and still make this huge — 100,000 elements at
   * the parser's 512 levels took extraction ten seconds in Chromium.
   */
  nestingWork: number;
  /** Milliseconds the walk may take: on a slow machine or a page busy with itself, stop measuring anyway. */
  timeMs: number;
}

// The largest page in the shared corpora (a Wikipedia article) has 24,534 nodes, depth 37, nesting work
// 260,595; the most text is 1.3 million characters (a Yahoo page, mostly inline script).
// The clock is a safety net for a machine or page so slow that even counting is slow.
export const PAGE_LIMITS: PageLimits = { nodes: 200_000, depth: 1_000, textLength: 5_000_000, nestingWork: 3_000_000, timeMs: 1_500 };

export type PageMeasure =
  | { fits: true; nodes: number; depth: number; textLength: number; nestingWork: number }
  | { fits: false; exceeded: keyof PageLimits; nodes: number; depth: number; textLength: number; nestingWork: number };

/** Walks the tree under `root` without recursion, stopping at the first limit passed. */
export function measurePage(root: Node, limits: PageLimits = PAGE_LIMITS, now: () => number = () => performance.now()): PageMeasure {
  const deadline = now() + limits.timeMs;
  let nodes = 0;
  let depth = 0;
  let maxDepth = 0;
  let textLength = 0;
  let nestingWork = 0;
  let node: Node | null = root.firstChild;
  const over = (exceeded: keyof PageLimits): PageMeasure => ({ fits: false, exceeded, nodes, depth: maxDepth, textLength, nestingWork });
  while (node) {
    nodes++;
    if (nodes > limits.nodes) return over('nodes');
    nestingWork += depth;
    if (nestingWork > limits.nestingWork) return over('nestingWork');
    if ((nodes & 1023) === 0 && now() > deadline) return over('timeMs');
    if (node.nodeType === 3) {
      // CharacterData.length reads the size without making a string of the text (DOMs without it: data).
      const text = node as Text;
      textLength += typeof text.length === 'number' ? text.length : text.data.length;
      if (textLength > limits.textLength) return over('textLength');
    }
    const child = node.firstChild;
    if (child) {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (maxDepth > limits.depth) return over('depth');
      node = child;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      depth--;
    }
    node = node && node !== root ? node.nextSibling : null;
  }
  return { fits: true, nodes, depth: maxDepth, textLength, nestingWork };
}

/** Thrown by the page controller on a page over the limits: Sổ tay stays off there. */
export class PageTooLargeError extends Error {
  constructor(
    readonly measure: Extract<PageMeasure, { fits: false }>,
    /** How long it took to decide. */
    readonly elapsedMs: number,
  ) {
    super(
      `Page too large for Sổ tay: over the ${measure.exceeded} limit ` +
        `(${measure.nodes} nodes, depth ${measure.depth}, ${measure.textLength} characters seen in ${Math.round(elapsedMs)} ms)`,
    );
    this.name = 'PageTooLargeError';
  }
}
