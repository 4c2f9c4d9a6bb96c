/**
 * A shop's product page: its content is what the product is (name, description, details and
 * specifications), not the shop around it. The region chosen for any non-article page still holds
 * the furniture every product page carries: customer reviews, carousels of other products, the
 * price. Those are left out here, on pages that declare a product (metadata, an add-to-cart
 * button). Stock and delivery lines ("In stock", "Free shipping over $75") are kept: on wcxb-dev
 * leaving them out lowered product pages' Word F1 (0.6269 -> 0.6263), their truth often keeps them.
 */
import type { ElementStats } from './stats';
import { boxLedBy, classAndId, HEADING_TAGS, isHiddenByClassName, outermostBelow, shortText, visitBlocks } from './dom';

/** JSON-LD types naming one thing for sale. */
const PRODUCT_TYPES = new Set(['Product', 'ProductGroup', 'IndividualProduct', 'ProductModel', 'Car']);

/** Every object node of a JSON-LD value, @graph flattened. */
function jsonLdNodes(value: unknown, into: Record<string, unknown>[], depth = 0): void {
  if (depth > 4 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) jsonLdNodes(item, into, depth + 1);
    return;
  }
  const node = value as Record<string, unknown>;
  into.push(node);
  if (node['@graph']) jsonLdNodes(node['@graph'], into, depth + 1);
  if (node['mainEntity']) jsonLdNodes(node['mainEntity'], into, depth + 1);
}

/**
 * JSON-LD products offered for sale (with `offers`): a node typed Product with no offer is often
 * only a vehicle for review stars on a service or business page.
 */
