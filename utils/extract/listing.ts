/**
 * The text of a page that is not an article: a listing of headlines, a shop's product grid, a
 * category or service page. Its content is the repeated item blocks (title link, snippet, price)
 * that article cleaning drops for being link-heavy, with the page heading and intro around them.
 * What is left out is the furniture of such pages: menus, result filters, pagination, footers.
 */
import { isBoilerplateHeading, isBreadcrumbText, isToolPhrase } from './boilerplate';
import { isUnlikely, mainLandmark } from './generic';
import { classAndId, shortText, visitBlocks } from './dom';
import { linkDensity, type ElementStats } from './stats';
import { BLOCK_TAGS, articleTextOf, type TextOptions } from './text';

/**
 * Class or id words of listing-page furniture: result filters and sorting, pagination, menus,
 * notices. Tested on words, so "product-filters" matches and "filtered-results" does not.
 */
const FURNITURE =
  /(^|[\s_-])(facets?|filters?|refinements?|sort-?by|sorting|pagination|pager|paging|breadcrumbs?|menu|navbar|nav|cookie|consent|newsletter|subscribe|signup|social|share|sharing|sidebar|footer|popup|modal)([\s_-]|$)/i;

/** Furniture is only ever a minor part of the region; a block holding more is the content. */
const FURNITURE_MAX_SHARE = 0.3;

/**
 * Class names of the common conventions for text only a screen reader announces (Bootstrap and
 * Tailwind sr-only, visually-hidden, WordPress screen-reader-text and the older assistive-text,
 * Drupal element-invisible, Foundation show-for-sr, a shop's off-screen price copy): a shop card's
 * "Price", "Select colour", "Opens in a new window" that no reader sees on the page.
 */
const SCREEN_READER_ONLY = /^([\w-]*[_-])?(sr-only|visually-?hidden|screen-reader-(text|only)|element-invisible|show-for-sr|assistive-text|screenreader(-only|-text)?|offscreen|hidden-visually)$/i;

/** Tailwind's not-sr-only undoes sr-only: its text is shown. */
const isScreenReaderOnly = (el: Element) =>
  (el.getAttribute('class') ?? '').split(/\s+/).some((name) => SCREEN_READER_ONLY.test(name) && !/^not-/i.test(name));

/**
 * A site's copyright line ("© 2026 Example Inc. All rights reserved", "Copyright © …"), which a
 * page without a <footer> element leaves inside its main region. Only with the © sign, so a
 * licence text that speaks of copyright stays.
 */
const COPYRIGHT_NOTICE = /^(copyright\b:?\s*)?©/i;
const NOTICE_MAX_LENGTH = 200;

const TRANSIENT_ROLES = new Set(['dialog', 'alertdialog', 'tooltip', 'status', 'alert']);

/**
 * The controls a results page puts around its items, said in words: skip links, the result count,
 * sorting and filtering, page size and view switches, a loading notice. Whole short lines only, so
 * an item that merely mentions sorting stays.
 */
const LISTING_CONTROLS = [
  /^skip to\b/,
  /^(sort|sorted|order|ordered)( results)? by\b/,
  /^sort\s*:/,
  /^(showing|displaying|viewing|results)?\s*\d[\d,.]*\s*(-|–|to)\s*\d[\d,.]*\s+of\s+\d[\d,.]*(\s+\p{L}+)?$/u,
  /^(showing\s+)?(all\s+)?\d[\d,.]*\s+(results?|products?|items?|matches|listings?)(\s+found)?$/u,
  /^(show|items|results|products)?\s*(\d+\s+)?per page$/,
  /^(filters?|filter by|refine by|clear all|clear filters|reset filters|apply filters|view as|loading|load more)(\s*\(\d+\))?$/,
  // An item card's own buttons, repeated on every card of a shop or job grid.
  /^(quick (view|shop|add|look)|add to (cart|bag|basket|wishlist|wish list|favou?rites|compare)|compare|(choose|select|more|see) options|shop now|buy now|(view|see) details|apply now)$/,
  /^(sắp xếp theo|sắp xếp|bộ lọc|lọc theo|xóa bộ lọc|xoá bộ lọc|đang tải|tải thêm)$/u,
];

