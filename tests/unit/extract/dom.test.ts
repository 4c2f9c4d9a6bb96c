/** The DOM readings the extraction steps share: the block walk, short texts, class words. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { classAndId, shortText, visitBlocks } from '../../../utils/extract/dom';

const bodyOf = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body;

describe('visitBlocks', () => {
  it('visits in document order, does not enter skipped subtrees or blocks the visitor declines', () => {
    const body = bodyOf('<div id="a"><p id="a1"></p></div><div id="b"><p id="b1"></p></div><div id="c"><p id="c1"></p></div>');
    const seen: string[] = [];
    visitBlocks(body, [body.querySelector('#b')!], (el) => {
      seen.push(el.id);
      return el.id !== 'c';
    });
    expect(seen).toEqual(['a', 'a1', 'c']);
  });

  it('walks a page nested 20,000 deep without overflowing the stack', () => {
    const body = bodyOf('');
    let parent: Element = body;
    for (let i = 0; i < 20_000; i++) parent = parent.appendChild(body.ownerDocument.createElement('div'));
    let count = 0;
    visitBlocks(body, [], () => ++count > 0);
    expect(count).toBe(20_000);
  });
});

describe('shortText and classAndId', () => {
  it('collapses a short text and refuses a long one', () => {
    const body = bodyOf('<p id="s">  You may\u00a0also\n like </p><p id="l">' + 'word '.repeat(40) + '</p>');
    expect(shortText(body.querySelector('#s')!, 60)).toBe('You may also like');
    expect(shortText(body.querySelector('#l')!, 60)).toBeUndefined();
  });

  it('reads class and id together, and nothing from an element without them', () => {
    const body = bodyOf('<div class="post signature" id="sig-1"></div><div></div>');
    expect(classAndId(body.firstElementChild!)).toBe('post signature sig-1');
    expect(classAndId(body.lastElementChild!).trim()).toBe('');
  });
});
