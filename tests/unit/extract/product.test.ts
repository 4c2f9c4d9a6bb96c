/**
 * A shop's product page is read for what the product is (its name, description and specifications),
 * without the shop's furniture around it: customer reviews, carousels of other products, prices.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';
import { readMetaTags } from '../../../utils/extract/meta';
import { isInShopFurniture, isProductPage, productFurniture } from '../../../utils/extract/product';
import { measure } from '../../../utils/extract/stats';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const isProduct = (html: string) => {
  const doc = parse(html);
  return isProductPage(doc, readMetaTags(doc));
};
const ld = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const offered = (name: string) => ({ '@context': 'https://schema.org', '@type': 'Product', name, offers: { '@type': 'Offer', price: '20.00', priceCurrency: 'USD' } });

/** The texts of the subtrees productFurniture leaves out of `<main>`. */
function furnitureOf(html: string): string[] {
  const doc = parse(html);
  const stats = measure(doc.body, { anchors: [], h1s: [], articles: 0, mains: [] });
  const main = doc.querySelector('main')!;
  return productFurniture(main, stats).map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
}

const description =
  '<p>Keep your day gear within easy reach in the Trail 25 pack. It is designed to fit a wide range of body types, and it has pockets galore for quick access to all your essentials.</p>';
const specs = '<table><tr><th>Capacity</th><td>25 liters</td></tr><tr><th>Weight</th><td>1 lb. 13 oz.</td></tr><tr><th>Material</th><td>210-denier ripstop nylon</td></tr></table>';
const review = (n: number) =>
  `<li class="review-item"><h4>Great pack number ${n}</h4><p>I used it on many short day hikes and had no complaints at all. The water bottle pouches stretch enough to fit a big bottle.</p><span>Location: Portland</span></li>`;
const card = (n: number) => `<li><a href="/p/${n}">Summit Daypack ${n}</a><span class="price">$${40 + n}.95</span></li>`;

describe('isProductPage: the page declares one product for sale', () => {
  it('one JSON-LD product with an offer is a product page', () => {
    expect(isProduct(`<html><head>${ld(offered('Trail 25 Pack'))}</head><body><h1>Trail 25 Pack</h1></body></html>`)).toBe(true);
  });

  it('a JSON-LD product without an offer (review stars on a service page) is not', () => {
    const stars = { '@type': 'Product', name: 'Pest control services', aggregateRating: { '@type': 'AggregateRating', ratingValue: '5' } };
    expect(isProduct(`<html><head>${ld(stars)}</head><body><h1>Pest control</h1></body></html>`)).toBe(false);
  });

  it("several offered products are a catalogue's grid, even with a product OpenGraph type", () => {
    const head = `${ld([offered('Pot'), offered('Saucer')])}<meta property="og:type" content="product">`;
    expect(isProduct(`<html><head>${head}</head><body><h1>Pots</h1></body></html>`)).toBe(false);
  });

  it('OpenGraph product type or price tags count; product.group (a collection) does not', () => {
    expect(isProduct('<html><head><meta property="og:type" content="product"></head><body><h1>Mug</h1></body></html>')).toBe(true);
    expect(isProduct('<html><head><meta property="product:price:amount" content="12.00"></head><body><h1>Mug</h1></body></html>')).toBe(true);
    expect(isProduct('<html><head><meta property="og:type" content="product.group"></head><body><h1>Mugs</h1></body></html>')).toBe(false);
  });

  it('one or two add-to-cart buttons make a product page; one per item is a grid', () => {
    expect(isProduct('<html><body><h1>Blender</h1><button>Add to cart</button><div class="sticky"><button> Add to Cart </button></div></body></html>')).toBe(true);
    const grid = Array.from({ length: 6 }, (_, i) => `<li>Pot ${i}<button>Add to cart</button></li>`).join('');
    expect(isProduct(`<html><body><h1>Pots</h1><ul>${grid}</ul></body></html>`)).toBe(false);
  });

  it('one schema.org Product in the microdata counts; an article page does not', () => {
    expect(isProduct('<html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Kettle</h1></div></body></html>')).toBe(true);
    expect(isProduct('<html><head><meta property="og:type" content="article"></head><body><h1>News</h1><p>Text.</p></body></html>')).toBe(false);
  });
});

