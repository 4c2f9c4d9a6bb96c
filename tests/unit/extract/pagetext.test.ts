/**
 * Pages that are not articles (a service's landing page, a forum thread, a product) are read whole:
 * every section of the main region, not the one block paragraph voting liked best — but never the
 * menus, footer or cookie dialog around it, and articles are left exactly as they were.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';
import { mainRegionText } from '../../../utils/extract/pagetext';
import { measure } from '../../../utils/extract/stats';
import { articleTextOf } from '../../../utils/extract/text';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
/** Either way of reading a non-article page whole: its main region, or its listing region (listing.ts). */
const READ_WHOLE = /^not an article: the (main region of the page|text of its listing region)$/;
const readWhole = (reasons: string[]) => reasons.some((reason) => READ_WHOLE.test(reason));

const menu = Array.from({ length: 12 }, (_, i) => `<li><a href="/m/${i}">Menu entry ${i + 1}</a></li>`).join('');
const footer = `<footer class="site-footer"><ul>${Array.from({ length: 10 }, (_, i) => `<li><a href="/f/${i}">Footer link ${i + 1}</a></li>`).join('')}</ul></footer>`;
const cookieText = '<label>We and our partners store and access information on your device, such as cookies, to measure audiences and improve our services. You can accept or refuse these purposes at any time.</label>';
const cookieDialog = `<div id="consent-sdk" class="cookie-banner">${cookieText.repeat(8)}</div>`;

const feature = (name: string) =>
  `<section class="feature"><div class="container"><h2>${name} tools</h2><p>All in one place.</p><ul><li>Boards and lists</li><li>Shared calendars</li></ul></div></section>`;

const LANDING = `<html><head><title>Acme CRM - simple CRM for small business</title></head><body>
<header class="header"><nav><ul>${menu}</ul></nav></header>
<section class="hero"><div class="container"><h1>Simple CRM. Clean and affordable.</h1><p>Used in 80 countries.</p></div></section>
<section class="tools"><div class="container"><p>Acme is a real bargain for small businesses: pay for one CRM, and get a dialer, web forms, a lead clipper and a card scanner for free, without extra setup.</p></div></section>
${['Sales', 'Marketing', 'Support', 'Billing', 'Hiring', 'Projects', 'Reporting', 'Onboarding'].map(feature).join('\n')}
${footer}${cookieDialog}</body></html>`;

