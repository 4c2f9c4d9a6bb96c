/**
 * Articles whose text is split into sibling sections that each sit under a chain of wrappers (page
 * builders): the root is every section, not only the one with the best paragraphs.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';

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