describe('productFurniture: what a product page shows that is not the product', () => {
  it('customer reviews, by the class the shop or its review widget gives them', () => {
    const left = furnitureOf(`<html><body><main><h1>Trail 25 Pack</h1>${description}${specs}<section id="reviews"><ul>${review(1)}</ul></section></main></body></html>`);
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('Great pack number 1');
    // Reviews outweighing the description are still each a review.
    const many = furnitureOf(`<html><body><main><h1>Trail 25 Pack</h1>${description}<div id="reviews"><ul>${review(1)}${review(2)}${review(3)}</ul></div></main></body></html>`);
    expect(many).toHaveLength(3);
    expect(many.join(' ')).not.toContain('pockets galore');
  });

  it('a box headed "You may also like" goes with its heading; the description stays', () => {
    const related = `<div class="carousel-wrap"><h2>You may also like</h2><ul>${card(1)}${card(2)}${card(3)}</ul></div>`;
    const left = furnitureOf(`<html><body><main><h1>Trail 25 Pack</h1>${description}${specs}${related}</main></body></html>`);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^You may also like\s*Summit Daypack 1/);
  });

  it('the same headings as a shop writes them with a colon, and more of their wordings ("You may also enjoy:", "Your recently viewed items", "Recommended accessories")', () => {
    for (const heading of ['YOU MAY ALSO ENJOY:', 'Your recently viewed items', 'Recommended Accessories', 'More to explore :']) {
      const related = `<div class="carousel-wrap"><h2>${heading}</h2><ul>${card(1)}${card(2)}${card(3)}</ul></div>`;
      const left = furnitureOf(`<html><body><main><h1>Trail 25 Pack</h1>${description}${specs}${related}</main></body></html>`);
      expect(left, heading).toHaveLength(1);
      expect(left[0], heading).toContain('Summit Daypack 3');
    }
  });

  it("a heading in its own bar (with a 'See all' link) takes the carousel beside the bar too", () => {
    const related = `<section class="strip"><div class="bar"><div class="title"><h2>Similar items</h2></div><a href="/s">See all items like this one</a></div><ul>${card(1)}${card(2)}${card(3)}</ul></section>`;
    const left = furnitureOf(`<html><body><main><h1>Trail 25 Pack</h1>${description}${specs}${related}</main></body></html>`);
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('Summit Daypack 3');
  });

  it('a "Reviews" tab heading among the product\'s own tabs takes only itself, not the tabs', () => {
    const tabs = `<div class="tabs"><h3>Description</h3>${description}<h3>Reviews</h3><p>No reviews yet for this pack.</p></div>`;
    const left = furnitureOf(`<html><body><main><h1>Trail 25 Pack</h1>${tabs}${specs}</main></body></html>`);
    expect(left).toEqual(['Reviews']);
  });

  it('boxes under headings worded around the phrase: "Explore related items", "Top reviews from other countries", "Seller feedback (7,310)"', () => {
    const box = (heading: string, inner: string) => `<div class="strip"><h2>${heading}</h2><ul>${inner}</ul></div>`;
    const left = furnitureOf(
      `<html><body><main><h1>Trail 25 Pack</h1>${description}${specs}${box('Explore related items', card(1) + card(2) + card(3))}${box('Top reviews from other countries', review(1) + review(2))}${box('Seller feedback (7,310)', review(3) + review(4))}${box('Products related to this item:', card(4) + card(5))}</main></body></html>`,
    );
    expect(left).toHaveLength(4);
    expect(left.join(' ')).toContain('Summit Daypack 5');
    expect(left.join(' ')).not.toContain('pockets galore');
  });

  it('a box whose heading names customers who viewed or bought this item, wherever in the heading', () => {
    const box = `<div class="strip"><h2>This is what customers who viewed this product bought</h2><ul>${card(1)}${card(2)}${card(3)}</ul></div>`;
    const left = furnitureOf(`<html><body><main><h1>Trail 25 Pack</h1>${description}${specs}${box}</main></body></html>`);
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('Summit Daypack 3');
  });

  it('"Editorial reviews" (the publisher\'s blurbs) are the description, not customer reviews', () => {
    const blurbs = `<div class="strip"><h2>Editorial reviews</h2><p>A gripping account of a summer on the trail, told with warmth, precision and humour from the first page to the last one.</p></div>`;
    expect(furnitureOf(`<html><body><main><h1>Trail Notes</h1>${description}${blurbs}</main></body></html>`)).toEqual([]);
  });

  it('a block a CSS class hides (a variant\'s data, another size\'s price table) is left out, whatever its size; one shown again at a width is not', () => {
    const variantData = `<dl class="variant-data hide">${Array.from({ length: 30 }, (_, i) => `<dt>colour_${i}:</dt><dd>https://cdn.example/pack-${i}.jpg</dd>`).join('')}</dl>`;
    const left = furnitureOf(`<html><body><main><h1>Trail 25 Pack</h1>${description}${variantData}<div class="d-none">Bulk prices for 50+ packs</div><p class="hidden md:block">Designed in Portland.</p></main></body></html>`);
    expect(left).toHaveLength(2);
    expect(left[1]).toBe('Bulk prices for 50+ packs');
    expect(left.join(' ')).not.toContain('Designed in Portland');
  });

  it('a price alone is left out; a bare number (a size, a year) is not', () => {
    const buyBox = '<div class="buy"><span>$99.95</span><span>From £39</span><span>Sale price €1.299,00</span><span>25</span><span>2024</span></div>';
    const left = furnitureOf(`<html><body><main><h1>Trail 25 Pack</h1>${buyBox}${description}</main></body></html>`);
    expect(left).toEqual(['$99.95', 'From £39', 'Sale price €1.299,00']);
  });

  it('a block named "reviews" that holds most of the page is its content, not furniture', () => {
    const left = furnitureOf(`<html><body><main><div class="product-reviews-layout"><h1>Trail 25 Pack</h1>${description}${specs}</div><p>Ships free.</p></main></body></html>`);
    expect(left).toEqual([]);
  });
});

