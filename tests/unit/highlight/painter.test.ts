// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HIGHLIGHT_CSS,
  OVERLAY_ATTRIBUTE,
  WINDOWED_PAINTING_THRESHOLD,
  createPainter,
  highlightName,
  injectHighlightStyles,
} from '@/utils/highlight/painter';
import { HIGHLIGHT_COLORS } from '@/utils/model/types';

/** Stand-ins for the browser's Highlight registry, which jsdom lacks. */
class FakeHighlight extends Set<Range> {
  constructor(...ranges: Range[]) {
    super(ranges);
  }
}

type TestWindow = Window & { CSS?: unknown; Highlight?: unknown };

function installHighlightApi(): Map<string, FakeHighlight> {
  const registry = new Map<string, FakeHighlight>();
  (window as TestWindow).CSS = { highlights: registry };
  (window as TestWindow).Highlight = FakeHighlight;
  return registry;
}

function uninstallHighlightApi() {
  delete (window as TestWindow).CSS;
  delete (window as TestWindow).Highlight;
}

function article(): { root: HTMLElement; text: Text } {
  const root = document.createElement('article');
  const p = document.createElement('p');
  p.textContent = 'Sáng 12/6, Ban Tuyên giáo Trung ương tổ chức Hội nghị toàn quốc.';
  root.append(p);
  document.body.append(root);
  return { root, text: p.firstChild as Text };
}

function rangeOf(text: Text, word: string): Range {
  const range = document.createRange();
  const start = text.data.indexOf(word);
  range.setStart(text, start);
  range.setEnd(text, start + word.length);
  return range;
}

beforeEach(() => {
  document.body.replaceChildren();
  document.head.replaceChildren();
});

afterEach(() => {
  uninstallHighlightApi();
});

describe('painting with the CSS Custom Highlight API', () => {
  it('keeps one Highlight per colour under sotay-<colour> and leaves the page DOM alone', () => {
    const registry = installHighlightApi();
    const { root, text } = article();
    const before = root.innerHTML;
    const painter = createPainter(document);
    expect(painter.mode).toBe('highlight-api');

    painter.add('a', rangeOf(text, 'Ban Tuyên giáo'), 'yellow');
    painter.add('b', rangeOf(text, 'Hội nghị'), 'yellow');
    painter.add('c', rangeOf(text, 'toàn quốc'), 'green');
    expect(registry.get('sotay-yellow')?.size).toBe(2);
    expect(registry.get('sotay-green')?.size).toBe(1);
    expect(root.innerHTML).toBe(before);
    expect(document.querySelector(`[${OVERLAY_ATTRIBUTE}]`)).toBeNull();

    painter.update('a', { color: 'blue' });
    expect(registry.get('sotay-yellow')?.size).toBe(1);
    expect(registry.get('sotay-blue')?.size).toBe(1);

    painter.remove('b');
    expect(registry.get('sotay-yellow')?.size).toBe(0);
    expect(painter.has('b')).toBe(false);

    painter.clear();
    expect(painter.size).toBe(0);
    expect([...registry.values()].every((group) => group.size === 0)).toBe(true);

    painter.destroy();
    expect(registry.size).toBe(0);
  });

  it('exports a ::highlight rule for every colour', () => {
    for (const color of HIGHLIGHT_COLORS) expect(HIGHLIGHT_CSS).toContain(`::highlight(${highlightName(color)})`);
    injectHighlightStyles(document);
    injectHighlightStyles(document);
    expect(document.querySelectorAll('style[data-sotay-highlight-styles]')).toHaveLength(1);
  });
});

