/**
 * The generic root choice on pages built with page builders and on articles followed by teasers:
 * the article's own block wins, and a grid of post excerpts beside it stays out.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const URL = 'https://law.example.com/blog/what-a-gym-waiver-covers/';
const prose = (n: number) =>
  `<p>Paragraph ${n} of the article explains what a waiver, signed at the front desk, covers, what it leaves to the courts, and why a member who was hurt by broken equipment may still have a claim against the gym.</p>`;
const teaser = (n: number) =>
  `<article class="post-card"><h3><a href="/blog/other-${n}/">Other post ${n}</a></h3><div class="post__excerpt"><p>Teaser ${n}: when an insurer denies a claim, the applicant may appeal, ask for a hearing, bring new records and call witnesses before going to court, which takes time and a good lawyer.</p></div></article>`;

describe('the root of a page builder article', () => {
  it('is the builder widget holding the text, not the excerpts of other posts', () => {
    const doc = parse(`<html><head><title>What a gym waiver covers</title></head><body>
<div class="builder-section"><h1>What a gym waiver covers</h1>
<div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">${[1, 2, 3, 4, 5, 6].map(prose).join('')}</div></div></div>
<div class="builder-section"><h2>Recent posts</h2><div class="cards">${[1, 2, 3].map(teaser).join('')}</div></div>
</body></html>`);
    const result = extractArticle(doc, URL);
    expect(result.text).toContain('Paragraph 1 of the article');
    expect(result.text).toContain('Paragraph 6 of the article');
    expect(result.text).not.toContain('Teaser 2');
  });
});

describe('strong candidates grouped away from the top one', () => {
  it('are a grid of teasers beside the article, not pieces of it', () => {
    const long = (n: number) =>
      `<p>Paragraph ${n}: the waiver, which the member signs, covers ordinary risks, such as a strain, a bruise, or a fall, but not, in most states, gross negligence, broken equipment, or a hazard the gym knew about.</p>`;
    const doc = parse(`<html><head><title>What a gym waiver covers</title></head><body>
<div class="layout"><div class="column-a"><h1>What a gym waiver covers</h1><div class="c1">${[1, 2, 3].map(long).join('')}</div></div>
<div class="column-b"><h2>Recent posts</h2><div class="grid"><div class="cards">${[1, 2, 3].map(teaser).join('')}</div></div></div></div>
</body></html>`);
    const result = extractArticle(doc, URL);
    expect(result.text).toContain('Paragraph 1: the waiver');
    expect(result.text).not.toContain('Teaser 2');
  });
});

describe('an article split into headed sections', () => {
  const sentence = (topic: string, n: number) =>
    `<p>${topic} paragraph ${n}: regular exercise, as the studies reviewed here show, lowers stress, improves sleep, and, in most trials, eases the symptoms of depression and anxiety in adults of every age.</p>`;
  const page = () =>
    parse(`<html><head><title>Exercise and mental health</title></head><body>
<nav><a href="/">Home</a> <a href="/journals">Journals</a></nav>
<article><h1>Exercise and mental health</h1>
<div class="wrap">
<section id="abstract"><h2>Abstract</h2>${sentence('Abstract', 1)}</section>
<section id="s1"><h2>Introduction</h2>${sentence('Introduction', 1)}</section>
<section id="s2"><h2>Review</h2>${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => sentence('Review', n)).join('')}</section>
<section id="s3"><h2>Conclusions</h2>${sentence('Conclusions', 1)}</section>
<section id="refs"><h2>References</h2><ul>${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => `<li><cite>Author ${n}, A. Exercise and mood: trial ${n}. J Sport Med. 2020;${n}:1–9.</cite> <a href="https://doi.org/10.1/${n}">DOI</a> <a href="https://pubmed.example.org/${n}">PubMed</a></li>`).join('')}</ul></section>
</div></article>
<footer><a href="/about">About</a></footer>
</body></html>`);

  it('takes the sections beside the longest one that open with the same heading and hold prose', () => {
    const result = extractArticle(page(), 'https://journal.example.org/articles/12345/');
    expect(result.text).toContain('Abstract paragraph 1');
    expect(result.text).toContain('Introduction paragraph 1');
    expect(result.text).toContain('Review paragraph 12');
    expect(result.text).toContain('Conclusions paragraph 1');
  });

  it('leaves the reference list beside them out', () => {
    const result = extractArticle(page(), 'https://journal.example.org/articles/12345/');
    expect(result.text).not.toContain('Exercise and mood: trial 2');
  });

  it('does not take teasers of other posts, headed by links to them, for sections', () => {
    const teaserSection = (n: number) =>
      `<section><h2><a href="/posts/${n}/">Other post ${n}</a></h2>${sentence(`Teaser ${n}`, 1)}</section>`;
    const doc = parse(`<html><head><title>Exercise and mental health</title></head><body>
<div class="wrap">
<section><h2>Exercise and mental health</h2>${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => sentence('Review', n)).join('')}</section>
${[1, 2, 3].map(teaserSection).join('')}
</div></body></html>`);
    const result = extractArticle(doc, 'https://journal.example.org/articles/12345/');
    expect(result.text).toContain('Review paragraph 12');
    expect(result.text).not.toContain('Teaser 2 paragraph');
  });
});
