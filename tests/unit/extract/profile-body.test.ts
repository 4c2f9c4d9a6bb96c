/**
 * A CMS profile's body selector is trusted only when it holds the article: a theme can put the class
 * on a short block (a header with the dek and byline, a podcast player) while the prose sits beside it.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';

const parse = (html: string) => parseHTML(html).document as unknown as Document;

const transcript = Array.from(
  { length: 8 },
  (_, i) =>
    `<p>Part ${i + 1} of the transcript: household cleaning products can be hazardous, and the studies that followed people who clean at home found the same effects on breathing as in those who clean for a living.</p>`,
).join('');

const wordpressPage = (entry: string, after: string) => `<!doctype html><html lang="en"><head><title>Keeping it clean | The podcast</title>
<link rel="stylesheet" href="/wp-content/themes/podcast/style.css"><meta name="generator" content="WordPress 6.5">
<meta property="og:type" content="article"><meta property="article:published_time" content="2021-09-09T07:00:15+00:00"></head>
<body class="post-template comments-open"><header><nav><ul><li><a href="/">Home</a></li><li><a href="/episodes">Episodes</a></li></ul></nav></header>
<main><article><h1 class="entry-title">Keeping it clean</h1>${entry}${after}</article></main><footer><p>© The podcast</p></footer></body></html>`;

describe('a profile body that is only a scrap of the page', () => {
  it('is passed over for the prose beside it (a podcast page whose entry-content holds the player)', () => {
    const page = wordpressPage(
      '<div class="entry-content"><p>Podcast: Play in new window | Download (Duration: 13:55 — 9.6MB) | Embed</p><p>Subscribe: Apple Podcasts | Android | RSS</p></div>',
      `<div class="episode-transcript">${transcript}</div>`,
    );
    const result = extractArticle(parse(page), 'https://podcast.example.org/audio/keeping-it-clean/');
    expect(result.text).toContain('Part 1 of the transcript');
    expect(result.text).toContain('Part 8 of the transcript');
  });

  it('is kept for a short post whose long reader comments are the only other prose', () => {
    const comments = transcript.replaceAll('Part', 'Reader comment');
    const page = wordpressPage(
      '<div class="entry-content"><p>We moved the studio this week, so the next episode comes out on Friday instead of Tuesday. Thanks for listening, and see you then.</p></div>',
      `<section id="comments" class="comments-area"><ol class="comment-list">${comments}</ol></section>`,
    );
    const result = extractArticle(parse(page), 'https://podcast.example.org/news/studio-move/');
    expect(result.text).toContain('We moved the studio this week');
    expect(result.text).not.toContain('Reader comment');
    expect(result.reasons).toContain('wordpress profile body');
  });
});
