/**
 * A forum thread is read as its posts: what each writer wrote, without the poster card (rank, post
 * count, join date), the signature or the "last edited" notice that every post repeats.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';
import { measure } from '../../../utils/extract/stats';
import { articleTextOf } from '../../../utils/extract/text';
import { threadFurniture } from '../../../utils/extract/thread';
import { otherPagesBoxes } from '../../../utils/extract/listing';

const parse = (html: string) => parseHTML(html).document as unknown as Document;

const BODIES = [
  'I am trying to turn off every LED on my board, the power light included, because it lights up the whole bedroom at night. Is there a setting for that?',
  'You can set dtparam=pwr_led_trigger=none in the config file and reboot. It works on the older boards, the newer ones need a firmware update first.',
  'Thanks, that worked after updating the firmware. The green light still blinks on disk activity, but that one I can live with for now.',
];
const NAMES = ['ledhater', 'firmware_guru', 'ledhater'];

/** A phpBB-style post: the poster card beside the post body, the signature below it. */
const post = (body: string, i: number) => `<div class="post" id="p${i}"><div class="inner">
<div class="postbody"><h3><a href="#p${i}">Re: Turning off all LEDs</a></h3>
<p class="author">by <a class="username">${NAMES[i]}</a> » Mon Jan 22, 2024 6:0${i} pm</p>
<div class="content">${body}</div>
<div class="signature">Running four boards in a cluster since 2019, ask me anything about clusters and cooling</div></div>
<dl class="postprofile"><dt><a class="username">${NAMES[i]}</a></dt><dd class="profile-rank">Posts Master</dd>
<dd class="profile-posts"><strong>Posts:</strong> ${1000 + i * 777}</dd><dd class="profile-joined"><strong>Joined:</strong> Thu Aug 27, 2020 2:37 pm</dd></dl>
</div></div>`;

const THREAD = `<html><head><title>Turning off all LEDs - Forums</title></head><body>
<div id="page-body"><h2 class="topic-title">Turning off all LEDs</h2>
<div class="topic">${BODIES.map(post).join('\n')}</div></div></body></html>`;

describe('a forum thread', () => {
  it('keeps every post body and leaves out the poster cards and signatures each post repeats', () => {
    const result = extractArticle(parse(THREAD), 'https://forums.example.org/viewtopic.php?t=361697');
    expect(result.isArticle).toBe(false);
    for (const body of BODIES) expect(result.text).toContain(body);
    expect(result.text).not.toContain('Posts:');
    expect(result.text).not.toContain('Joined:');
    expect(result.text).not.toContain('Posts Master');
    expect(result.text).not.toContain('Running four boards');
    // The result still reproduces its own text, which highlights are anchored to.
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
  });

  it('recognises the names of other engines, whatever their separators and case (XenForo, Invision)', () => {
    const doc = parse(`<html><body><div id="thread">${BODIES.map(
      (body) => `<article class="message"><div class="message-userExtras"><dl><dt>Messages</dt><dd>4,684</dd></dl></div>
<div class="bbWrapper">${body}</div><div class="ipsEntry__signature">My build: a quiet tower with six fans</div></article>`,
    ).join('')}</div></body></html>`);
    const root = doc.getElementById('thread')!;
    const stats = measure(doc.body);
    const text = articleTextOf(root, threadFurniture(root, stats));
    for (const body of BODIES) expect(text).toContain(body);
    expect(text).not.toContain('4,684');
    expect(text).not.toContain('quiet tower');
  });
});

describe('a question-and-answer page', () => {
  it('keeps the question and every answer, without the comments under each or the vote and like counts', () => {
    const comment = (text: string) => `<li class="comment"><span class="comment-copy">${text}</span> – <a class="comment-user">pedant42</a></li>`;
    const entry = (kind: string, body: string, votes: number) => `<div class="${kind}"><div class="votecell"><div class="vote-count">${votes}</div></div>
<div class="post-body">${body}</div><div class="post-likes">${votes} likes</div>
<ul class="comments-list">${comment('Did you try turning it off and on again before asking?')}${comment('Which version of the firmware is this, exactly?')}</ul></div>`;
    const doc = parse(`<html><body><div id="mainbar">${entry('question', BODIES[0]!, 67)}${entry('answer', BODIES[1]!, 13)}${entry('answer', BODIES[2]!, 4)}</div></body></html>`);
    const root = doc.getElementById('mainbar')!;
    const text = articleTextOf(root, threadFurniture(root, measure(doc.body)));
    for (const body of BODIES) expect(text).toContain(body);
    expect(text).not.toContain('turning it off and on');
    expect(text).not.toContain('pedant42');
    expect(text).not.toContain('likes');
    expect(text).not.toMatch(/\b67\b/);
  });
});