describe('a page that is not an article', () => {
  it('a landing page keeps every section, not only its one paragraph of prose, and leaves menus, footer and a large cookie dialog out', () => {
    const result = extractArticle(parse(LANDING), 'https://www.acme-crm.example/');
    expect(result.isArticle).toBe(false);
    expect(readWhole(result.reasons)).toBe(true);
    for (const name of ['Sales', 'Marketing', 'Onboarding']) expect(result.text).toContain(`${name} tools`);
    expect(result.text).toContain('a real bargain for small businesses');
    expect(result.text).toContain('Used in 80 countries.');
    expect(result.text).not.toContain('Menu entry');
    expect(result.text).not.toContain('Footer link');
    expect(result.text).not.toContain('partners store and access');
    // The result still reproduces its own text, which highlights are anchored to.
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
  });

  it('stays inside the <main> landmark when the page has one', () => {
    const storeList = `<div class="stores">${Array.from({ length: 30 }, (_, i) => `<label>Store number ${i + 1}, open every day from nine to six</label>`).join('')}</div>`;
    const withMain = LANDING.replace('<section class="hero">', '<main><section class="hero">').replace(footer, `</main>${storeList}${footer}`);
    const result = extractArticle(parse(withMain), 'https://www.acme-crm.example/');
    expect(readWhole(result.reasons)).toBe(true);
    expect(result.text).toContain('Onboarding tools');
    expect(result.text).not.toContain('Store number');
  });

  it('goes into a wrapper classed as navigation when it holds the prose of the page rather than links', () => {
    const sections = LANDING.slice(LANDING.indexOf('<section class="hero">'), LANDING.indexOf('<footer'));
    const wrapped = `<html><head><title>Functions - serverless compute</title></head><body><div class="grid">
<header class="header"><nav><ul>${menu}</ul></nav></header>
<div class="layout"><div class="secondary-sticky-nav"><ul class="anchors"><li><a href="#overview">Overview</a></li><li><a href="#pricing">Pricing</a></li></ul>
${sections}</div><div class="promo-strip"><a href="/offer">Start free</a> <span>Limited offer for new customers this month only</span></div></div>
${footer}</div></body></html>`;
    const result = extractArticle(parse(wrapped), 'https://cloud.example.com/products/functions');
    expect(readWhole(result.reasons)).toBe(true);
    expect(result.text).toContain('Onboarding tools');
    expect(result.text).toContain('a real bargain for small businesses');
    expect(result.text).not.toContain('Limited offer for new customers');
    expect(result.text).not.toContain('Footer link');
  });

  it('keeps a product description alone when the region around it would add only a little (a buy box, a list of links)', () => {
    const description = '<p>This 4-in/4-out USB-C audio interface has updated preamps, a custom headphone amp, loopback, and enough outputs for two sets of monitors.</p>'.repeat(6);
    const product = `<html><head><title>Scarlett 4i4 audio interface</title></head><body><header><nav><ul>${menu}</ul></nav></header>
<div class="product"><div class="buy"><span>$249.99</span> <span>In stock, ships in 2 days from our warehouse.</span> <span>Free returns within 30 days.</span></div><div class="description">${description}</div>
<ul class="accessories">${Array.from({ length: 24 }, (_, i) => `<li><a href="/a/${i}">Studio accessory number ${i + 1}</a></li>`).join('')}</ul></div>${footer}</body></html>`;
    const result = extractArticle(parse(product), 'https://shop.example.com/store/detail/scarlett-4i4');
    expect(result.isArticle).toBe(false);
    expect(readWhole(result.reasons)).toBe(false);
    expect(result.text).toContain('custom headphone amp');
    expect(result.text).not.toContain('In stock');
    expect(result.text).not.toContain('Footer link');
  });

  it('leaves an article alone, however many teaser sections sit beside it', () => {
    const paragraph = '<p>The council met on Tuesday to agree the budget, after months of debate, and voted to fund the new library and two schools.</p>';
    const article = `<html><head><title>Council agrees the budget</title><meta property="og:type" content="article">
<meta property="article:published_time" content="2026-03-03T09:00:00+00:00"></head><body><header><nav><ul>${menu}</ul></nav></header>
<div class="layout"><article><h1>Council agrees the budget</h1>${paragraph.repeat(5)}</article><div class="more">
${['Sales', 'Marketing', 'Support', 'Billing', 'Hiring', 'Projects', 'Reporting', 'Onboarding', 'Payroll', 'Legal'].map(feature).join('\n')}</div></div>${footer}</body></html>`;
    const result = extractArticle(parse(article), 'https://news.example.com/2026/03/03/council-agrees-the-budget');
    expect(result.isArticle).toBe(true);
    expect(readWhole(result.reasons)).toBe(false);
    expect(result.text).toContain('fund the new library');
    expect(result.text).not.toContain('Onboarding tools');
  });
});

