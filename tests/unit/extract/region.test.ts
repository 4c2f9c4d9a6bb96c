/**
 * Pages whose content is not prose (a shop's product grid, a table of courses): paragraph voting
 * finds only a scrap, so extraction takes the page's main region instead — but never its footer.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';

const parse = (html: string) => parseHTML(html).document as unknown as Document;

const cards = Array.from({ length: 48 }, (_, i) =>
  `<li class="card"><a href="/p/${i}"><h3>Wool Runner model ${i + 1}</h3></a><span>$${98 + i}</span></li>`,
).join('');
const footerLinks = Array.from({ length: 10 }, (_, i) => `<li><a href="/help/${i}">Help topic number ${i + 1}</a></li>`).join('');

const SHOP = `<html><head><title>Men's sneakers - Shop</title></head><body>
<nav><a href="/">Home</a><a href="/men">Men</a><a href="/women">Women</a></nav>
<div class="layout"><div class="collection">
<div class="intro"><p>Lightweight, supportive and wildly comfortable, our sneakers make any outing feel effortless.</p></div>
<ul class="grid">${cards}</ul></div></div>
<div class="site-footer"><ul>${footerLinks}</ul></div></body></html>`;

describe('main region when there is little prose', () => {
  it('keeps the product grid of a shop page, not only its one paragraph, and leaves the footer out', () => {
    const scrapOnly = extractArticle(parse(SHOP.replace(/<ul class="grid">.*<\/ul><\/div><\/div>/s, '</div></div>')), 'https://shop.example.com/collections/mens-sneakers');
    expect(scrapOnly.reasons).not.toContain('little prose: the main region of the page');
    const result = extractArticle(parse(SHOP), 'https://shop.example.com/collections/mens-sneakers');
    expect(result.text).toContain('Wool Runner model 1');
    expect(result.text).toContain('Wool Runner model 48');
    expect(result.text).not.toContain('Help topic number');
    expect(result.reasons).toContain('little prose: the main region of the page');
  });

  it('leaves an article with its own prose alone', () => {
    const paragraph = '<p>The council met on Tuesday to agree the budget, after months of debate, and voted to fund the new library.</p>';
    const article = `<html><body><nav><a href="/">Home</a></nav><div class="main"><article>${paragraph.repeat(8)}</article>
<div class="more"><ul class="grid">${cards}</ul></div></div></body></html>`;
    const result = extractArticle(parse(article), 'https://news.example.com/2026/council-budget');
    expect(result.text).toContain('new library');
    expect(result.reasons).not.toContain('little prose: the main region of the page');
  });
});
