/**
 * Articles whose text a saved page does not show in one block: parts folded into accordion panels,
 * and parts split into sibling sections that each sit under a chain of wrappers (page builders).
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';
import { articleTextOf } from '../../../utils/extract/text';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const URL = 'https://garden.example.com/blog/2026/03/building-a-cold-frame';
const sentence = (topic: string, n: number) =>
  `<p>Step ${n} of the ${topic}: measure twice, cut once, and keep the lid sloped toward the south, so the low winter sun reaches every seedling in the frame.</p>`;

describe('an article split into sections, each under its own chain of wrappers', () => {
  const wrapped = (inner: string, depth: number) => {
    let html = inner;
    for (let i = 0; i < depth; i++) html = `<div class="w${i}">${html}</div>`;
    return html;
  };
  const section = (n: number, paragraphs: number) =>
    `<section class="guide-section">${wrapped(`<h2>Part ${n}</h2>${Array.from({ length: paragraphs }, (_, i) => sentence(`part ${n}`, i + 1)).join('')}`, 6)}</section>`;

  it('takes every section, not only the one with the best paragraphs', () => {
    const doc = parse(`<html><head><title>How to build a cold frame</title></head><body><nav><a href="/">Home</a></nav>
<main><div class="sections">${section(1, 3)}${section(2, 8)}${section(3, 3)}${section(4, 2)}</div></main>
<footer><p>© Garden Example</p></footer></body></html>`);
    const result = extractArticle(doc, URL);
    for (const n of [1, 2, 3, 4]) expect(result.text).toContain(`Step 1 of the part ${n}`);
  });
});

describe('an accordion of the guide\'s steps', () => {
  const step = (n: number, panelAttributes: string) => `<div class="accordion-item">
<div class="accordion-heading"><a role="button" aria-expanded="false" aria-controls="step-${n}-panel">Step ${n}</a></div>
<div id="step-${n}-panel" ${panelAttributes}>${sentence(`folded part ${n}`, n)}${sentence(`folded part ${n}`, n + 10)}</div></div>`;
  const page = (panelAttributes: string, extra = '') =>
    parse(`<html><head><title>How to build a cold frame</title></head><body><nav><a href="/">Home</a></nav>
<article><h1>How to build a cold frame</h1><div class="entry-content">${sentence('introduction', 1)}${sentence('introduction', 2)}
${[1, 2, 3, 4].map((n) => step(n, panelAttributes)).join('')}${extra}</div></article><footer><p>© Garden Example</p></footer></body></html>`);

  it.each([
    ['style="display:none"'],
    ['hidden'],
  ])('reads the collapsed panels (%s) the steps\' buttons open, on an article too', (attributes) => {
    const result = extractArticle(page(attributes), URL);
    expect(result.isArticle).toBe(true);
    expect(result.text).toContain('Step 1 of the introduction');
    for (const n of [1, 2, 3, 4]) expect(result.text).toContain(`Step ${n} of the folded part ${n}`);
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
  });

  it('still skips a hidden block that no control just before it opens', () => {
    const hidden = '<div id="promo" style="display:none"><p>Subscribe to our seed catalogue and get ten percent off your first order of heirloom seeds.</p></div>';
    const result = extractArticle(page('style="display:none"', hidden), URL);
    expect(result.text).toContain('Step 2 of the folded part 2');
    expect(result.text).not.toContain('seed catalogue');
  });

  it('still skips a collapsed menu, a panel of links and pop-ups, though a control just before them opens them', () => {
    const menu = `<div class="menu"><button aria-controls="shop-menu" aria-expanded="false">Shop</button>
<div id="shop-menu" role="menu" hidden><p>Seeds and seedlings for every season, sown and grown in our own nursery.</p></div></div>`;
    const links = `<div class="more"><button aria-controls="more-links" aria-expanded="false">More</button>
<div id="more-links" hidden><p><a href="/kits">Cold frame kits with glass lids</a> and <a href="/tools">tools</a></p></div></div>`;
    const dialog = `<div class="hotline"><button aria-controls="help-modal">Get help</button>
<div id="help-modal" class="help-modal" style="display:none"><p>Call our gardening hotline any day of the week for free advice from a master gardener near you.</p></div></div>`;
    const popUp = `<div class="share"><button aria-controls="share-box" aria-haspopup="true">Share</button>
<div id="share-box" hidden><p>Send this guide to a friend who has always wanted to grow winter salads at home.</p></div></div>`;
    const doc = page('style="display:none"', menu + links + dialog + popUp);
    const result = extractArticle(doc, URL);
    expect(result.text).toContain('Step 3 of the folded part 3');
    for (const text of [result.text, articleTextOf(doc.body!)]) {
      expect(text).not.toContain('Seeds and seedlings');
      expect(text).not.toContain('Cold frame kits');
      expect(text).not.toContain('gardening hotline');
      expect(text).not.toContain('winter salads');
    }
  });

  it('still skips a collapsed panel in the site\'s header or navigation', () => {
    const doc = parse(`<html><body><header><button aria-controls="hours" aria-expanded="false">Opening hours</button>
<div id="hours" hidden><p>The garden centre opens every day from eight in the morning to six in the evening.</p></div></header>
<nav><div><button aria-controls="about" aria-expanded="false">About us</button></div><div id="about" hidden><p>We have grown vegetables on the same plot of land for three generations.</p></div></nav>
<main>${sentence('introduction', 1)}</main></body></html>`);
    const text = articleTextOf(doc.body!);
    expect(text).toContain('Step 1 of the introduction');
    expect(text).not.toContain('eight in the morning');
    expect(text).not.toContain('three generations');
  });
});