function offeredProducts(doc: Document): number {
  const nodes: Record<string, unknown>[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    const raw = script.textContent ?? '';
    if (raw.length > 500_000 || !/product/i.test(raw)) continue;
    try {
      jsonLdNodes(JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' ').trim().replace(/;\s*$/, '')), nodes);
    } catch {
      continue;
    }
  }
  let count = 0;
  for (const node of nodes) {
    const types = ([] as unknown[]).concat(node['@type'] ?? []);
    if (types.some((t) => typeof t === 'string' && PRODUCT_TYPES.has(t.replace(/^https?:\/\/schema\.org\//, ''))) && (node['offers'] || node['hasVariant'])) count++;
  }
  return count;
}

/**
 * The page declares itself a product page: one product offered for sale in its JSON-LD (several
 * are a catalogue's grid), an OpenGraph type of product, a product price meta tag, or one
 * schema.org Product in its microdata.
 */
export function isProductPage(doc: Document, tags: Map<string, string>): boolean {
  const products = offeredProducts(doc);
  if (products === 1) return true;
  if (products > 1) return false;
  const ogType = tags.get('og:type')?.toLowerCase() ?? '';
  // product.group is a catalogue's collection page.
  if (/^(og:)?product(\.item)?$/.test(ogType)) return true;
  if (tags.has('product:price:amount') || tags.has('og:price:amount')) return true;
  const controls = purchaseControls(doc);
  if (controls === 1 || controls === 2) return true;
  const microdata = Array.from(doc.querySelectorAll('[itemtype]')).filter((el) => /schema\.org\/Product$/i.test(el.getAttribute('itemtype') ?? ''));
  const outermost = microdata.filter((el) => !microdata.some((other) => other !== el && other.contains(el)));
  return outermost.length === 1;
}

const ADD_TO_CART = /^(add to (cart|bag|basket|trolley)|buy now|buy it now|ajouter au panier|in den warenkorb|thêm vào giỏ( hàng)?|mua ngay)$/i;

/** Buttons that put this page's product in the cart: one or two (a sticky copy) on a product page, one per item on a grid. */
function purchaseControls(doc: Document): number {
  let count = 0;
  for (const el of Array.from(doc.querySelectorAll('button, input[type="submit" i], input[type="button" i], a[role="button"]'))) {
    const label = (el.tagName.toUpperCase() === 'INPUT' ? el.getAttribute('value') : el.textContent) ?? '';
    if (ADD_TO_CART.test(label.replace(/[\s\u00a0]+/g, ' ').trim())) count++;
  }
  return count;
}

/**
 * Class or id words of a product page's customer reviews (and the review widgets shops embed) and
 * of its carousels of other products. Whole words, so "preview" and "reviewed-by" do not match.
 */
const REVIEWS = /(^|[\s_-])(reviews?|customer-reviews|ratings?|testimonials?|yotpo|okendo|jdgm|judgeme|stamped|bazaarvoice|trustpilot|loox)([\s_-]|$)/i;
const OTHER_PRODUCTS = /(^|[\s_-])(related|recommend|recommended|recommendations?|upsells?|up-sells?|cross-?sells?|recently-?viewed|also-?viewed|also-?bought|also-?like)([\s_-]|$)/i;

/**
 * Class or id words of a selling page's fine print: footnotes to its claims, disclaimers, legal lines
 * ("*Results may vary", "† Rates are between 0%-36% APR", "© 2025 … All rights reserved"). They are
 * the terms of the offer, not the offer; left out on every page not found to be an article, product
 * or not (a maker's landing page, a service's pricing page carry the same). On wcxb-dev's non-article
 * pages: +1.81 summed Word F1 (collection +0.77, product +0.63, service +0.37, listing +0.04; 21 up,
 * 4 down, the worst a service page whose truth keeps its insurer's notes, -0.08).
 */
const FINE_PRINT = /(^|[\s_-])(footnotes?|disclaimers?|legal|fine-?print)([\s_-]|$)/i;

/** Headings of the blocks of other products a product page shows below its own. */
const OTHER_PRODUCTS_HEADING =
  /^(related (products?|items)|you (may|might) also (like|need|love|enjoy)|customers (who (viewed|bought) this( item)? )?also (viewed|bought|liked)|people (who viewed this item )?also viewed|similar (items|products)( you might like)?|frequently bought together|(your )?recently viewed( items| products)?|recommended accessories|complete the (look|set)|shop the look|more from .{1,40}|recommended( for you| products)?|pairs (well )?with|goes well with|explore more|more to explore|customer reviews|reviews|ratings (&|and) reviews|reviews (&|and) ratings)$/i;

/**
 * The same blocks under headings worded around the shop's own phrase: "Explore related items",
 * "Products related to this item", "More like this", "Customers frequently viewed", "What customers
 * who viewed this product bought", "Top reviews from other countries", "Seller feedback (7,310)".
 * Customer reviews, not editorial ones: a publisher's "Editorial reviews" are the product's
 * description.
 */
const OTHER_PRODUCTS_PHRASE =
  /^((explore|shop|browse|see) )?(related|similar) (products|items)( to explore)?$|^(products|items) (related|similar) to this (item|product)$|^more like this$|\bcustomers who (viewed|bought) this (item|product)\b|^customers (also |frequently )?(viewed|bought)\b|^((top|all|latest|recent|customer|verified|google|seller|buyer|product) )+(reviews|feedback)\b(?! (policy|guidelines))/i;

/** A heading's text as a shop writes it around the phrase: a trailing colon, a count in brackets. */
const headingPhrase = (text: string) => text.replace(/\s*\(\d[\d,.]*\)$/, '').replace(/\s*:$/, '');

/** A price and nothing else: "$20.00", "From £39", "Sale price €1.299,00", "$10 – $15". */
const PRICE_ONLY =
  /^(?:(?:from|now|was|only|price|regular price|sale price|our price|list price|starting at|as low as)\s*:?\s*)?(?:[$€£¥₫]|(?:US|AU|CA|NZ)?\$|USD|EUR|GBP)?\s?\d[\d.,\s]*(?:[$€£¥₫]|đ|kr|zł|USD|EUR|GBP)?(?:\s*(?:-|–|to)\s*(?:[$€£¥₫]|(?:US|AU|CA|NZ)?\$)?\s?\d[\d.,\s]*(?:[$€£¥₫]|đ)?)?$/i;

/** A price names its currency; a bare number is a specification's value ("25", "2024"). */
const CURRENCY = /[$€£¥₫]|\b(USD|EUR|GBP|kr|zł)\b|\dđ|^(from|now|was|only|price|regular price|sale price|our price|list price|starting at|as low as)\b/i;

/** Furniture is never most of the region: a block holding more is content whatever its name. */
const FURNITURE_MAX_SHARE = 0.5;

/**
 * Paragraph voting can settle on the customer reviews of a product page (they are its longest prose):
 * `el`, the chosen root, is then inside a block named as reviews or other products, and the product's
 * own text is elsewhere. A block so named that holds the page's h1 is the page's layout, not its
 * reviews.
 */
export function isInShopFurniture(el: Element, body: Element): boolean {
  for (let up: Element | null = el; up && up !== body; up = up.parentElement) {
    const names = classAndId(up);
    if ((REVIEWS.test(names) || OTHER_PRODUCTS.test(names)) && !up.querySelector('h1')) return true;
  }
  return false;
}

/**
 * Subtrees of `root` (the region chosen for a product page) that are the shop's furniture rather
 * than the product: reviews, other products, prices, fine print, blocks a class hides. `skip` are
 * subtrees already left out.
 *
 * `declared` is false on a page not found to be an article that declares no product: a shop's page
 * for an item out of stock can carry no cart button and no offer. There only the boxes under the
 * shop's own phrases go ("Products related to this item", "Top reviews from the United States"),
 * which name products and customers in so many words, and the fine print; the shorter headings
 * ("Explore more", "More from …"), price lines, class names and hidden blocks mean other things on
 * news and catalogue pages. On wcxb-dev's non-article pages: product +0.71 summed Word F1 (4 up), other types unchanged.
 */
export function productFurniture(root: Element, stats: Map<Element, ElementStats>, skip: Iterable<Element> = [], declared = true): Element[] {
  const rootLength = stats.get(root)?.textLength ?? 0;
  const furniture: Element[] = [];
  visitBlocks(root, skip, (el) => {
    const s = stats.get(el);
    if (!s || s.textLength === 0) return false;
    const share = rootLength > 0 ? s.textLength / rootLength : 0;
    const names = classAndId(el);
    if (declared && isHiddenByClassName(el)) {
      furniture.push(el);
      return false;
    }
    // Not a link to a footnote: its mark ("[1]") belongs to the sentence it sits in.
    if (share < FURNITURE_MAX_SHARE && FINE_PRINT.test(names) && el.tagName.toUpperCase() !== 'A') {
      furniture.push(el);
      return false;
    }
    if (declared && share < FURNITURE_MAX_SHARE && (REVIEWS.test(names) || OTHER_PRODUCTS.test(names))) {
      furniture.push(el);
      return false;
    }
    const tag = el.tagName.toUpperCase();
    if (s.textLength <= 60) {
      const text = shortText(el, 60);
      const phrase = text !== undefined && HEADING_TAGS.has(tag) ? headingPhrase(text) : undefined;
      if (text !== undefined && phrase !== undefined && ((declared && OTHER_PRODUCTS_HEADING.test(phrase)) || OTHER_PRODUCTS_PHRASE.test(phrase))) {
        const box = boxLedBy(el, text, root, stats, rootLength * FURNITURE_MAX_SHARE);
        furniture.push(box ?? el);
        return false;
      }
      if (declared && text !== undefined && PRICE_ONLY.test(text) && CURRENCY.test(text)) {
        furniture.push(el);
        return false;
      }
    }
    return true;
  });
  return outermostBelow(furniture, root);
}