describe('the main region of a page that is not an article, read as a listing', () => {
  const tiles = Array.from(
    { length: 16 },
    (_, i) => `<li><a href="/c/${i}">Category tile number ${i + 1}: desks and storage</a></li>`,
  ).join('');

  it('keeps the link-heavy tiles of the region beside its sections, which article cleaning would drop', () => {
    const catalogue = LANDING.replace(footer, `<section class="categories"><h2>Shop by category</h2><ul class="tiles">${tiles}</ul></section>${footer}`);
    const result = extractArticle(parse(catalogue), 'https://www.acme-crm.example/');
    expect(result.isArticle).toBe(false);
    expect(readWhole(result.reasons)).toBe(true);
    expect(result.text).toContain('Onboarding tools');
    expect(result.text).toContain('Category tile number 1: desks and storage');
    expect(result.text).toContain('Category tile number 16: desks and storage');
    expect(result.text).not.toContain('Menu entry');
    expect(result.text).not.toContain('Footer link');
    expect(result.text).not.toContain('partners store and access');
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
  });

  it('is not taken when article cleaning leaves the region empty: nothing there shows more than the root', () => {
    const doc = parse(`<html><body><p id="scrap"></p><main><div class="cards"><ul>${tiles}</ul><ul>${tiles}</ul><ul>${tiles}</ul></div></main>${footer}</body></html>`);
    const body = doc.body!;
    const stats = measure(body);
    expect(mainRegionText(body, doc.getElementById('scrap')!, '', stats, {}, '')).toBeUndefined();
  });
});

describe('tabs and accordions on a page that is not an article', () => {
  const tabs = `<section class="plans"><div role="tablist"><button role="tab" id="t1" aria-controls="p1">Monthly</button><button role="tab" id="t2" aria-controls="p2">Yearly</button></div>
<div role="tabpanel" id="p1" aria-labelledby="t1"><p>Monthly plan: pay as you go, cancel at any time from your account page.</p></div>
<div role="tabpanel" id="p2" aria-labelledby="t2" hidden><p>Yearly plan: two months free when you pay for the whole year up front.</p></div></section>`;
  const faq = `<section class="faq"><h2>Questions</h2><h3><button id="q1" aria-controls="a1" aria-expanded="false">Can I import my contacts?</button></h3>
<div id="a1" role="region" aria-labelledby="q1" style="display: none"><p>Yes: upload a spreadsheet and every column is matched to a contact field.</p></div></section>`;
  const dialog = `<div role="dialog" aria-labelledby="d1" hidden><h2 id="d1">Sign in</h2><p>Enter the address and password of your Acme account here.</p></div>`;
  const page = LANDING.replace(footer, `${tabs}${faq.replace('</section>', `${dialog}</section>`)}${footer}`);

  it('reads the hidden panels as if open, but not a hidden dialog, and still reproduces its own text', () => {
    const result = extractArticle(parse(page), 'https://www.acme-crm.example/');
    expect(result.isArticle).toBe(false);
    expect(result.text).toContain('Monthly plan: pay as you go');
    expect(result.text).toContain('Yearly plan: two months free');
    expect(result.text).toContain('every column is matched to a contact field');
    expect(result.text).not.toContain('password of your Acme account');
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
  });

  it('reads the hidden panels in any text, but not a hidden dialog nor a hidden block that nothing opens', () => {
    const promo = `<div class="promo" hidden><p>Spring sale: every plan is half price until the end of the month.</p></div>`;
    const doc = parse(`<html><body>${tabs}${faq}${dialog}${promo}</body></html>`);
    const text = articleTextOf(doc.body!);
    expect(text).toContain('Monthly plan');
    expect(text).toContain('Yearly plan');
    expect(text).toContain('every column is matched');
    expect(text).not.toContain('password of your Acme account');
    expect(text).not.toContain('Spring sale');
  });

  it('reads a hidden tab of links: known by its role, it is the page\'s own', () => {
    const forms = `<div role="tablist"><button role="tab" id="t3" aria-controls="p3">Forms</button></div>
<div role="tabpanel" id="p3" aria-labelledby="t3" style="display:none"><h3>Permits and forms</h3><ul><li><a href="/f/1">Building permit application</a></li><li><a href="/f/2">Complaint form for residents</a></li><li><a href="/f/3">Temporary use permit application</a></li></ul></div>`;
    const text = articleTextOf(parse(`<html><body>${forms}</body></html>`).body!);
    expect(text).toContain('Complaint form for residents');
  });
});
