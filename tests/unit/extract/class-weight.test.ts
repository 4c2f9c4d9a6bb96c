/**
 * classWeight looks class words up in sets instead of matching one case-insensitive pattern per list:
 * it must weigh every class and id as those patterns did on the names lower-cased. (Lower-casing first
 * differs from the patterns' own case folding for two characters no class name uses: the dotted capital
 * İ and the Kelvin sign K, which it turns into ASCII letters; no page of the shared corpora has either
 * in a class or id.)
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { classWeight } from '../../../utils/extract/generic';

/** The patterns classWeight was defined by (applied to the names lower-cased). */
const NEGATIVE =
  /(^|[\s_-])(hidden|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media-credit|meta|outbrain|promo|related|relate|scroll|share|sharing|shoutbox|sidebar|skyscraper|sponsor|shopping|tags?|taboola|widget|social|breadcrumbs?|newsletter|subscribe|signup|popup|modal|cookie|consent|advert|ads?|adv|byline|author-box|toolbar|tool|print|rating|pagination|pager|navbar|nav|menu|login|search|disqus|recommend|most-?read|trending|cate-name|tinlienquan|lienquan|tin-khac|tinkhac|box-news|list-news)([\s_-]|$)/i;
const POSITIVE =
  /(^|[\s_-])(article|body|content|entry|hentry|h-entry|main|page|pagination-none|post|text|blog|story|detail|chitiet|noidung|news-content|cms-body|afcbc-body|govspeak|journal-content-article|richhtmlfield)([\s_-]|$)/i;
const BUILDER_WIDGET = /(^|\s)(elementor|hs_cos_wrapper)[-_]widget(?=[\s_-]|$)/gi;

function byPatterns(el: Element): number {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase().replace(BUILDER_WIDGET, '$1$2');
  if (!names.trim()) return 0;
  return (NEGATIVE.test(names) ? -25 : 0) + (POSITIVE.test(names) ? 25 : 0);
}

const { document } = parseHTML('<!doctype html><html><body></body></html>');
const element = (className: string | null, id: string | null = null): Element => {
  const el = document.createElement('div');
  if (className !== null) el.setAttribute('class', className);
  if (id !== null) el.setAttribute('id', id);
  return el as unknown as Element;
};

describe('classWeight', () => {
  it.each([
    ['detail-content afcbc-body', 25],
    ['sidebar', -25],
    ['post-sidebar', 0],
    ['COMMENT-list', -25 + 0],
    ['com-', -25],
    ['com--x', -25],
    ['com-x', 0],
    ['journal-content-article', 25],
    ['journal-content_article', 25],
    ['most-read mostread', -25],
    ['elementor-widget-container', 0],
    ['elementor-widget', 0],
    ['x-widget', -25],
    ['hs_cos_wrapper_widget', 0],
    ['Medıa-credit', 0],
    ['\u0130tem-page', 25],
    ['tag\u212a', 0],
    ['tin-\u212ahac', -25],
    ['s\u212ayscraper page', 0],
    ['  ', 0],
  ])('weighs "%s" %i', (className, weight) => {
    expect(classWeight(element(className))).toBe(weight);
    expect(byPatterns(element(className))).toBe(weight);
  });

  it('splits words at every character the patterns took for white space, and only there', () => {
    // A stand-in element: a parser may drop or trim some of these characters in attribute values.
    let value = '';
    const el = { getAttribute: (name: string) => (name === 'class' ? value : null) } as unknown as Element;
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const className of [`x${c}tag${c}y`, `main${c}`, `${c}page`]) {
        value = className;
        const [weight, expected] = [classWeight(el), byPatterns(el)];
        if (weight !== expected) expect(weight, `U+${code.toString(16)} in "${className}"`).toBe(expected);
      }
    }
  }, 60_000);

  it('weighs random class names and ids as the patterns did', () => {
    const pieces = [
      'hidden', 'com', 'com-', 'media', 'credit', 'media-credit', 'tag', 'tags', 'ad', 'ads', 'most', 'read', 'most-read', 'tin', 'khac',
      'h', 'entry', 'pagination', 'none', 'news', 'content', 'journal', 'article', 'cms', 'body', 'afcbc', 'widget', 'elementor',
      'hs_cos_wrapper', 'box', 'list', 'cate', 'name', 'author', 'nav', 'x', 'İ', 'K', 'ß', 'é', 'ı', 'Σ', 'main', 'page', 'post',
    ];
    const separators = ['', ' ', '-', '_', '\t', '\n', '\u00a0', '\u2003', '.', ':', '--', ' -'];
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const casing = (text: string) => [text, text.toUpperCase(), text[0]!.toUpperCase() + text.slice(1)][random(3)]!;
    const name = () => {
      let text = separators[random(separators.length)]!;
      for (let count = 1 + random(5); count > 0; count--) text += casing(pieces[random(pieces.length)]!) + separators[random(separators.length)]!;
      return text;
    };
    for (let i = 0; i < 20_000; i++) {
      const el = element(random(8) === 0 ? null : name(), random(3) === 0 ? name() : null);
      expect(classWeight(el), `${el.getAttribute('class')} #${el.getAttribute('id')}`).toBe(byPatterns(el));
    }
  });
});
