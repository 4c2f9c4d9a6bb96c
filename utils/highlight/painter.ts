/**
 * Painting highlights without touching the page's DOM. With the CSS Custom Highlight API (Chrome
 * 105+, Firefox 140+, Safari 17.2+) each colour is one `Highlight` registered in `CSS.highlights`
 * and styled by `::highlight(sotay-<colour>)` — the page's nodes, scripts and selectors never see
 * us. Where the API is missing, boxes are drawn from the ranges' client rects inside one overlay
 * element of our own (pointer-events: none), redrawn on resize; page text is never wrapped.
 *
 * Clicks cannot land on a Highlight, so `hitTest` maps a point to the caret position under it and
 * checks which painted ranges contain it.
 *
 * Chromium rebuilds the markers of every registered range whenever highlights or the page's DOM
 * change, in one rendering frame: with a thousand highlights that frame alone blocks the page for
 * tens of milliseconds, and again on each later DOM change. So past WINDOWED_PAINTING_THRESHOLD
 * highlights, only those near the viewport (an IntersectionObserver on the element holding each
 * range, one viewport of margin above and below) are registered; the rest are registered as they
 * scroll near. Hit testing and `rangeOf` still know every highlight.
 */
import { HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/model/types';

export const HIGHLIGHT_NAME_PREFIX = 'sotay-';

/** Translucent enough that text stays readable on white and on tinted portal backgrounds. */
export const HIGHLIGHT_BACKGROUNDS: Readonly<Record<HighlightColor, string>> = {
  yellow: 'rgba(255, 214, 0, 0.45)',
  green: 'rgba(76, 200, 90, 0.38)',
  blue: 'rgba(64, 156, 255, 0.35)',
  pink: 'rgba(255, 105, 180, 0.35)',
  purple: 'rgba(160, 100, 255, 0.35)',
};

export function highlightName(color: HighlightColor): string {
  return `${HIGHLIGHT_NAME_PREFIX}${color}`;
}

/** The stylesheet the content script injects for the Highlight API mode. */
export const HIGHLIGHT_CSS: string = HIGHLIGHT_COLORS.map(
  (color) => `::highlight(${highlightName(color)}) { background-color: ${HIGHLIGHT_BACKGROUNDS[color]}; }`,
).join('\n');

/** Attribute marking the overlay container, so our own code (and tests) can recognise it. */
export const OVERLAY_ATTRIBUTE = 'data-sotay-highlights';

export type PainterMode = 'highlight-api' | 'overlay';

/** Past this many highlights, only the ones near the viewport are registered (Highlight API mode). */
export const WINDOWED_PAINTING_THRESHOLD = 50;
/** How far beyond the viewport a highlight is registered ahead of scrolling. */
const WINDOW_MARGIN = '100% 0px 100% 0px';

export interface PainterOptions {
  /** 'auto' (default) uses the Highlight API when present. */
  mode?: 'auto' | PainterMode;
}

export interface Painter {
  readonly mode: PainterMode;
  /** Paints (or repaints) one highlight. */
  add(id: string, range: Range, color: HighlightColor): void;
  update(id: string, changes: { range?: Range; color?: HighlightColor }): void;
  remove(id: string): void;
  clear(): void;
  has(id: string): boolean;
  /** The live range a highlight is painted on (to scroll to it). */
  rangeOf(id: string): Range | undefined;
  readonly size: number;
  /** The annotation painted at viewport point (x, y); the shortest one when highlights nest. */
  hitTest(x: number, y: number): string | null;
  /** Redraws overlay boxes after layout changes the content script knows about (no-op with the API). */
  relayout(): void;
  /** Removes everything we added to the page. */
  destroy(): void;
}

interface Painted {
  range: Range;
  color: HighlightColor;
  /** In its colour's Highlight right now (always, unless painting is windowed and it is far from view). */
  registered: boolean;
  /** The element observed for nearness to the viewport (windowed painting). */
  watched?: Element;
  /** Text length, to prefer the innermost of nested highlights. */
  length: number;
  boxes: HTMLElement[];
}

interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  delete(name: string): boolean;
}

interface HighlightLike {
  add(range: Range): unknown;
  delete(range: Range): boolean;
  readonly size: number;
}

type HighlightConstructor = new (...ranges: Range[]) => HighlightLike;

interface WindowWithHighlights {
  CSS?: { highlights?: HighlightRegistryLike };
  Highlight?: HighlightConstructor;
}

function highlightApiOf(doc: Document): { registry: HighlightRegistryLike; Highlight: HighlightConstructor } | null {
  const view = doc.defaultView as (Window & WindowWithHighlights) | null;
  const registry = view?.CSS?.highlights;
  const Highlight = view?.Highlight;
  return registry && typeof Highlight === 'function' ? { registry, Highlight } : null;
}

