/**
 * The text of a page that is not an article (a product, a service's landing page, a forum thread).
 * Paragraph voting is built to find one article's prose and, on such pages, settles on one block of
 * it: the product's blurb, one section of a landing page, one post of a thread. Their content is the
 * page's whole main region: the specifications next to the blurb, every section, every reply.
 */
import { classAndId } from './dom';
import { findExcluded, isPageFurniture, isUnlikely, mainLandmark, mainRegion } from './generic';
import { readAsListing } from './listing';
import { linkDensity, type ElementStats } from './stats';
import { articleTextOf, type TextOptions } from './text';

export interface PageText {
  root: Element;
  excluded: Element[];
  text: string;
}

/** How much longer than the chosen text the region's text must be to replace it. */
const MIN_GAIN = 1.6;

const CONSENT = /cookie|consent|gdpr/i;

/** A child of the region to leave out whatever its size: landmark furniture, a cookie dialog, a link-heavy menu. */
function isFurniture(el: Element, stats: Map<Element, ElementStats>): boolean {
  if (isUnlikely(el) || CONSENT.test(classAndId(el))) return true;
  return isPageFurniture(el) && linkDensity(stats.get(el)) >= 0.3;
}

/** The child holding at least 60% of `el`'s text, when it is not furniture. */
function dominantChild(el: Element, stats: Map<Element, ElementStats>): Element | undefined {
  const total = stats.get(el)?.textLength ?? 0;
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    if ((stats.get(child)?.textLength ?? 0) >= total * 0.6 && total > 0) return isFurniture(child, stats) ? undefined : child;
  }
  return undefined;
}

/**
 * The main region's text, read as a listing's is, when article cleaning leaves it clearly more than
 * the text already chosen; otherwise undefined (keep the article root). The region starts from the page's
 * <main> landmark when it has one; the furniture among the region's own children (a cookie dialog
 * can outweigh a short thread) is left out whatever its size.
 */
export function mainRegionText(
  body: Element,
  root: Element,
  currentText: string,
  stats: Map<Element, ElementStats>,
  textOptions: TextOptions,
  title: string,
): PageText | undefined {
  let region = mainRegion(mainLandmark(body, stats, 200) ?? body, stats);
  // mainRegion stops above a child whose class merely says "nav" or "menu" (a sticky in-page
  // navigation bar wrapping the whole page); one that holds most of the text in prose, not links,
  // is the content.
  for (let dominant = dominantChild(region, stats); dominant; dominant = dominantChild(region, stats)) region = mainRegion(dominant, stats);
  if (region === root || root.contains(region)) return undefined;
  const furniture = new Set<Element>();
  for (let child = region.firstElementChild; child; child = child.nextElementSibling) if (isFurniture(child, stats)) furniture.add(child);
  const cleaned = articleTextOf(region, findExcluded(region, stats, { title, extraExcluded: furniture }), textOptions);
  // Measured on wcxb-dev's non-article pages: below this the region mostly adds what the chosen
  // text rightly left out (a shop's other products, a catalogue's filters).
  if (cleaned.length === 0 || cleaned.length < currentText.length * MIN_GAIN) return undefined;
  // The region is then read as a listing, without the link-density cut that article cleaning
  // makes: what it holds beyond the prose is mostly cards, link lists and tables, which that cut
  // drops. On wcxb-dev's non-article pages read this way (63): 50.0 summed Word F1 against 46.2.
  const { excluded, text } = readAsListing(region, stats, textOptions, [...furniture]);
  return { root: region, excluded, text };
}