describe('a product page read whole', () => {
  const page = `<html><head><title>Trail 25 Pack | Outdoor Shop</title>${ld(offered('Trail 25 Pack'))}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/packs">Packs</a></li></ul></nav></header>
<main><div class="pdp"><div class="buy-box"><h1>Trail 25 Pack</h1><span class="amount">$99.95</span><button>Add to cart</button></div>
<div class="details"><h2>Details</h2>${description}${specs}</div></div>
<section class="reviews-section"><h2>Reviews</h2><ul>${review(1)}${review(2)}${review(3)}${review(4)}</ul></section>
<section class="carousel"><h2>Customers also viewed</h2><ul>${card(1)}${card(2)}${card(3)}${card(4)}</ul></section></main>
<footer><p>© Outdoor Shop</p></footer></body></html>`;

  it('keeps the description and specifications, and leaves the reviews, other products and price out', () => {
    const result = extractArticle(parse(page), 'https://shop.example/product/trail-25');
    expect(result.isArticle).toBe(false);
    expect(result.reasons).toContain('a product page: its reviews, other products and prices left out');
    expect(result.text).toContain('pockets galore');
    expect(result.text).toContain('210-denier ripstop nylon');
    expect(result.text).not.toContain('Great pack number');
    expect(result.text).not.toContain('Summit Daypack');
    expect(result.text).not.toContain('$99.95');
  });

  it('reads the product, not nothing, when its reviews are the prose that paragraph voting settles on', () => {
    const longReview = (n: number) =>
      `<div class="review-card"><p>Review ${n}: I have carried this pack on long walks every weekend for a year, through rain, heat and mud, and it still looks new. The straps are comfortable, the zips run smoothly, and the side pockets hold a large bottle without any trouble.</p></div>`;
    const reviewsPage = `<html><head><title>Trail 25 Pack</title>${ld(offered('Trail 25 Pack'))}</head><body>
<header><nav><a href="/">Home</a> <a href="/packs">Packs</a></nav></header>
<main><div class="pdp"><h1>Trail 25 Pack</h1><ul class="features"><li>Capacity: 25 liters</li><li>Weight: 1 lb. 13 oz.</li><li>Material: 210-denier ripstop nylon</li><li>Hip belt with zip pockets</li></ul><button>Add to cart</button></div>
<section id="reviews">${[1, 2, 3, 4, 5].map(longReview).join('')}</section></main><footer><p>© Outdoor Shop</p></footer></body></html>`;
    const doc = parse(reviewsPage);
    const result = extractArticle(doc, 'https://shop.example/product/trail-25');
    expect(result.isArticle).toBe(false);
    expect(result.text).toContain('210-denier ripstop nylon');
    expect(result.text).not.toContain('still looks new');
  });

  it('leaves out the boxes under the shop\'s phrases on an item page that declares no product (out of stock), and only those', () => {
    const unavailable = `<html><head><title>Trail 25 Pack</title></head><body>
<header><nav><a href="/">Home</a> <a href="/packs">Packs</a></nav></header>
<main><div class="pdp"><h1>Trail 25 Pack</h1><p>Currently unavailable.</p><div class="details"><h2>Details</h2>${description}${specs}</div></div>
<div class="more"><h2>Explore more</h2><p>Our guide to packing for a first overnight trip, and how to fit a pack to your back.</p></div>
<section class="carousel"><h2>Products related to this item</h2><ul>${card(1)}${card(2)}${card(3)}${card(4)}</ul></section>
<section class="reviews-section"><h2>Top reviews from the United States</h2><ul>${review(1)}${review(2)}</ul></section></main>
<footer><p>© Outdoor Shop</p></footer></body></html>`;
    const result = extractArticle(parse(unavailable), 'https://shop.example/trail-25');
    expect(result.isArticle).toBe(false);
    expect(result.text).toContain('pockets galore');
    expect(result.text).toContain('overnight trip');
    expect(result.text).not.toContain('Great pack number');
    expect(result.text).not.toContain('Summit Daypack');
  });

  it('leaves out the fine print (footnotes, disclaimers) of a page not found to be an article, product or not, but not a footnote\'s mark', () => {
    const landing = `<html><head><title>Trail 25 Pack</title></head><body>
<header><nav><a href="/">Home</a> <a href="/packs">Packs</a></nav></header>
<main><h1>Trail 25 Pack</h1><div class="details"><h2>Details</h2>${description}${specs}</div>
<div class="features"><h2>Made to last</h2><p>Every seam is taped and every buckle is tested to carry twice the load<a class="footnote-ref" href="#fn1">1</a>.</p></div>
<div class="page-disclaimer"><p>*Load tests run in our lab; results may vary with use.</p></div>
<div class="footnotes"><p>1. Compared with the previous Trail 20 model.</p></div></main>
<footer><p>© Outdoor Shop</p></footer></body></html>`;
    const result = extractArticle(parse(landing), 'https://shop.example/trail-25');
    expect(result.isArticle).toBe(false);
    expect(result.text).toContain('pockets galore');
    // A footnote's mark, a link inside the sentence, stays with it.
    expect(result.text).toContain('twice the load1.');
    expect(result.text).not.toContain('results may vary');
    expect(result.text).not.toContain('previous Trail 20');
  });

  it('a root is in the shop furniture inside a block named as reviews, not inside one that holds the product\'s h1', () => {
    const doc = parse(`<html><body><main><h1>Kettle</h1>${description}${specs}<div class="reviews"><p id="r">Lovely kettle, boils fast.</p></div></main></body></html>`);
    expect(isInShopFurniture(doc.getElementById('r')!, doc.body)).toBe(true);
    const whole = parse(`<html><body><div class="product-reviews-layout"><h1>Kettle</h1>${description}<p id="r">Lovely kettle.</p></div></body></html>`);
    expect(isInShopFurniture(whole.getElementById('r')!, whole.body)).toBe(false);
  });
});