describe('threadFurniture', () => {
  const measured = (html: string) => {
    const doc = parse(`<html><body><main id="root">${html}</main></body></html>`);
    const root = doc.getElementById('root')!;
    return { root, stats: measure(doc.body) };
  };

  it('leaves a block named like furniture that the page has only once (a service page\'s "signature" dish)', () => {
    const { root, stats } = measured(
      `<p>${BODIES[0]}</p><div class="signature-dish">Our signature dish is slow-cooked lamb with rosemary</div><p>${BODIES[1]}</p>`,
    );
    expect(threadFurniture(root, stats)).toEqual([]);
  });

  it('leaves blocks that hold much of the region, whatever their name: they are the content', () => {
    const long = BODIES.join(' ');
    const { root, stats } = measured(`<div class="user-info">${long}</div><div class="user-info">${long}</div><p>Short note</p>`);
    expect(threadFurniture(root, stats)).toEqual([]);
  });

  it('does not look into subtrees already excluded', () => {
    const { root, stats } = measured(
      `<p>${BODIES.join(' ')}</p><aside id="side"><div class="signature">A</div><div class="signature">B</div></aside>`,
    );
    expect(threadFurniture(root, stats, [root.querySelector('#side')!])).toEqual([]);
    expect(threadFurniture(root, stats)).toHaveLength(2);
  });
});

/** A box of other threads under its heading, as forum engines put one below the posts. */
const similarThreads = (heading: string) => `<div class="block"><div class="block-container"><h3 class="block-header">${heading}</h3>
<div class="block-body"><ul>
<li><a href="/t/1">Which board for a quiet home server?</a> <p>Started by nightowl, Mar 22, 2011, replies 12, views 3K, last reply by firmware_guru on Mar 24, 2011</p></li>
<li><a href="/t/2">Power LED stays on after shutdown</a> <p>Started by ledhater, Nov 12, 2011, replies 4, views 950, last reply by nightowl on May 19, 2012</p></li>
<li><a href="/t/3">Best case for passive cooling</a> <p>Started by coolbreeze, Nov 7, 2011, replies 31, views 8K, last reply by ledhater on Nov 9, 2011</p></li>
</ul></div></div></div>`;

describe('a thread read whole leaves out the boxes of other threads', () => {
  it('drops a "Similar threads" box with its heading, keeping every post', () => {
    const doc = parse(`<html><head><title>Turning off all LEDs - Forums</title></head><body>
<div id="page-body"><h2 class="topic-title">Turning off all LEDs</h2>
<div class="topic">${BODIES.map(post).join('\n')}${similarThreads('Similar threads')}</div></div></body></html>`);
    const result = extractArticle(doc, 'https://forums.example.org/viewtopic.php?t=361697');
    expect(result.isArticle).toBe(false);
    for (const body of BODIES) expect(result.text).toContain(body);
    expect(result.text).not.toContain('Similar threads');
    expect(result.text).not.toContain('quiet home server');
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
  });

  it('finds the box under other wordings, and not under a heading that merely mentions them', () => {
    for (const heading of ['Related discussions', 'Suggested Topics', 'More topics from this board', 'Tin liên quan:']) {
      const doc = parse(`<html><body><div id="thread">${BODIES.map((body) => `<article class="message"><p>${body}</p></article>`).join('')}
${similarThreads(heading)}</div></body></html>`);
      const root = doc.getElementById('thread')!;
      const text = articleTextOf(root, otherPagesBoxes(root, measure(doc.body), []));
      expect(text, heading).not.toContain('quiet home server');
      expect(text).not.toContain(heading);
      for (const body of BODIES) expect(text).toContain(body);
    }
    const doc = parse(`<html><body><div id="thread"><h3>Related discussions of the power LED in the firmware notes</h3>
${BODIES.map((body) => `<article class="message"><p>${body}</p></article>`).join('')}</div></body></html>`);
    const root = doc.getElementById('thread')!;
    expect(otherPagesBoxes(root, measure(doc.body), [])).toEqual([]);
  });
});