interface CaretPoint {
  node: Node;
  offset: number;
}

interface DocumentWithCaret {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
}

function caretAt(doc: Document, x: number, y: number): CaretPoint | null {
  const withCaret = doc as Document & DocumentWithCaret;
  if (typeof withCaret.caretPositionFromPoint === 'function') {
    const position = withCaret.caretPositionFromPoint(x, y);
    if (position) return { node: position.offsetNode, offset: position.offset };
  }
  if (typeof withCaret.caretRangeFromPoint === 'function') {
    const range = withCaret.caretRangeFromPoint(x, y);
    if (range) return { node: range.startContainer, offset: range.startOffset };
  }
  return null;
}

function clientRectsOf(range: Range): DOMRect[] {
  return typeof range.getClientRects === 'function' ? Array.from(range.getClientRects()) : [];
}

function contains(rect: DOMRect, x: number, y: number): boolean {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

export function createPainter(doc: Document, options: PainterOptions = {}): Painter {
  const api = options.mode === 'overlay' ? null : highlightApiOf(doc);
  if (options.mode === 'highlight-api' && !api) throw new Error('CSS Custom Highlight API is not available');
  const mode: PainterMode = api ? 'highlight-api' : 'overlay';
  const painted = new Map<string, Painted>();
  const groups = new Map<HighlightColor, HighlightLike>();
  const view = doc.defaultView;

  let overlay: HTMLElement | null = null;
  let relayoutScheduled = false;

  const ensureOverlay = (): HTMLElement => {
    if (overlay?.isConnected) return overlay;
    overlay = doc.createElement('div');
    overlay.setAttribute(OVERLAY_ATTRIBUTE, '');
    overlay.setAttribute('aria-hidden', 'true');
    Object.assign(overlay.style, {
      position: 'absolute',
      top: '0',
      left: '0',
      width: '0',
      height: '0',
      overflow: 'visible',
      pointerEvents: 'none',
      zIndex: '2147483646',
    });
    doc.documentElement.append(overlay);
    return overlay;
  };

  const drawBoxes = (entry: Painted) => {
    for (const box of entry.boxes) box.remove();
    entry.boxes = [];
    const container = ensureOverlay();
    // Boxes live in document coordinates so scrolling needs no redraw; only layout changes do.
    const scrollX = view?.scrollX ?? 0;
    const scrollY = view?.scrollY ?? 0;
    for (const rect of clientRectsOf(entry.range)) {
      if (rect.width === 0 || rect.height === 0) continue;
      const box = doc.createElement('div');
      Object.assign(box.style, {
        position: 'absolute',
        left: `${rect.left + scrollX}px`,
        top: `${rect.top + scrollY}px`,
        width: `${rect.width}px`,
        height: `${rect.height}px`,
        backgroundColor: HIGHLIGHT_BACKGROUNDS[entry.color],
        mixBlendMode: 'multiply',
        pointerEvents: 'none',
      });
      container.append(box);
      entry.boxes.push(box);
    }
  };

  const relayout = () => {
    if (mode !== 'overlay') return;
    for (const entry of painted.values()) drawBoxes(entry);
  };

  const scheduleRelayout = () => {
    if (relayoutScheduled) return;
    relayoutScheduled = true;
    const run = () => {
      relayoutScheduled = false;
      relayout();
    };
    if (view && typeof view.requestAnimationFrame === 'function') view.requestAnimationFrame(run);
    else setTimeout(run, 16);
  };

  let resizeObserver: ResizeObserver | null = null;
  if (mode === 'overlay' && view) {
    view.addEventListener('resize', scheduleRelayout);
    const Observer = (view as Window & { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    if (Observer && doc.body) {
      // Text reflows when the body's width changes (fonts loading, sidebars opening), not only on window resize.
      resizeObserver = new Observer(scheduleRelayout);
      resizeObserver.observe(doc.body);
    }
  }

  // Windowed painting (see the top of this file): element → highlights whose range it holds.
  let nearObserver: IntersectionObserver | null = null;
  const watchedBy = new Map<Element, Set<Painted>>();
  const nearElements = new Set<Element>();
  const ObserverType = (view as (Window & { IntersectionObserver?: typeof IntersectionObserver }) | null)?.IntersectionObserver;

  const register = (entry: Painted) => {
    if (entry.registered || !api) return;
    groupFor(entry.color).add(entry.range);
    entry.registered = true;
  };
  const unregister = (entry: Painted) => {
    if (!entry.registered || !api) return;
    groups.get(entry.color)?.delete(entry.range);
    entry.registered = false;
  };

  const holderOf = (range: Range): Element | null => {
    const common = range.commonAncestorContainer;
    return common.nodeType === 1 ? (common as Element) : common.parentElement;
  };

  const watch = (entry: Painted) => {
    const holder = nearObserver ? holderOf(entry.range) : null;
    if (!nearObserver || !holder) {
      register(entry);
      return;
    }
    entry.watched = holder;
    let entries = watchedBy.get(holder);
    if (!entries) {
      entries = new Set();
      watchedBy.set(holder, entries);
      nearObserver.observe(holder);
    }
    entries.add(entry);
    if (nearElements.has(holder)) register(entry);
  };
  const unwatch = (entry: Painted) => {
    const holder = entry.watched;
    if (!holder) return;
    entry.watched = undefined;
    const entries = watchedBy.get(holder);
    entries?.delete(entry);
    if (entries && entries.size === 0) {
      watchedBy.delete(holder);
      nearElements.delete(holder);
      nearObserver?.unobserve(holder);
    }
  };

  const startWindowing = () => {
    if (nearObserver || !api || !ObserverType) return;
    nearObserver = new ObserverType(
      (changes) => {
        for (const change of changes) {
          if (change.isIntersecting) nearElements.add(change.target);
          else nearElements.delete(change.target);
          for (const entry of watchedBy.get(change.target) ?? []) {
            if (change.isIntersecting) register(entry);
            else unregister(entry);
          }
        }
      },
      { rootMargin: WINDOW_MARGIN },
    );
    // Everything painted so far stays registered until the observer reports it far from view.
    for (const entry of painted.values()) watch(entry);
    for (const holder of watchedBy.keys()) nearElements.add(holder);
  };

  const stopWindowing = () => {
    nearObserver?.disconnect();
    nearObserver = null;
    watchedBy.clear();
    nearElements.clear();
    for (const entry of painted.values()) entry.watched = undefined;
  };

  const groupFor = (color: HighlightColor): HighlightLike => {
    let group = groups.get(color);
    if (!group && api) {
      group = new api.Highlight();
      groups.set(color, group);
      api.registry.set(highlightName(color), group);
    }
    return group as HighlightLike;
  };

  const unpaint = (entry: Painted) => {
    unregister(entry);
    unwatch(entry);
    for (const box of entry.boxes) box.remove();
    entry.boxes = [];
  };

  const paint = (entry: Painted) => {
    if (!api) {
      drawBoxes(entry);
      return;
    }
    if (!nearObserver && painted.size > WINDOWED_PAINTING_THRESHOLD) startWindowing();
    watch(entry);
  };

  const painter: Painter = {
    mode,
    add(id, range, color) {
      const existing = painted.get(id);
      if (existing) unpaint(existing);
      const entry: Painted = { range, color, length: range.toString().length, boxes: [], registered: false };
      painted.set(id, entry);
      paint(entry);
    },
    update(id, changes) {
      const entry = painted.get(id);
      if (!entry) return;
      painter.add(id, changes.range ?? entry.range, changes.color ?? entry.color);
    },
    rangeOf(id) {
      return painted.get(id)?.range;
    },
    remove(id) {
      const entry = painted.get(id);
      if (!entry) return;
      unpaint(entry);
      painted.delete(id);
    },
    clear() {
      for (const entry of painted.values()) unpaint(entry);
      painted.clear();
      stopWindowing();
    },
    has: (id) => painted.has(id),
    get size() {
      return painted.size;
    },
    hitTest(x, y) {
      const caret = caretAt(doc, x, y);
      let best: { id: string; length: number } | null = null;
      for (const [id, entry] of painted) {
        if (caret) {
          let inside = false;
          try {
            inside = entry.range.isPointInRange(caret.node, caret.offset);
          } catch {
            inside = false; // point in another document or a shadow tree
          }
          if (!inside) continue;
        }
        // The caret sits between characters: at a highlight's last character it is also "in" the
        // range that starts right after. The painted boxes settle which one is really under the point.
        const rects = clientRectsOf(entry.range);
        if (rects.length > 0 && !rects.some((rect) => contains(rect, x, y))) continue;
        if (!caret && rects.length === 0) continue;
        if (!best || entry.length < best.length) best = { id, length: entry.length };
      }
      return best?.id ?? null;
    },
    relayout,
    destroy() {
      painter.clear();
      if (api) for (const color of groups.keys()) api.registry.delete(highlightName(color));
      groups.clear();
      overlay?.remove();
      overlay = null;
      resizeObserver?.disconnect();
      view?.removeEventListener('resize', scheduleRelayout);
    },
  };
  return painter;
}

/** Adds the ::highlight stylesheet once (content scripts may call this on every restore). */
export function injectHighlightStyles(doc: Document): HTMLStyleElement {
  const existing = doc.querySelector<HTMLStyleElement>('style[data-sotay-highlight-styles]');
  if (existing) return existing;
  const style = doc.createElement('style');
  style.setAttribute('data-sotay-highlight-styles', '');
  style.textContent = HIGHLIGHT_CSS;
  (doc.head ?? doc.documentElement).append(style);
  return style;
}
