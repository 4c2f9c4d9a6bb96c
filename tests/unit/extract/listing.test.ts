/**
 * Pages that are not articles (a news section, a shop category): the reader gets the items' titles
 * and snippets, with the page heading and intro, and without the menus, filters, pagination and
 * footer around them.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';
import { PROSE_FIRST_CONFIDENCE, listingContent, listingExcluded, repeatedShortBlocks, scrapShare } from '../../../utils/extract/listing';
import { mainLandmark } from '../../../utils/extract/generic';
import { measure } from '../../../utils/extract/stats';
import { articleTextOf } from '../../../utils/extract/text';

const parse = (html: string) => parseHTML(html).document as unknown as Document;

const textOf = (html: string) => {
  const body = parse(html).body!;
  const stats = measure(body);
  return articleTextOf(body, listingExcluded(body, stats));
};

const headlineCards = (count: number) =>
  Array.from(
    { length: count },
    (_, i) =>
      `<div class="card"><h3><a href="/science/story-${i}">Researchers map the deep ocean floor in survey number ${i + 1}</a></h3>` +
      `<p><a href="/science/story-${i}">A short summary of finding ${i + 1} for readers.</a></p></div>`,
  ).join('');

const menu = '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/science">Science</a> <a href="/sport">Sport</a></nav>';
const pages = '<div class="pagination"><a href="?p=1">1</a> <a href="?p=2">2</a> <a href="?p=3">3</a> <a href="?p=2">Next</a></div>';
const footer = '<footer><a href="/about">About the newsroom</a> <a href="/privacy">Privacy policy</a></footer>';

describe('listingExcluded', () => {
  it('keeps link-heavy item cards, whose headlines are the content', () => {
    const text = textOf(`<html><body><div class="list">${headlineCards(6)}</div></body></html>`);
    expect(text).toContain('Researchers map the deep ocean floor in survey number 1');
    expect(text).toContain('A short summary of finding 6 for readers.');
  });

  it('drops navigation, pagination and the footer around the items', () => {
    const text = textOf(`<html><body>${menu}<div class="list">${headlineCards(6)}</div>${pages}${footer}</body></html>`);
    expect(text).toContain('survey number 3');
    expect(text).not.toContain('World');
    expect(text).not.toContain('Next');
    expect(text).not.toContain('Privacy policy');
  });

  it('drops a side navigation of links longer than the page it sits beside, but not a menu that is the whole region', () => {
    const chapters = Array.from({ length: 20 }, (_, i) => `<li><a href="/docs/chapter-${i}">Handbook chapter number ${i + 1}</a></li>`).join('');
    const sidebar = `<nav aria-label="sidebar"><ul>${chapters}</ul></nav>`;
    const page = '<div class="doc"><h1>Conditional types</h1><p>A conditional type picks one of two types from a test on a type, written like a ternary expression. The test is an extends clause, and the two branches follow the question mark and the colon.</p></div>';
    const text = textOf(`<html><body><main>${sidebar}${page}</main></body></html>`);
    expect(text).toContain('written like a ternary expression');
    expect(text).not.toContain('Handbook chapter number 7');
    // A sitemap whose only content is its menu keeps it.
    expect(textOf(`<html><body><main>${sidebar}</main></body></html>`)).toContain('Handbook chapter number 7');
  });

  it('drops a block named sidebar that is a third of the region, as it drops an <aside>, but not one that is most of it', () => {
    const trending = Array.from({ length: 3 }, (_, i) => `<li><a href="/t/${i}">Trending thread number ${i + 1} about graphics cards</a> Started by member${i}, replies ${i * 7}</li>`).join('');
    const sidebar = `<div class="p-body-sidebar"><h3>Trending threads</h3><ul>${trending}</ul></div>`;
    const posts = '<div class="posts"><p>Which of these two graphics cards is faster for 1440p gaming at high settings, and is the difference worth the price?</p><p>The first one is about fifteen percent faster in most games at that resolution, and it draws less power too.</p><p>Thanks, I will get the first one then, since the power supply I have is already close to its limit with the old card.</p></div>';
    const text = textOf(`<html><body><div class="p-body">${posts}${sidebar}</div></body></html>`);
    expect(text).toContain('fifteen percent faster');
    expect(text).not.toContain('Trending thread number 2');
    expect(textOf(`<html><body><div class="p-body"><p>Thanks.</p>${sidebar}</div></body></html>`)).toContain('Trending thread number 2');
  });

  it('reads a form of prose with only hidden inputs (a comment wrapped for editing in place), and drops forms to operate', () => {
    const comment = (id: number, words: string) =>
      `<div class="comment"><p class="tagline">user${id} 12 points 3 hours ago</p><form action="#" class="usertext"><input type="hidden" name="thing_id" value="t1_${id}">` +
      `<div class="md"><p>${words}</p></div></form></div>`;
    const comments = [
      comment(1, 'Might this also be a cure for tinnitus if new hair cells could be grown in the inner ear?'),
      comment(2, 'Those are different cells, but the same idea could probably work for them in a few years.'),
      comment(3, 'I will wear mouse hair if that is what it takes, honestly, the sooner the better.'),
      comment(4, 'The study was carried out in mice, so human trials are still a long way off.'),
    ].join('');
    const reply = '<form action="/comment"><textarea name="text"></textarea><button type="submit">Save your reply</button></form>';
    const jump = '<form action="/r/"><input type="hidden" name="v" value="1"><a href="/r/a">Jump to the front page</a> <a href="/r/b">Jump to all</a></form>';
    const text = textOf(`<html><body><div class="thread">${comments}${reply}${jump}</div></body></html>`);
    expect(text).toContain('cure for tinnitus');
    expect(text).toContain('human trials are still a long way off');
    expect(text).not.toContain('Save your reply');
    expect(text).not.toContain('Jump to the front page');
  });

  it('drops the site’s copyright line left in the region, but not a sentence about copyright', () => {
    const text = textOf(
      `<html><body><div class="list">${headlineCards(4)}</div><p>Copyright law protects the survey maps for seventy years.</p>` +
        '<div class="legal">© 2026 Ocean Survey Press Ltd. All rights reserved.</div></body></html>',
    );
    expect(text).toContain('survey number 4');
    expect(text).toContain('Copyright law protects the survey maps');
    expect(text).not.toContain('Ocean Survey Press');
  });

  it('drops a generated manual’s previous / up / next bars', () => {
    const bar = (name: string) =>
      `<div class="${name}"><table><tr><td><a href="ch10.html">Prev</a></td><td><a href="part2.html">Up</a></td><td><a href="ch11s01.html">Next</a></td></tr>` +
      '<tr><td>10.6. Output Columns</td><td><a href="index.html">Home</a></td><td>11.1. Introduction</td></tr></table></div>';
    const chapter = '<div class="chapter"><h2>Chapter 11. Indexes</h2><p>Indexes are a common way to enhance database performance, at a cost in writes.</p></div>';
    const text = textOf(`<html><body>${bar('navheader')}${chapter}${bar('navfooter')}</body></html>`);
    expect(text).toContain('enhance database performance');
    expect(text).not.toContain('Output Columns');
  });

  it('drops a cookie-consent centre longer than the page it covers', () => {
    const purposes = Array.from({ length: 6 }, (_, i) => `<h4>Purpose ${i + 1}</h4><p>Partners may store and read information on your device for purpose number ${i + 1}.</p>`).join('');
    const thread = '<div class="thread"><h1>Best trail in the valley?</h1><p>I walked the river loop last weekend and it was quiet and well marked.</p></div>';
    const text = textOf(`<html><body>${thread}<div id="onetrust-consent-sdk"><div class="pc-panel">${purposes}</div></div></body></html>`);
    expect(text).toContain('river loop');
    expect(text).not.toContain('purpose number 3');
  });

  it('drops a shop’s filter panel and sort form by their class words and tag', () => {
    const products = Array.from({ length: 8 }, (_, i) => `<li class="product"><a href="/p/${i}">Trail running shoe model ${i + 1}</a><span>$${120 + i}</span></li>`).join('');
    const filters = '<div class="product-filters"><h4>Brand</h4><ul><li>Acme</li><li>Trailco</li></ul><h4>Colour</h4><ul><li>Red</li><li>Blue</li></ul></div>';
    const sort = '<form><label>Sort order</label><select><option>Price</option></select></form>';
    const text = textOf(`<html><body><h1>Running shoes</h1>${filters}${sort}<ul class="grid">${products}</ul></body></html>`);
    expect(text).toContain('Running shoes');
    expect(text).toContain('Trail running shoe model 8');
    expect(text).toContain('$127');
    expect(text).not.toContain('Trailco');
    expect(text).not.toContain('Sort order');
  });

  it('keeps a region whose class looks like furniture when it holds most of the page', () => {
    // "sidebar-layout" wraps everything: a class word alone does not take the content with it.
    const text = textOf(`<html><body><div class="sidebar-layout">${headlineCards(6)}</div><p>Small print.</p></body></html>`);
    expect(text).toContain('survey number 6');
  });

  it('drops tool phrases and boilerplate headings, not ordinary short item titles', () => {
    const text = textOf(`<html><body><div>${headlineCards(4)}<p>Share</p><h2>Related stories</h2><p>Tea towels</p></div></body></html>`);
    expect(text).not.toMatch(/^Share$/m);
    expect(text).not.toContain('Related stories');
    expect(text).toContain('Tea towels');
  });

  it('drops the result count, sort and filter controls and skip links said in words, keeping items that mention them', () => {
    const products = Array.from({ length: 6 }, (_, i) => `<li><a href="/p/${i}">Desk organiser number ${i + 1}</a><span>$${20 + i}</span></li>`).join('');
    const controls =
      '<div><a href="#grid">Skip to results</a></div><div><span>Showing 1–24 of 312 products</span></div>' +
      '<div><span>Sort by: Best match</span></div><div><button>Filters</button><span>Filters</span></div><p>24 per page</p><p>Sắp xếp theo:</p>';
    const text = textOf(`<html><body><h1>Desk organisers</h1>${controls}<ul>${products}<li><a href="/p/t">312 products tested in our lab</a></li></ul></body></html>`);
    for (const control of ['Skip to results', 'Showing 1–24', 'Best match', 'Filters', 'per page', 'Sắp xếp']) expect(text).not.toContain(control);
    expect(text).toContain('Desk organisers');
    expect(text).toContain('Desk organiser number 6');
    expect(text).toContain('$25');
    expect(text).toContain('312 products tested in our lab');
  });

  it("drops an item card's own buttons and a filter count, keeping item names that contain the words", () => {
    const buttons = ['Quick view', 'Add to cart', 'Add to wishlist', 'Compare', 'More options', 'Shop now', 'Apply now'];
    // Each card carries a different button, so it is the phrase, not its repetition, that drops it.
    const products = buttons.map((button, i) => `<li><a href="/p/${i}">Ceramic planter number ${i + 1}</a><span>$${30 + i}</span><div><button>${button}</button></div></li>`).join('');
    const text = textOf(
      `<html><body><h1>Planters</h1><div><span>Filters (2)</span></div><ul>${products}<li><a href="/p/c">Compare our planters by size</a></li></ul></body></html>`,
    );
    for (const control of [...buttons, 'Filters']) expect(text).not.toMatch(new RegExp(`^${control}( \\(\\d+\\))?$`, 'm'));
    expect(text).toContain('Ceramic planter number 7');
    expect(text).toContain('$36');
    expect(text).toContain('Compare our planters by size');
  });
});

describe('listingExcluded: text a reader does not see or read', () => {
  it('drops screen-reader-only text inside the items, under each framework’s class name', () => {
    const cards = ['sr-only', 'visually-hidden', 'screen-reader-text', 'plp-product__visually-hidden']
      .map((hiddenClass, i) => `<li class="product"><a href="/p/${i}">Oak bookcase model ${i + 1}</a><span class="${hiddenClass}">Price including sales tax</span><span>$${80 + i}</span></li>`)
      .join('');
    const text = textOf(`<html><body><h1>Bookcases</h1><ul class="grid">${cards}</ul></body></html>`);
    expect(text).toContain('Oak bookcase model 4');
    expect(text).toContain('$83');
    expect(text).not.toContain('Price including sales tax');
  });

  it('drops it under the other conventions too: Foundation, older WordPress themes, Amazon-style off-screen prices', () => {
    const cards = ['show-for-sr', 'assistive-text', 'screenreader', 'screenreader-only', 'a-offscreen', 'hidden-visually']
      .map((hiddenClass, i) => `<li class="product"><a href="/p/${i}">Walnut side table model ${i + 1}</a><span class="${hiddenClass}">Current price is</span><span>$${120 + i}</span></li>`)
      .join('');
    const text = textOf(`<html><body><h1>Side tables</h1><ul class="grid">${cards}</ul></body></html>`);
    expect(text).toContain('Walnut side table model 6');
    expect(text).toContain('$125');
    expect(text).not.toContain('Current price is');
  });

  it('keeps text Tailwind shows again with not-sr-only, and classes that only contain the words', () => {
    const text = textOf(
      `<html><body><div class="list">${headlineCards(4)}<p class="not-sr-only">Shown to every reader again</p><p class="sr-only-note-card">A card named after the convention</p></div></body></html>`,
    );
    expect(text).toContain('Shown to every reader again');
    expect(text).toContain('A card named after the convention');
  });

  it('drops the labels of option choices and filters, keeping the item names', () => {
    const choices = ['White', 'Black-brown', 'Oak effect'].map((colour) => `<label><input type="radio" name="c">${colour}</label>`).join('');
    const cards = Array.from({ length: 4 }, (_, i) => `<div class="card"><h3><a href="/p/${i}">Wall shelf unit ${i + 1}</a></h3><fieldset>${choices}</fieldset></div>`).join('');
    const text = textOf(`<html><body><div class="results">${cards}</div></body></html>`);
    expect(text).toContain('Wall shelf unit 4');
    expect(text).not.toContain('Oak effect');
  });

  it('drops dialogs, tooltips and status notices over the listing', () => {
    const text = textOf(
      `<html><body><div class="list">${headlineCards(5)}<dialog open><p>Sign up for our weekly science digest today</p></dialog>` +
        `<div role="status">Item added to your reading list</div><span role="tooltip">Saved stories sync across devices</span></div></body></html>`,
    );
    expect(text).toContain('survey number 5');
    expect(text).not.toContain('weekly science digest');
    expect(text).not.toContain('added to your reading list');
    expect(text).not.toContain('sync across devices');
  });
});

describe('repeatedShortBlocks', () => {
  const jobCards = (count: number) =>
    Array.from(
      { length: count },
      (_, i) =>
        `<div class="job"><h3><a href="/jobs/${i}">Backend engineer for payments team ${i + 1}</a></h3>` +
        `<p>Build the ledger service for client ${i + 1}.</p><div class="badge">Actively hiring</div><div><a href="/save/${i}">Save for later</a></div></div>`,
    ).join('');

  it('reads a badge or button that every item repeats once, keeping each item’s own text', () => {
    const doc = parse(`<html><body><main><h1>Remote jobs</h1>${jobCards(5)}</main></body></html>`);
    const { text } = listingContent(doc.body!, measure(doc.body!));
    expect(text.match(/Actively hiring/g)).toHaveLength(1);
    expect(text.match(/Save for later/g)).toHaveLength(1);
    expect(text).toContain('Backend engineer for payments team 5');
    expect(text).toContain('Build the ledger service for client 5.');
  });

  it('recognises a Vietnamese label repeated with its marks composed differently', () => {
    const label = 'Tuyển gấp';
    const cards = [label.normalize('NFC'), label.normalize('NFD'), label.normalize('NFC')]
      .map((badge, i) => `<div class="job"><h3><a href="/viec/${i}">Kỹ sư phần mềm số ${i + 1}</a></h3><div class="badge">${badge}</div></div>`)
      .join('');
    const doc = parse(`<html><body><main>${cards}</main></body></html>`);
    const { text } = listingContent(doc.body!, measure(doc.body!));
    expect(text.normalize('NFC').match(/Tuyển gấp/g)).toHaveLength(1);
    expect(text).toContain('Kỹ sư phần mềm số 3');
  });

  it('does not count a wrapper and its only child as a repeat of each other', () => {
    const doc = parse('<html><body><div><div><p>Only once on the page</p></div></div><p>Something else</p></body></html>');
    const body = doc.body!;
    expect(repeatedShortBlocks(body, measure(body), [])).toEqual([]);
  });

  it('leaves long repeated passages to the page, comparing only short blocks', () => {
    const long = `<p>${'A long paragraph that the page prints twice, once for narrow screens and once for wide ones. '.repeat(4)}</p>`;
    const doc = parse(`<html><body><div>${long}</div><div>${long}</div></body></html>`);
    const body = doc.body!;
    expect(repeatedShortBlocks(body, measure(body), [])).toEqual([]);
  });

  it('weighs the prose root against the listing as shown, repeats included', () => {
    const doc = parse(`<html><body><main>${jobCards(6)}</main></body></html>`);
    const content = listingContent(doc.body!, measure(doc.body!));
    expect(content.shownLength).toBeGreaterThan(content.text.length);
    expect(articleTextOf(content.root, content.excluded)).toBe(content.text);
  });
});

describe('mainLandmark', () => {
  it('finds the one <main> or role="main" element, outermost first', () => {
    const doc = parse('<html><body><div role="main" id="outer"><main id="inner"><p>Body text</p></main></div><p>Other</p></body></html>');
    expect(mainLandmark(doc.body!, measure(doc.body!))?.id).toBe('outer');
  });

  it('gives nothing when the page marks two separate main regions or an empty one', () => {
    const two = parse('<html><body><main><p>One</p></main><main><p>Two</p></main></body></html>');
    expect(mainLandmark(two.body!, measure(two.body!))).toBeUndefined();
    const empty = parse('<html><body><main></main><p>Text outside</p></body></html>');
    expect(mainLandmark(empty.body!, measure(empty.body!))).toBeUndefined();
  });

  it('makes the landmark the listing root, leaving the header’s promotions outside', () => {
    const doc = parse(`<html><body><div class="promo-strip"><p>Free delivery on every order this weekend only</p></div><main><h1>Science</h1>${headlineCards(5)}</main></body></html>`);
    const content = listingContent(doc.body!, measure(doc.body!));
    expect(content.root.tagName).toBe('MAIN');
    expect(content.text).toContain('Science');
    expect(content.text).not.toContain('Free delivery');
  });
});

const SECTION_PAGE = `<html><head><title>Science news</title></head><body>
${menu}
<main><h1>Science</h1><p>The latest from our science desk.</p>
<div class="stream">${headlineCards(20)}</div>${pages}</main>${footer}</body></html>`;

describe('extractArticle on a page that is not an article', () => {
  it('returns the headlines and summaries of a news section, not one scrap of prose', () => {
    const result = extractArticle(parse(SECTION_PAGE), 'https://news.example.com/science/');
    expect(result.isArticle).toBe(false);
    expect(result.reasons).toContain('not an article: the text of its listing region');
    expect(result.text).toContain('Researchers map the deep ocean floor in survey number 1');
    expect(result.text).toContain('A short summary of finding 20 for readers.');
    expect(result.text).toContain('The latest from our science desk.');
    expect(result.text).not.toContain('Privacy policy');
    expect(result.text).not.toContain('Next');
  });

  it('keeps the text contract: root and excluded reproduce the text', () => {
    const result = extractArticle(parse(SECTION_PAGE), 'https://news.example.com/science/');
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
  });

  it('reads a shop category whose intro is over half of what it shows as its items, but keeps a product page’s description', () => {
    const intro = '<p>Our reading lamps are made in our own workshop from brass and linen, wired by hand and tested one by one, and every lamp comes with a ten year guarantee.</p>';
    const tiles = Array.from({ length: 10 }, (_, i) => `<li><a href="/lamp/${i}">Brass reading lamp model ${i + 1}</a> <span>$${80 + i}</span></li>`).join('');
    const html = `<html><head><title>Reading lamps</title></head><body>${menu}<main><h1>Reading lamps</h1><div class="intro">${intro.repeat(3)}</div><ul class="grid">${tiles}</ul></main>${footer}</body></html>`;
    const category = extractArticle(parse(html), 'https://lamps.example.com/collections/reading-lamps');
    expect(category.isArticle).toBe(false);
    expect(category.reasons).toContain('not an article: the text of its listing region');
    expect(category.text).toContain('ten year guarantee');
    expect(category.text).toContain('Brass reading lamp model 10');
    const product = extractArticle(parse(html), 'https://lamps.example.com/products/reading-lamp');
    expect(product.isArticle).toBe(false);
    expect(product.reasons).not.toContain('not an article: the text of its listing region');
    expect(product.text).toContain('ten year guarantee');
    expect(product.text).not.toContain('Brass reading lamp model 10');
    // The intro (the product page's text) is more than half and less than seven tenths of the listing.
    const body = parse(html).body!;
    const { shownLength } = listingContent(body, measure(body));
    expect(product.text.length).toBeGreaterThan(shownLength * 0.5);
    expect(product.text.length).toBeLessThan(shownLength * 0.7);
  });

  it('asks more of the listing before it replaces the prose of a page detection nearly took for an article', () => {
    const sure = scrapShare(false, 0.02);
    expect(scrapShare(false, PROSE_FIRST_CONFIDENCE)).toBeLessThan(sure);
    expect(scrapShare(false, 0.45)).toBe(scrapShare(true, 0.02));
    expect(scrapShare(true, 0.02)).toBeLessThan(sure);
  });

  it('keeps the prose root of a non-article page whose prose is most of what it shows', () => {
    const paragraph = '<p>We repair bicycles of every kind, from children’s first bikes to racing machines, in our workshop by the river, and we collect and deliver across the city.</p>';
    const html = `<html><body>${menu}<div class="content">${paragraph.repeat(6)}</div><div class="links"><a href="/book">Book a repair</a></div>${footer}</body></html>`;
    const result = extractArticle(parse(html), 'https://bikes.example.com/');
    expect(result.isArticle).toBe(false);
    expect(result.reasons).not.toContain('not an article: the text of its listing region');
    expect(result.text).toContain('deliver across the city');
    expect(result.text).not.toContain('Book a repair');
  });

  it('leaves an article’s text as article extraction made it, link lists excluded', () => {
    const paragraph = '<p>The council met on Tuesday to agree the budget, after months of debate, and voted to fund the new library.</p>';
    const html = `<html><body>${menu}<article><h1>Council agrees budget</h1>${paragraph.repeat(10)}<ul class="more">${Array.from({ length: 8 }, (_, i) => `<li><a href="/n/${i}">Another council story headline number ${i}</a></li>`).join('')}</ul></article>${footer}</body></html>`;
    const result = extractArticle(parse(html), 'https://news.example.com/2026/05/council-agrees-budget-12345.html');
    expect(result.isArticle).toBe(true);
    expect(result.reasons).not.toContain('not an article: the text of its listing region');
    expect(result.text).toContain('new library');
    expect(result.text).not.toContain('Another council story');
  });
});

describe('the page footer of a non-article page', () => {
  it('is left out even when its footnotes outweigh the items', () => {
    const tiles = Array.from({ length: 6 }, (_, i) => `<li><h3>Smart watch model ${i + 1}</h3><p>The ultimate way to watch your health, now with a brighter display.</p><a href="/watch/${i}">From $${199 + i}</a></li>`).join('');
    const note = '<p>Financing is available to qualified customers, subject to credit approval, and the offer may change at any time without notice.</p>';
    const html = `<html><head><title>Watches</title></head><body><div id="app">${menu}<main><h1>Watches</h1><ul class="grid">${tiles}</ul></main>` +
      `<footer role="contentinfo"><section class="footnotes">${note.repeat(6)}</section></footer></div></body></html>`;
    const result = extractArticle(parse(html), 'https://shop.example.com/watch/');
    expect(result.isArticle).toBe(false);
    expect(result.text).toContain('Smart watch model 6');
    expect(result.text).not.toContain('Financing is available');
  });
});

describe('a page whose main landmark waits hidden for a script', () => {
  it('reads the hidden grid when the main region shows nothing else', () => {
    const tiles = Array.from({ length: 130 }, (_, i) => `<li><a href="/products/${i}">Dark roast coffee blend number ${i + 1}</a> <span>$${19 + i}.99</span></li>`).join('');
    const links = Array.from({ length: 30 }, (_, i) => `<a href="/help/${i}">Customer help topic ${i + 1}</a>`).join(' ');
    const html = `<html><head><title>Coffee</title></head><body><header>${menu}<p>Free shipping on orders over $50 this month only</p></header>` +
      `<main><div class="lock-content" style="display:none;"><h1>Coffee</h1><ul class="grid">${tiles}</ul></div></main>` +
      `<footer>${links}</footer></body></html>`;
    const result = extractArticle(parse(html), 'https://shop.example.com/collections/coffee');
    expect(result.isArticle).toBe(false);
    expect(result.text).toContain('Dark roast coffee blend number 130');
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
  });
});

describe('a prose root hidden by a CSS class convention', () => {
  it('loses to the listing: a hidden promo bar is not the page’s text', () => {
    const promo = '<p>Free standard shipping on qualifying orders. For more information on shipping rates and timelines, please visit our international page.</p>';
    const tiles = Array.from({ length: 12 }, (_, i) => `<li><article><h3><a href="/products/set-${i}">Lip balm trio set ${i + 1}</a></h3><span>€${40 + i},95</span></article></li>`).join('');
    const categories = `<nav>${Array.from({ length: 40 }, (_, i) => `<a href="/c/${i}">Shop category number ${i}</a>`).join(' ')}</nav>`;
    const html = `<html><head><title>Skincare sets</title></head><body><div id="promo-bar" class="promo-bar hide"><div class="promo-bar__slides">${promo.repeat(8)}</div></div>${categories}${menu}` +
      `<main><h1>Skincare sets</h1><ul class="collection">${tiles}</ul></main>${footer}</body></html>`;
    const result = extractArticle(parse(html), 'https://shop.example.com/collections/skincare-sets');
    expect(result.isArticle).toBe(false);
    expect(result.text).toContain('Lip balm trio set 12');
    expect(result.text).not.toContain('Free standard shipping');
  });
});