export function isListingControl(text: string): boolean {
  const key = text.normalize('NFC').toLocaleLowerCase('vi').replace(/[\s\u00a0]+/g, ' ').trim().replace(/[\s:.…]+$/u, '');
  return key.length <= 60 && LISTING_CONTROLS.some((pattern) => pattern.test(key));
}

/**
 * Subtrees of a listing region that are not its content. Top-down like findExcluded, but with no
 * link-density rule: on these pages the links (headlines, product names) are the content, and a
 * density cut-off removes the items along with the menus (measured on wcxb-dev: it costs listings
 * about 0.05 Word F1). Menus are recognised by markup instead: <nav>, ARIA roles, class words.
 */
export function listingExcluded(root: Element, stats: Map<Element, ElementStats>): Element[] {
  const excluded: Element[] = [];
  const rootLength = stats.get(root)?.textLength ?? 0;
  visitBlocks(root, [], (el) => {
    const s = stats.get(el);
    if (!s || s.textLength === 0) return false;
    const share = rootLength > 0 ? s.textLength / rootLength : 0;
    const drop = (() => {
      if (isUnlikely(el) && (share < 0.5 || (share < MENU_MAX_SHARE && linkDensity(s) >= MENU_MIN_LINK_DENSITY))) return true;
      const tag = el.tagName.toUpperCase();
      // A form, or a label naming a form control (a filter checkbox, a size or colour choice), is
      // something to operate, not to read.
      if ((tag === 'FORM' || tag === 'LABEL') && share < FURNITURE_MAX_SHARE) return true;
      if (share < FURNITURE_MAX_SHARE && isScreenReaderOnly(el)) return true;
      // Dialogs, tooltips and alerts are passing UI over the page (a cookie or sign-up prompt, an
      // "added to cart" notice), shown on demand rather than read.
      if (share < FURNITURE_MAX_SHARE && (tag === 'DIALOG' || TRANSIENT_ROLES.has(el.getAttribute('role') ?? ''))) return true;
      if (share < FURNITURE_MAX_SHARE && FURNITURE.test(classAndId(el))) return true;
      // A bare wrapper around one child is judged through that child (reading textContent at every
      // level of a deep chain would be quadratic).
      const wrapper = s.ownTextLength === 0 && el.firstElementChild !== null && el.firstElementChild === el.lastElementChild;
      if (s.textLength <= 60 && !wrapper) {
        const text = shortText(el, 60);
        if (text !== undefined && (isToolPhrase(text) || isBreadcrumbText(text) || isBoilerplateHeading(text) || isListingControl(text))) return true;
      }
      if (s.textLength <= NOTICE_MAX_LENGTH && !wrapper) {
        const text = shortText(el, NOTICE_MAX_LENGTH);
        if (text !== undefined && COPYRIGHT_NOTICE.test(text)) return true;
      }
      return false;
    })();
    if (drop) excluded.push(el);
    return !drop;
  });
  return excluded;
}

/**
 * A menu (<nav>, role="navigation", <aside>) is dropped even when it outweighs the rest of the
 * region, as long as it is nearly all links and not nearly all of the region: a documentation
 * site's side navigation, listing every page of the manual, is often longer than the page itself
 * and sits inside <main>. A menu holding most of the region's text in prose, or the whole region,
 * is still read. On wcxb-dev (whole corpus, ours only): documentation +0.73 summed Word F1 (2 up),
 * product +0.23, collection +0.05, none down.
 */
const MENU_MAX_SHARE = 0.9;
const MENU_MIN_LINK_DENSITY = 0.7;

/** Blocks longer than this are not compared: the repeats worth dropping are badges, buttons, labels. */
const REPEAT_MAX_LENGTH = 200;

/**
 * Blocks whose text repeats an earlier block of the region word for word, after the first: the
 * per-item furniture of a listing ("Fast apply", "Actively hiring", "Add to cart", "More options")
 * and the second copy of a short block a page renders twice for two screen widths. The first copy
 * stays, so a heading the page happens to repeat is still read once. On wcxb-dev the copies are
 * rarely in the ground truth (where they are, as job cards' "Remote" or "Full-time", they cost
 * less than the furniture gained); keeping only copies that are links or buttons measured worse.
 */