describe('overlay fallback when the API is missing', () => {
  let rectsFor: (range: Range) => DOMRect[];

  beforeEach(() => {
    rectsFor = () => [];
    Object.defineProperty(Range.prototype, 'getClientRects', {
      configurable: true,
      value(this: Range) {
        return rectsFor(this);
      },
    });
  });

  afterEach(() => {
    Reflect.deleteProperty(Range.prototype, 'getClientRects');
  });

  it('draws boxes in its own non-interactive container, never inside the article, and redraws on resize', async () => {
    const { root, text } = article();
    const before = root.innerHTML;
    let left = 10;
    rectsFor = () => [new DOMRect(left, 20, 80, 16), new DOMRect(0, 40, 30, 16)];
    const painter = createPainter(document);
    expect(painter.mode).toBe('overlay');
    painter.add('a', rangeOf(text, 'Ban Tuyên giáo'), 'pink');

    const overlay = document.querySelector<HTMLElement>(`[${OVERLAY_ATTRIBUTE}]`) as HTMLElement;
    expect(overlay.style.pointerEvents).toBe('none');
    expect(overlay.children).toHaveLength(2);
    expect((overlay.children[0] as HTMLElement).style.left).toBe('10px');
    expect(root.innerHTML).toBe(before);

    left = 50;
    window.dispatchEvent(new Event('resize'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((overlay.children[0] as HTMLElement).style.left).toBe('50px');

    painter.remove('a');
    expect(overlay.children).toHaveLength(0);
    painter.destroy();
    expect(document.querySelector(`[${OVERLAY_ATTRIBUTE}]`)).toBeNull();
  });
});

describe('hitTest', () => {
  let caret: { node: Node; offset: number } | null = null;

  beforeEach(() => {
    installHighlightApi();
    (document as Document & { caretRangeFromPoint?: unknown }).caretRangeFromPoint = () => {
      if (!caret) return null;
      const range = document.createRange();
      range.setStart(caret.node, caret.offset);
      return range;
    };
  });

  afterEach(() => {
    Reflect.deleteProperty(document, 'caretRangeFromPoint');
  });

  it('returns the innermost highlight under the point, or null off every highlight', () => {
    const { text } = article();
    const painter = createPainter(document);
    painter.add('outer', rangeOf(text, 'Ban Tuyên giáo Trung ương'), 'yellow');
    painter.add('inner', rangeOf(text, 'Tuyên giáo'), 'green');

    caret = { node: text, offset: text.data.indexOf('giáo') };
    expect(painter.hitTest(5, 5)).toBe('inner');
    caret = { node: text, offset: text.data.indexOf('Trung') + 2 };
    expect(painter.hitTest(5, 5)).toBe('outer');
    caret = { node: text, offset: text.data.indexOf('Hội') };
    expect(painter.hitTest(5, 5)).toBeNull();
    painter.remove('inner');
    caret = { node: text, offset: text.data.indexOf('giáo') };
    expect(painter.hitTest(5, 5)).toBe('outer');
  });
});

/** An IntersectionObserver the test drives: which elements are near the viewport is set by hand. */
class FakeIntersectionObserver {
  static current: FakeIntersectionObserver | null = null;
  readonly observed = new Set<Element>();
  constructor(private readonly callback: (changes: { target: Element; isIntersecting: boolean }[]) => void) {
    FakeIntersectionObserver.current = this;
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.observed.clear();
  }
  report(near: (element: Element) => boolean) {
    this.callback([...this.observed].map((target) => ({ target, isIntersecting: near(target) })));
  }
}

describe('many highlights', () => {
  afterEach(() => {
    delete (window as Window & { IntersectionObserver?: unknown }).IntersectionObserver;
    FakeIntersectionObserver.current = null;
  });

  function paragraphs(count: number): Text[] {
    const root = document.createElement('article');
    const texts: Text[] = [];
    for (let i = 0; i < count; i++) {
      const p = document.createElement('p');
      p.textContent = `Đoạn ${i}: Hội nghị toàn quốc.`;
      root.append(p);
      texts.push(p.firstChild as Text);
    }
    document.body.append(root);
    return texts;
  }

  it('registers every highlight up to the threshold, then only those near the viewport — and the rest as they come near', () => {
    const registry = installHighlightApi();
    (window as Window & { IntersectionObserver?: unknown }).IntersectionObserver = FakeIntersectionObserver;
    const texts = paragraphs(WINDOWED_PAINTING_THRESHOLD + 50);
    const painter = createPainter(document);
    const registered = () => registry.get(highlightName('yellow'))?.size ?? 0;
    texts.slice(0, WINDOWED_PAINTING_THRESHOLD).forEach((text, i) => painter.add(`h${i}`, rangeOf(text, 'Hội nghị'), 'yellow'));
    expect(registered()).toBe(WINDOWED_PAINTING_THRESHOLD);
    expect(FakeIntersectionObserver.current).toBeNull();

    texts.slice(WINDOWED_PAINTING_THRESHOLD).forEach((text, i) => painter.add(`h${WINDOWED_PAINTING_THRESHOLD + i}`, rangeOf(text, 'Hội nghị'), 'yellow'));
    const observer = FakeIntersectionObserver.current as FakeIntersectionObserver | null;
    expect(observer).not.toBeNull();
    // The viewport shows paragraphs 10–29.
    const near = (element: Element) => {
      const index = texts.findIndex((text) => text.parentElement === element);
      return index >= 10 && index < 30;
    };
    observer!.report(near);
    expect(registered()).toBe(20);
    expect(painter.size).toBe(WINDOWED_PAINTING_THRESHOLD + 50);
    const last = `h${texts.length - 1}`;
    expect(painter.has(last)).toBe(true);
    expect(painter.rangeOf(last)?.toString()).toBe('Hội nghị');

    // Scrolled to the end: those come in, the first ones go out.
    observer!.report((element) => texts.findIndex((text) => text.parentElement === element) >= texts.length - 10);
    expect(registered()).toBe(10);
    expect([...(registry.get(highlightName('yellow')) ?? [])].map((range) => range.startContainer)).toEqual(texts.slice(-10));

    // Removing and recolouring work whether a highlight is registered or not.
    painter.remove(`h${texts.length - 5}`);
    painter.update('h0', { color: 'green' });
    expect(registered()).toBe(9);
    observer!.report((element) => element === texts[0]!.parentElement);
    expect(registry.get(highlightName('green'))?.size).toBe(1);
    expect(registered()).toBe(0);

    painter.clear();
    expect(observer!.observed.size).toBe(0);
    expect(registry.get(highlightName('green'))?.size).toBe(0);
  });
});
