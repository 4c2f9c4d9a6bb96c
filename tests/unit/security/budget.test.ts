/**
 * The page budget: a crafted page is measured with one bounded walk and refused before extraction;
 * real articles fit with room to spare.
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measurePage, PAGE_LIMITS } from '../../../utils/page/budget';

const parse = (html: string) => parseHTML(html).document as unknown as Document;

function nested(doc: Document, depth: number): void {
  let parent: Element = doc.body;
  for (let i = 0; i < depth; i++) {
    const div = doc.createElement('div');
    parent.appendChild(div);
    parent = div;
  }
  parent.appendChild(doc.createTextNode('đáy'));
}

describe('measurePage', () => {
  it('lets the bundled sample article through with room to spare', () => {
    const html = readFileSync(
      'sample/sites/hanoi.gov.vn/tin-tuc-su-kien/lan-toa-tinh-than-hoc-tap-va-lam-theo-tam-guong-cua-bac-4230612155218163.htm',
      'utf8',
    );
    const measure = measurePage(parse(html).documentElement);
    expect(measure.fits).toBe(true);
    expect(measure.nodes).toBeLessThan(PAGE_LIMITS.nodes / 10);
    expect(measure.textLength).toBeGreaterThan(1000);
  });

  it('counts nodes, depth and text exactly on a small tree', () => {
    const doc = parse('<html><body><p>ab<b>cd</b></p><p>e</p></body></html>');
    const measure = measurePage(doc.body);
    // p, "ab", b, "cd", p, "e"
    // depths 0 + 1 + 1 + 2 + 0 + 1
    expect(measure).toEqual({ fits: true, nodes: 6, depth: 2, textLength: 5, nestingWork: 5 });
  });

  it('refuses 100,000-deep nesting without recursing, having looked at no more than the depth limit', () => {
    const doc = parse('<html><body></body></html>');
    nested(doc, 100_000);
    const measure = measurePage(doc.documentElement, { ...PAGE_LIMITS, timeMs: Infinity });
    expect(measure.fits).toBe(false);
    expect(measure).toMatchObject({ exceeded: 'depth' });
    expect(measure.nodes).toBeLessThanOrEqual(PAGE_LIMITS.depth + 5);
  }, 60_000);

  it('refuses a flood of tiny text nodes after looking at just over the node limit', () => {
    const doc = parse('<html><body><p></p></body></html>');
    const p = doc.querySelector('p')!;
    // (Millions are tried in Chromium, tests/e2e/security.e2e.ts; linkedom is slow to build them.)
    for (let i = 0; i < PAGE_LIMITS.nodes + 10_000; i++) p.appendChild(doc.createTextNode('x'));
    // No time limit here: on a busy machine the clock could stop the walk before the count does.
    const measure = measurePage(doc.documentElement, { ...PAGE_LIMITS, timeMs: Infinity });
    expect(measure).toMatchObject({ fits: false, exceeded: 'nodes', nodes: PAGE_LIMITS.nodes + 1 });
  }, 60_000);

  it('refuses a wide tree at the parser’s maximum depth by the nesting work, before looking at all of it', () => {
    const doc = parse('<html><body></body></html>');
    nested(doc, 500);
    let deepest: Element = doc.body;
    while (deepest.firstElementChild) deepest = deepest.firstElementChild;
    for (let i = 0; i < 20_000; i++) deepest.appendChild(doc.createElement('div'));
    const measure = measurePage(doc.documentElement, { ...PAGE_LIMITS, timeMs: Infinity });
    expect(measure).toMatchObject({ fits: false, exceeded: 'nestingWork' });
    expect(measure.nodes).toBeLessThan(PAGE_LIMITS.nestingWork / 500 + 600);
  }, 60_000);

  it('refuses one enormous text node by its length', () => {
    const doc = parse('<html><body><p></p></body></html>');
    doc.querySelector('p')!.appendChild(doc.createTextNode('a'.repeat(PAGE_LIMITS.textLength + 1)));
    expect(measurePage(doc.documentElement)).toMatchObject({ fits: false, exceeded: 'textLength' });
  });

  it('stops measuring when its time is up, however much page is left', () => {
    const doc = parse('<html><body><p></p></body></html>');
    const p = doc.querySelector('p')!;
    for (let i = 0; i < 5000; i++) p.appendChild(doc.createTextNode('x'));
    let clock = 0;
    // Each look at the clock costs 100 ms: the second look (after 2,048 nodes) is past a 150 ms budget.
    const measure = measurePage(doc.documentElement, { ...PAGE_LIMITS, timeMs: 150 }, () => (clock += 100) - 100);
    expect(measure).toMatchObject({ fits: false, exceeded: 'timeMs', nodes: 2048 });
  });

  it('agrees with a plain recursive count on random trees, and fits exactly when every count is within its limit', () => {
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string({ maxLength: 5 }).map((text) => ({ text })),
        fc.array(tie('node'), { maxLength: 4 }).map((children) => ({ children })),
      ),
    })).node as fc.Arbitrary<{ text: string } | { children: unknown[] }>;
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 5 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 60 }), (children, maxNodes, maxDepth, maxText, maxWork) => {
        const doc = parse('<html><body></body></html>');
        const build = (parent: Node, spec: unknown) => {
          const s = spec as { text: string } | { children: unknown[] };
          if ('text' in s) parent.appendChild(doc.createTextNode(s.text));
          else {
            const el = doc.createElement('span');
            parent.appendChild(el);
            for (const c of s.children) build(el, c);
          }
        };
        for (const c of children) build(doc.body, c);
        let nodes = 0;
        let depth = 0;
        let text = 0;
        let work = 0;
        const walk = (n: Node, d: number) => {
          for (let c = n.firstChild; c; c = c.nextSibling) {
            nodes++;
            work += d;
            if (c.nodeType === 3) text += (c as Text).length;
            if (c.firstChild) depth = Math.max(depth, d + 1);
            walk(c, d + 1);
          }
        };
        walk(doc.body, 0);
        const measure = measurePage(doc.body, { nodes: maxNodes, depth: maxDepth, textLength: maxText, nestingWork: maxWork, timeMs: 1e9 });
        expect(measure.fits).toBe(nodes <= maxNodes && depth <= maxDepth && text <= maxText && work <= maxWork);
        if (measure.fits) expect(measure).toEqual({ fits: true, nodes, depth, textLength: text, nestingWork: work });
      }),
      { numRuns: 300 },
    );
  });
});