export function repeatedShortBlocks(root: Element, stats: Map<Element, ElementStats>, excluded: Iterable<Element>): Element[] {
  const skip = new Set(excluded);
  const firstWithText = new Map<string, Element>();
  const repeats: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    const length = stats.get(el)?.textLength ?? 0;
    if (el !== root && BLOCK_TAGS.has(el.tagName.toUpperCase()) && length <= REPEAT_MAX_LENGTH) {
      // NFC: the same Vietnamese label may be typed precomposed in one item and decomposed in another.
      const key = shortText(el, REPEAT_MAX_LENGTH)?.normalize('NFC');
      if (key) {
        const first = firstWithText.get(key);
        // A wrapper and its only child share their text; that is one block, not a repeat.
        if (first && !first.contains(el)) {
          repeats.push(el);
          continue;
        }
        if (!first) firstWithText.set(key, el);
      }
    }
    for (let child = el.lastElementChild; child; child = child.previousElementSibling) {
      if (!skip.has(child) && (stats.get(child)?.textLength ?? 0) > 0) stack.push(child);
    }
  }
  return repeats;
}

export interface ListingContent {
  root: Element;
  excluded: Element[];
  text: string;
  /**
   * Length of the region's text with its repeats: how much the page shows there, which is what a
   * prose root is weighed against (a page of repeated badges still shows them).
   */
  shownLength: number;
}

/**
 * The text of `root` read as a listing: less its furniture (and `alsoExcluded`, subtrees the caller
 * already knows are not content) and its repeated per-item labels, but with no link-density cut, so
 * link-heavy cards stay.
 */
export function readAsListing(
  root: Element,
  stats: Map<Element, ElementStats>,
  textOptions: TextOptions = {},
  alsoExcluded: readonly Element[] = [],
): ListingContent {
  const furniture = listingExcluded(root, stats).concat(alsoExcluded);
  const repeats = repeatedShortBlocks(root, stats, furniture);
  const excluded = furniture.concat(repeats);
  const text = articleTextOf(root, excluded, textOptions);
  const shownLength = repeats.length === 0 ? text.length : articleTextOf(root, furniture, textOptions).length;
  return { root, excluded, text, shownLength };
}

/**
 * Where a non-article page's content is and its text: the page's <main> landmark when it has one
 * (the author's own statement, which keeps the heading and intro that a narrower region would
 * cut), otherwise the whole body less its furniture. On wcxb-dev listings and collections the
 * landmark beats the body by 0.01–0.04 Word F1, and the body beats mainRegion() by 0.01–0.02.
 */
export function listingContent(body: Element, stats: Map<Element, ElementStats>, textOptions: TextOptions = {}): ListingContent {
  return readAsListing(mainLandmark(body, stats) ?? body, stats, textOptions);
}

/**
 * The prose root of a page found not to be an article is a scrap when it shows less than this
 * share of the listing text: the page's content is its items. Measured on wcxb-dev's non-article
 * pages (0.5–0.8 tried): 0.7 raises collections, listings and service pages; above it the prose
 * root of forum threads and products starts to lose to the page around it.
 */
export const SCRAP_SHARE = 0.7;
/**
 * On a product's own page (a shop URL: /product/, /p/, /dp/ …) the prose root is the product's
 * description, its content even beside a larger block of specifications, variants and
 * recommendations: it is a scrap only below this share. Measured on wcxb-dev: at 0.7 the product
 * pages on such URLs lose 1.3 summed Word F1, the others gain.
 */
export const PRODUCT_PAGE_SCRAP_SHARE = 0.5;
/**
 * Nor is the prose root above that share a scrap on a page detection nearly took for an article
 * (confidence at least this): such a page is prose first. On wcxb-dev the 5 pages that at 0.7
 * change and score this high lose 0.13 summed Word F1 together (one is an article).
 */
export const PROSE_FIRST_CONFIDENCE = 0.25;

/** The share of the listing text under which a non-article page's prose root is only a scrap of it. */
export function scrapShare(productPage: boolean, articleConfidence: number): number {
  return productPage || articleConfidence >= PROSE_FIRST_CONFIDENCE ? PRODUCT_PAGE_SCRAP_SHARE : SCRAP_SHARE;
}
