/**
 * Finding the main content of an unknown page, and the subtrees inside it that are not content.
 * Scoring follows the well-tried Readability idea (paragraphs vote for their ancestors, link-heavy
 * blocks lose) but reads measured numbers instead of cloning and stripping the document.
 */
import { isBoilerplateHeading, isBreadcrumbText, isToolPhrase } from './boilerplate';
import { linkDensity, type ElementStats } from './stats';
import { classAndId, HEADING_TAGS, outermostBelow, shortText, visitBlocks } from './dom';

/**
 * Class and id words that mark a block as page furniture (NEGATIVE) or as content (POSITIVE): whole
 * words, bounded by the start or end, white space, "_" or "-", in any case; a word may hold a "-" itself
 * ("media-credit", "journal-content-article"). Looked up word by word in a set rather than by one
 * pattern per list: V8 compiles such a pattern on its first use, and a case-insensitive alternation of
 * sixty words took it most of a millisecond — paid on a page's first extraction.
 */
const NEGATIVE_WORDS = [
  'hidden', 'banner', 'combx', 'comment', 'com-', 'contact', 'foot', 'footer', 'footnote', 'masthead', 'media-credit', 'meta',
  'outbrain', 'promo', 'related', 'relate', 'scroll', 'share', 'sharing', 'shoutbox', 'sidebar', 'skyscraper', 'sponsor',
  'shopping', 'tag', 'tags', 'taboola', 'widget', 'social', 'breadcrumb', 'breadcrumbs', 'newsletter', 'subscribe', 'signup',
  'popup', 'modal', 'cookie', 'consent', 'advert', 'ad', 'ads', 'adv', 'byline', 'author-box', 'toolbar', 'tool', 'print',
  'rating', 'pagination', 'pager', 'navbar', 'nav', 'menu', 'login', 'search', 'disqus', 'recommend', 'mostread', 'most-read',
  'trending', 'cate-name', 'tinlienquan', 'lienquan', 'tin-khac', 'tinkhac', 'box-news', 'list-news',
];
const POSITIVE_WORDS = [
  'article', 'body', 'content', 'entry', 'hentry', 'h-entry', 'main', 'page', 'pagination-none', 'post', 'text', 'blog', 'story',
  'detail', 'chitiet', 'noidung', 'news-content', 'cms-body', 'afcbc-body', 'govspeak', 'journal-content-article', 'richhtmlfield',
];
const NEGATIVE_SET = new Set(NEGATIVE_WORDS);
const POSITIVE_SET = new Set(POSITIVE_WORDS);
/** The most "-" any of the words holds. */
const MAX_WORD_HYPHENS = Math.max(...NEGATIVE_WORDS.concat(POSITIVE_WORDS).map((word) => word.split('-').length - 1));
const NEGATIVE_LOOSE = /(comment|share|social|related|sidebar|advert|newsletter|breadcrumb|cookie|popup|sponsor|recommend|outbrain|taboola|lienquan|tinkhac|tin-khac|footer|navbar|menu)/i;
const UNLIKELY_ROLES = new Set(['navigation', 'complementary', 'banner', 'contentinfo', 'search', 'menu', 'menubar', 'toolbar', 'dialog', 'alert', 'tablist']);

/**
 * Page builders name every block they place a "widget" (Elementor's elementor-widget-container, its
 * elementor-widget-text-editor, HubSpot's hs_cos_wrapper_widget), the post's text as much as a
 * sidebar's: there the word says how the block was built, not what it holds. The type that follows
 * ("…-widget-nav-menu") still does.
 */
const BUILDER_WIDGET = /(^|\s)(elementor|hs_cos_wrapper)[-_]widget(?=[\s_-]|$)/gi;

const HYPHEN = 45;

/** What separates class words: "-", "_" and white space (the characters \s matches). */
function isSeparator(code: number): boolean {
  if (code < 128) return code === HYPHEN || code === 95 || code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * -25 when `names` (lower case) holds a NEGATIVE word, +25 for a POSITIVE one: both can hold. Read
 * character by character, without splitting: classWeight runs for most elements of a page.
 */
function wordWeight(names: string): number {
  let negative = false;
  let positive = false;
  const length = names.length;
  for (let start = 0; start < length; ) {
    let end = start;
    while (end < length && !isSeparator(names.charCodeAt(end))) end++;
    // The word from `start` to `wordEnd`, taking the next tokens in while a "-" joins them.
    for (let wordEnd = end, hyphens = 0; wordEnd > start; hyphens++) {
      const word = names.slice(start, wordEnd);
      if (NEGATIVE_SET.has(word)) negative = true;
      if (POSITIVE_SET.has(word)) positive = true;
      if (hyphens >= MAX_WORD_HYPHENS || names.charCodeAt(wordEnd) !== HYPHEN) break;
      wordEnd++;
      while (wordEnd < length && !isSeparator(names.charCodeAt(wordEnd))) wordEnd++;
    }
    start = end + 1;
  }
  return (negative ? -25 : 0) + (positive ? 25 : 0);
}

export function classWeight(el: Element): number {
  return namesWeight(classAndId(el));
}

/** classWeight of an element's class and id (classAndId), read once by a caller that tests them again. */
function namesWeight(raw: string): number {
  let names = raw.toLowerCase();
  if (names.includes('widget')) names = names.replace(BUILDER_WIDGET, '$1$2');
  return wordWeight(names);
}

function baseScore(tag: string): number {
  switch (tag) {
    case 'DIV': case 'ARTICLE': case 'MAIN': case 'SECTION': return 5;
    case 'PRE': case 'TD': case 'BLOCKQUOTE': return 3;
    case 'ADDRESS': case 'OL': case 'UL': case 'DL': case 'DD': case 'DT': case 'LI': case 'FORM': return -3;
    case 'H1': case 'H2': case 'H3': case 'H4': case 'H5': case 'H6': case 'TH': return -5;
    default: return 0;
  }
}

/** Elements that carry a paragraph of prose. */
const PARAGRAPH_TAGS = new Set(['P', 'PRE', 'TD', 'BLOCKQUOTE', 'DD', 'LI', 'H2', 'H3', 'H4']);
const CONTAINER_TAGS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'TD', 'SPAN', 'FONT', 'CENTER']);

export interface Candidate {
  el: Element;
  score: number;
}

/**
 * A tab list is a bar of tab labels, its panels elsewhere; an accordion that marks itself up as a
 * tab list holds its panels inside it, and those panels are the page's text (a service's FAQ,
 * eligibility rules).
 */
function isAccordion(el: Element, role: string): boolean {
  return role === 'tablist' && el.querySelector('[role="tabpanel"]') !== null;
}

/** Furniture by its tag or ARIA role alone (nav, aside, footer, role="navigation" …), not by class. */
export function isUnlikely(el: Element): boolean {
  const role = el.getAttribute('role')?.toLowerCase();
  if (role && UNLIKELY_ROLES.has(role)) return !isAccordion(el, role);
  const tag = el.tagName.toUpperCase();
  return tag === 'NAV' || tag === 'ASIDE' || tag === 'FOOTER' || (tag === 'HEADER' && !el.querySelector('p'));
}

/**
 * Score every element by the prose it holds. Returns candidates best first, already adjusted for
 * link density. `stats` must cover `body`.
 */
export function scoreCandidates(body: Element, stats: Map<Element, ElementStats>): Candidate[] {
  const scores = new Map<Element, number>();
  const initialised = new Set<Element>();
  const addScore = (el: Element, amount: number) => {
    if (!initialised.has(el)) {
      initialised.add(el);
      scores.set(el, baseScore(el.tagName.toUpperCase()) + classWeight(el));
    }
    scores.set(el, scores.get(el)! + amount);
  };

  const unlikely = new Set<Element>();
  for (const [el, s] of stats) {
    const parent = el.parentElement;
    if (parent && unlikely.has(parent)) {
      unlikely.add(el);
      continue;
    }
    if (el !== body && isUnlikely(el)) {
      unlikely.add(el);
      continue;
    }
    const tag = el.tagName.toUpperCase();
    let paragraphLength = 0;
    let commas = 0;
    if (PARAGRAPH_TAGS.has(tag)) {
      // A list item or cell that holds block children votes through those children instead.
      if ((tag === 'LI' || tag === 'TD' || tag === 'BLOCKQUOTE') && s.paragraphs > 0) continue;
      paragraphLength = s.textLength;
      commas = s.commas;
    } else if (CONTAINER_TAGS.has(tag) && s.ownTextLength >= 25) {
      // Text written straight into a div (with <br>s) is a paragraph too.
      paragraphLength = s.ownTextLength;
      commas = Math.round((s.commas * s.ownTextLength) / Math.max(1, s.textLength));
    } else continue;
    if (paragraphLength < 25) continue;
    if (linkDensity(s) > 0.5) continue;
    const contentScore = 1 + commas + Math.min(Math.floor(paragraphLength / 100), 3);
    let ancestor: Element | null = PARAGRAPH_TAGS.has(tag) ? el.parentElement : el;
    for (let level = 0; ancestor && level < 5; level++) {
      if (!stats.has(ancestor)) break;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      addScore(ancestor, contentScore / divider);
      if (ancestor === body) break;
      ancestor = ancestor.parentElement;
    }
  }

  const candidates: Candidate[] = [];
  for (const [el, score] of scores) {
    candidates.push({ el, score: score * (1 - linkDensity(stats.get(el))) });
  }
  candidates.sort((a, b) => b.score - a.score);
  return candidates;
}

/** Bare wrappers climbed above the chosen root (a bound for pathological nesting). */
const MAX_WRAPPER_CLIMB = 12;

/** Pick the article root: the best candidate, lifted to a shared ancestor when the prose is split. */
export function chooseRoot(body: Element, candidates: Candidate[], stats: Map<Element, ElementStats>): Element {
  const top = candidates[0];
  if (!top) return body;
  let root = top.el;
  const scoreOf = new Map(candidates.map((c) => [c.el, c.score] as const));

  // Several strong candidates under one ancestor: the ancestor is the article.
  const strong = candidates.slice(1, 6).filter((c) => c.score >= top.score * 0.75);
  if (strong.length >= 2) {
    let ancestor: Element | null = root.parentElement;
    while (ancestor && ancestor !== body) {
      const inside = strong.filter((c) => ancestor!.contains(c.el));
      if (inside.length >= 2) {
        // They all sit in one block away from the top one (a grid of post teasers, a comments
        // list): a group of their own beside the article, not pieces of it.
        if (!inOneOtherBranch(ancestor, root, inside.map((c) => c.el))) root = ancestor;
        break;
      }
      ancestor = ancestor.parentElement;
    }
  }

  // Climb while the parent adds substantial prose of its own (paragraph siblings split across
  // wrappers) without becoming link-heavy.
  for (let steps = 0; steps < 4; steps++) {
    const parent = root.parentElement;
    if (!parent || parent === body.parentElement) break;
    const ps = stats.get(parent);
    const rs = stats.get(root);
    if (!ps || !rs) break;
    const parentScore = scoreOf.get(parent) ?? 0;
    const rootScore = scoreOf.get(root) ?? 0;
    const onlyChild = ps.textLength <= rs.textLength * 1.05 + 20;
    if (onlyChild || (parentScore > rootScore * 0.9 && linkDensity(ps) < 0.35)) {
      root = parent;
      continue;
    }
    break;
  }
  // Page builders nest one block in many bare wrappers, and the article's other parts (its sections,
  // each in a chain of its own) start only above the chain: climb the wrappers that add no text when
  // sections built like the top one wait beside it.
  let wrapper = root;
  for (let wrappers = 0; wrappers < MAX_WRAPPER_CLIMB && wrapper !== body; wrappers++) {
    const parent = wrapper.parentElement;
    if (!parent || stats.get(parent)?.textLength !== stats.get(wrapper)?.textLength) break;
    wrapper = parent;
  }
  return wrapper !== root && hasSectionLikeSibling(wrapper, stats) ? wrapper : root;
}

/**
 * The candidates beside `root` (not its own ancestors) inside `ancestor` are two or more separate
 * blocks, and all lie in the same child of `ancestor`, one that does not hold `root`.
 */
function inOneOtherBranch(ancestor: Element, root: Element, els: Element[]): boolean {
  const beside = els.filter((el) => !el.contains(root));
  // A block and its own wrapper are one group member, not two.
  const members = beside.filter((el) => !beside.some((other) => other !== el && other.contains(el)));
  if (members.length < 2) return false;
  let branch: Element | null = members[0] ?? null;
  while (branch && branch.parentElement !== ancestor) branch = branch.parentElement;
  return branch !== null && !branch.contains(root) && members.every((el) => branch!.contains(el));
}

function hasSectionLikeSibling(el: Element, stats: Map<Element, ElementStats>): boolean {
  for (let sibling = el.parentElement?.firstElementChild ?? null; sibling; sibling = sibling.nextElementSibling) {
    if (sibling !== el && isSectionLike(sibling, el, stats)) return true;
  }
  return false;
}

/**
 * The page's main region: from the body, step into the child holding most of the text for as long
 * as one child holds at least 60% of it, passing over navigation, banners, footers, asides and
 * blocks whose class says they are not content (a mega-footer can hold most of a shop's text). On
 * pages built of lists, cards and tables (listings, shops, service pages) paragraph voting finds
 * only a scrap; this region is where their content is.
 */
/** Page furniture that can outweigh the content on a shop page, whatever other class it also has. */
const NOT_A_REGION = /footer|cookie|consent|sidebar|navbar|(^|[\s_-])(nav|menu)([\s_-]|$)/i;

/** Navigation, banners, footers, cookie dialogs, sidebars: never part of a page's main region. */
export function isPageFurniture(el: Element): boolean {
  return isUnlikely(el) || NOT_A_REGION.test(classAndId(el));
}

/**
 * The page's own mark of its main content: its one outermost <main> (or role="main") holding at least
 * `minText` characters; none when there are several (the author's statement is then ambiguous).
 */
export function mainLandmark(body: Element, stats: Map<Element, ElementStats>, minText = 1): Element | undefined {
  const marked = Array.from(body.querySelectorAll('main, [role="main"]')).filter((el) => (stats.get(el)?.textLength ?? 0) >= minText);
  const outermost = marked.filter((el) => !marked.some((other) => other !== el && other.contains(el)));
  return outermost.length === 1 ? outermost[0] : undefined;
}

export function mainRegion(body: Element, stats: Map<Element, ElementStats>): Element {
  let region = body;
  for (;;) {
    const total = stats.get(region)?.textLength ?? 0;
    let best: Element | null = null;
    let bestLength = 0;
    for (let child = region.firstElementChild; child; child = child.nextElementSibling) {
      const length = stats.get(child)?.textLength ?? 0;
      if (length > bestLength && !isUnlikely(child) && classWeight(child) >= 0 && !NOT_A_REGION.test(classAndId(child))) {
        best = child;
        bestLength = length;
      }
    }
    if (!best || bestLength < total * 0.6) return region;
    region = best;
  }
}

/** Less than this is a caption, a date line or a promo strip, not a section of the article. */
const SECTION_MIN_TEXT = 200;

/**
 * Built like `root` (same tag, same non-empty class) and holding a section's worth of text. Blocks
 * without a class are too common to say anything (a page's columns would pass for sections).
 */
function isSectionLike(el: Element, root: Element, stats: Map<Element, ElementStats>): boolean {
  const className = root.getAttribute('class') ?? '';
  return (
    el.tagName === root.tagName &&
    (el.getAttribute('class') ?? '') === className &&
    className.trim() !== '' &&
    (stats.get(el)?.textLength ?? 0) >= SECTION_MIN_TEXT
  );
}

/** All of the element's text is in one of its children. */
function isBareWrapper(el: Element, stats: Map<Element, ElementStats>): boolean {
  const length = stats.get(el)?.textLength ?? 0;
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    const childLength = stats.get(child)?.textLength ?? 0;
    if (childLength > 0) return childLength === length;
  }
  return false;
}

/** The heading tag (H2…H4) a section opens with, if it opens with one. */
function leadingHeading(el: Element): string | undefined {
  const tag = el.firstElementChild?.tagName.toUpperCase();
  return tag === 'H2' || tag === 'H3' || tag === 'H4' ? tag : undefined;
}

/**
 * A sibling built as the root's peer in an article split into headed sections (a paper's Abstract,
 * Introduction, Review, Conclusions): the same tag as the root, opening with a heading of the same
 * level, and holding paragraphs of prose rather than links. A reference list or a block of links
 * beside them has no paragraphs, or is mostly links; a one-line note is shorter than a section; a
 * post's teaser on a list of posts is headed by a link to the post.
 */
function isHeadedProseSection(el: Element, root: Element, rootHeading: string, stats: Map<Element, ElementStats>): boolean {
  if (el.tagName !== root.tagName || leadingHeading(el) !== rootHeading) return false;
  const s = stats.get(el);
  if (s === undefined || s.paragraphs === 0 || s.textLength < SECTION_MIN_TEXT || linkDensity(s) >= 0.3 || isUnlikely(el)) return false;
  // A heading that links to another page heads a teaser of that page (a list of posts), not a section.
  const link = el.firstElementChild!.querySelector('a[href]');
  return link === null || link.getAttribute('href')!.startsWith('#');
}

/** Siblings of the chosen root that hold more of the article (Readability's sibling pass). */
export function siblingsToInclude(root: Element, candidates: Candidate[], stats: Map<Element, ElementStats>): Element[] {
  const parent = root.parentElement;
  if (!parent) return [];
  const scoreOf = new Map(candidates.map((c) => [c.el, c.score] as const));
  // The root only wraps one block, or no paragraph's vote reached it: its prose sits deeper than
  // votes travel, and so does its siblings', so their scores say little. A sibling built like the
  // root is then another section of the article, whatever its votes.
  const deep = !scoreOf.has(root) || isBareWrapper(root, stats);
  const rootScore = scoreOf.get(root) ?? 0;
  const threshold = Math.max(10, rootScore * 0.2);
  const rootClass = root.getAttribute('class') ?? '';
  const chosen: Element[] = [];
  const rootHeading = leadingHeading(root);
  for (let sibling = parent.firstElementChild; sibling; sibling = sibling.nextElementSibling) {
    if (sibling === root) continue;
    if (rootHeading && isHeadedProseSection(sibling, root, rootHeading, stats)) {
      chosen.push(sibling);
      continue;
    }
    let bonus = 0;
    if (rootClass && sibling.getAttribute('class') === rootClass) bonus += rootScore * 0.2;
    const score = scoreOf.get(sibling);
    if (deep && isSectionLike(sibling, root, stats)) {
      chosen.push(sibling);
      continue;
    }
    if (score !== undefined && score + bonus >= threshold) {
      chosen.push(sibling);
      continue;
    }
    if (sibling.tagName.toUpperCase() === 'P') {
      const s = stats.get(sibling);
      if (!s) continue;
      const density = linkDensity(s);
      if ((s.textLength > 80 && density < 0.25) || (s.textLength > 0 && s.textLength <= 80 && density === 0 && /[.!?。]\s*$/.test(sibling.textContent ?? ''))) {
        chosen.push(sibling);
      }
    }
  }
  return chosen;
}


/**
 * The box about the writer that follows a post (a photo, "X is a writer who…", links to their other
 * posts): it describes the author, who is metadata, and is not part of what they wrote. Recognised
 * by the names blog themes and author-box plugins give it.
 */
const AUTHOR_BOX =
  /(^|[\s_-])(?:(?:author|contributor|writer)[-_]*(?:bio|box|info|details?|profile|card|about|desc|description)|about[-_]*(?:the[-_]*)?author|(?:post|blog|entry|article)[-_]author|saboxplugin[-\w]*|abh_box)(?=[\s_-]|$)/i;

/**
 * A word every AUTHOR_BOX name holds, lower-cased (its letters match only their own upper and lower
 * case): most elements are ruled out before that long pattern is compiled or run.
 */
const AUTHOR_BOX_HINTS = ['author', 'contributor', 'writer', 'sabox', 'abh_box'];

/**
 * A picture's credit line ("Credit: Chris McNamara", "Photo: Getty Images"), named by the class
 * themes give it (photo-credit, image-credit, wp-block-credit): it says who took a picture the text
 * does not carry, and reads as a stray line between paragraphs. The caption itself is text (what the
 * picture shows, as the reader sees it under it), so only the credit goes.
 */
const CREDIT = /(^|[\s_-])credits?([\s_-]|$)/i;

/** Longer than a credit line: a credits list (a film's crew, a visualisation's team) is text. */
const CREDIT_MAX_TEXT = 300;

/** `names` is the block's classAndId. */
function isCreditLine(names: string, s: ElementStats): boolean {
  // A block under a heading of its own ("Credits") is a section of the page, not a credit line.
  if (s.textLength > CREDIT_MAX_TEXT || s.headings > 0) return false;
  // The pattern only where it can match (its first use compiles it).
  return names.toLowerCase().includes('credit') && CREDIT.test(names);
}

/** `names` is the block's classAndId. */
function isAuthorBox(names: string): boolean {
  const lower = names.toLowerCase();
  return AUTHOR_BOX_HINTS.some((hint) => lower.includes(hint)) && AUTHOR_BOX.test(names);
}

/**
 * Buttons that show only an icon (a badge with a tooltip, a gallery arrow). A box of prose carrying
 * them is still prose, while buttons that say what they do ("Add to cart", "Subscribe") and fields
 * make a box a form or a shop card.
 */
function iconOnlyButtonCount(el: Element): number {
  let count = 0;
  for (const button of Array.from(el.querySelectorAll('button'))) if (!(button.textContent ?? '').trim()) count++;
  return count;
}

/** Class words of a button that shows or hides a panel (an accordion's question, a "read more"). */
const DISCLOSURE = /accordion|expand|disclosure/i;

/**
 * Buttons that open and close a panel of the page's own text: an accordion of questions or course
 * descriptions is text to read, not a form, however many questions it has. Marked by ARIA
 * (aria-expanded, aria-controls) or, before a script has added that, by their class.
 */
function disclosureButtonCount(el: Element): number {
  let count = 0;
  for (const button of Array.from(el.querySelectorAll('button'))) {
    if ((button.textContent ?? '').trim() === '') continue; // counted with the icon buttons
    // A button that opens a menu or a dialog (aria-haspopup) is page furniture, not a panel of text.
    if (button.hasAttribute('aria-haspopup')) continue;
    if (button.hasAttribute('aria-expanded') || button.hasAttribute('aria-controls') || DISCLOSURE.test(button.getAttribute('class') ?? '')) count++;
  }
  return count;
}

/**
 * A checklist: list items each carrying a tick box, and no other control (a Markdown task list, a
 * planning checklist). The boxes are part of the list, not a form to fill in.
 */
function isChecklist(el: Element, s: ElementStats): boolean {
  if (s.listItems === 0 || s.inputs > s.listItems) return false;
  return el.querySelectorAll('input[type="checkbox" i]').length === s.inputs;
}

/** Characters of an element's text outside its links. */
function unlinkedLength(stats: Map<Element, ElementStats>, el: Element): number {
  const s = stats.get(el);
  return s ? s.textLength - s.linkLength : 0;
}

/**
 * A list in the run of the text whose links are named in sentences or labelled ("Official website:
 * Park Hyatt", "Venue guide - compare features and pricing"): most of its items say something of
 * their own beyond the link, and it follows a paragraph or heading of the text. A menu or a list of
 * other pages is links and little else.
 */
function isListInProse(el: Element, stats: Map<Element, ElementStats>): boolean {
  const previous = el.previousElementSibling;
  const previousTag = previous?.tagName.toUpperCase() ?? '';
  if (previousTag !== 'P' && !HEADING_TAGS.has(previousTag)) return false;
  if ((stats.get(previous!)?.textLength ?? 0) === 0) return false;
  let items = 0;
  let annotated = 0;
  for (let item = el.firstElementChild; item; item = item.nextElementSibling) {
    if (item.tagName.toUpperCase() !== 'LI') continue;
    items++;
    if (unlinkedLength(stats, item) >= 15) annotated++;
  }
  return items >= 2 && annotated * 2 > items;
}

/**
 * A list the text announces: the paragraph just before it ends in a colon ("Many patches were sent
 * for review:"), so the list is what the sentence promised, however bare its links (a changelog, a
 * list of sources, the sections it goes on to explain). A wrapper holding only the list (AsciiDoc's
 * div.ulist) counts as the list. Other pages announced as further reading ("More on Wharton:", "You
 * may also be interested in:") are not the text's.
 */
function isAnnouncedList(el: Element, root: Element, stats: Map<Element, ElementStats>): boolean {
  let list: Element | null = el;
  while (list && !LIST_TAGS.has(list.tagName.toUpperCase())) {
    if (list.firstElementChild === null || list.firstElementChild !== list.lastElementChild) return false;
    list = list.firstElementChild;
  }
  if (!list || list.childElementCount < 2) return false;
  let block = el;
  while (!block.previousElementSibling && block.parentElement && block.parentElement !== root) block = block.parentElement;
  const previous = block.previousElementSibling;
  const ps = previous ? stats.get(previous) : undefined;
  if (!previous || !ps || ps.textLength < 10 || linkDensity(ps) >= 0.5) return false;
  const text = shortText(previous, 300);
  return text !== undefined && /[:：]$/.test(text) && !isBoilerplateHeading(text) && !RELATED_INTRO.test(text);
}

/** Wording that announces other pages to read, not the text's own list ("More on Wharton:"). */
const RELATED_INTRO =
  /\b(related|you may also|you might also|might also like|also be interested|more (on|from|in our|helpful|articles|posts|stories|guides)|other (articles|posts|stories|guides)|further reading|in this (post|article)|share)\b/i;

const LIST_TAGS = new Set(['UL', 'OL']);

/**
 * The link density of a box left after its announced lists: a section whose own sentences introduce
 * a list of links is judged by its sentences.
 */
function linkDensityWithoutAnnouncedLists(el: Element, root: Element, stats: Map<Element, ElementStats>): number {
  const s = stats.get(el);
  if (!s) return 1;
  let textLength = s.textLength;
  let linkLength = s.linkLength;
  const counted: Element[] = [];
  for (const list of Array.from(el.querySelectorAll('ul, ol'))) {
    const ls = stats.get(list);
    if (!ls || counted.some((outer) => outer.contains(list)) || !isAnnouncedList(list, root, stats)) continue;
    counted.push(list);
    textLength -= ls.textLength;
    linkLength -= ls.linkLength;
  }
  return textLength > 0 ? linkLength / textLength : 1;
}

/**
 * A box of the text's own prose set off in an <aside> between its paragraphs ("Not all vegetarians are
 * the same. The types of vegetarian diets …"): the reader reads it with the text. Marked only by the
 * tag (no role, no class naming it furniture), a paragraph's worth of sentences and almost no links,
 * placed right after a paragraph and before more text. A sidebar, a related box or a promo is links,
 * a class, or off the run of the text; a pull quote is a line, not a paragraph's worth; a forum's
 * quotation of another post holds a blockquote, and a link preview a linked title.
 */
/** `weight` is the block's classWeight. */
function isProseCallout(el: Element, tag: string, s: ElementStats, weight: number, stats: Map<Element, ElementStats>): boolean {
  if (tag !== 'ASIDE' || el.hasAttribute('role') || weight < 0) return false;
  if (s.textLength < SECTION_MIN_TEXT || s.paragraphs === 0 || s.inputs > 0 || linkDensity(s) >= 0.1) return false;
  const previous = el.previousElementSibling;
  const next = el.nextElementSibling;
  if (!previous || !next || previous.tagName.toUpperCase() !== 'P' || (stats.get(previous)?.textLength ?? 0) === 0) return false;
  const nextTag = next.tagName.toUpperCase();
  if (!(nextTag === 'P' || HEADING_TAGS.has(nextTag) || LIST_TAGS.has(nextTag)) || (stats.get(next)?.textLength ?? 0) === 0) return false;
  // A quotation of another post, or a card previewing another page under its linked title, is not the text's own.
  // (A heading's link to its own anchor, a permalink, is no other page.)
  if (el.querySelector('blockquote')) return false;
  for (const link of Array.from(el.querySelectorAll('h1 a[href], h2 a[href], h3 a[href], h4 a[href], h5 a[href], h6 a[href]'))) {
    if (!link.getAttribute('href')!.startsWith('#')) return false;
  }
  return true;
}

export interface CleanOptions {
  /** Extra subtrees to drop (a profile's boilerplate selectors). */
  extraExcluded?: Set<Element>;
  /** Subtrees to keep no matter what (a profile's lead and body). */
  keep?: Set<Element>;
  /** The article title: a heading repeating it is not body text. */
  title?: string;
}

/**
 * Subtrees inside `root` that are not article text: navigation, share bars, related boxes (with
 * their boilerplate heading), link-heavy lists, forms. Top-down; an excluded subtree is not entered.
 */
export function findExcluded(root: Element, stats: Map<Element, ElementStats>, options: CleanOptions = {}): Element[] {
  const excluded: Element[] = [];
  const rootStats = stats.get(root);
  const rootLength = rootStats?.textLength ?? 0;
  const titleKey = options.title ? options.title.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase() : '';
  const stack: Element[] = [];
  for (let child = root.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  const skipFollowing = new Set<Element>();
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (options.keep?.has(el)) {
      for (let child = el.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
      continue;
    }
    if (options.extraExcluded?.has(el) || skipFollowing.has(el)) {
      excluded.push(el);
      continue;
    }
    const s = stats.get(el);
    if (!s) continue; // not measured: non-text or hidden, the text walk skips it anyway
    if (s.textLength === 0) continue;
    const tag = el.tagName.toUpperCase();
    // Code is kept whole: a highlighter's class names ("hljs-comment", "token tag") describe the
    // code's syntax, not the page's furniture.
    if (tag === 'PRE' || tag === 'CODE') continue;
    const share = rootLength > 0 ? s.textLength / rootLength : 0;
    const density = linkDensity(s);
    const names = classAndId(el);
    const weight = namesWeight(names);

    const drop = (() => {
      if (isUnlikely(el) && share < 0.5 && !isProseCallout(el, tag, s, weight, stats)) return true;
      if (tag === 'FORM' && share < 0.3) return true;
      if (HEADING_TAGS.has(tag) && titleKey && shortText(el, 400)?.toLowerCase() === titleKey) return true;
      // A bare wrapper around one child is judged through that child (and reading textContent at
      // every level of a deep chain would be quadratic).
      const wrapper = s.ownTextLength === 0 && el.firstElementChild !== null && el.firstElementChild === el.lastElementChild;
      if (s.textLength <= 60 && !wrapper) {
        const text = shortText(el, 60);
        if (text !== undefined) {
          if (isToolPhrase(text)) return true;
          if (isBoilerplateHeading(text)) {
            // The heading takes its block: the parent if the heading leads a small box, otherwise
            // the link-heavy siblings that follow it.
            const parent = el.parentElement;
            const ps = parent ? stats.get(parent) : undefined;
            if (parent && parent !== root && ps && rootLength > 0 && ps.textLength / rootLength < 0.4 && !options.keep?.has(parent)) {
              if (!excluded.includes(parent)) excluded.push(parent);
              // Remove anything already excluded inside it; the parent covers it.
              return false;
            }
            for (let next = el.nextElementSibling; next; next = next.nextElementSibling) {
              const ns = stats.get(next);
              if (!ns) continue;
              if (linkDensity(ns) >= 0.3 || ['UL', 'OL'].includes(next.tagName.toUpperCase()) || ns.textLength < 30) skipFollowing.add(next);
              else break;
            }
            return true;
          }
          if (isBreadcrumbText(text)) return true;
        }
      }
      if (share < 0.3 && isAuthorBox(names)) return true;
      if (share < 0.3 && isCreditLine(names, s)) return true;
      if (weight < 0 && share < 0.3 && NEGATIVE_LOOSE.test(names)) return true;
      if (tag === 'P' || HEADING_TAGS.has(tag)) return false;
      // Conditional cleaning of boxes and lists (Readability's idea, simplified).
      if (['DIV', 'SECTION', 'UL', 'OL', 'TABLE', 'DL', 'ASIDE', 'HEADER', 'FOOTER', 'FIGURE'].includes(tag) && s.commas < 10 && share < 0.5) {
        if (weight < 0 && density > 0.2) return true;
        const list = tag === 'UL' || tag === 'OL';
        const proseList = (list && density <= 0.6 && isListInProse(el, stats)) || (density > 0.35 && isAnnouncedList(el, root, stats));
        if (density > 0.5 && !proseList && (list || linkDensityWithoutAnnouncedLists(el, root, stats) > 0.5)) return true;
        if (list && !proseList && density > 0.35 && s.listItems > 0 && s.textLength / s.listItems < 80) return true;
        if (s.inputs > 2 && s.inputs > s.paragraphs / 3 && !(list && isChecklist(el, s))) {
          // Prose sections may carry icon buttons (badges, gallery arrows); those are not form controls.
          const prose = s.paragraphs >= 2 && s.commas >= 2 ? s.inputs - iconOnlyButtonCount(el) : s.inputs;
          const controls = prose - disclosureButtonCount(el);
          if (controls > 2 && controls > s.paragraphs / 3) return true;
        }
      }
      return false;
    })();
    if (drop) {
      excluded.push(el);
      continue;
    }
    if (excluded.length && excluded[excluded.length - 1] === el.parentElement) continue;
    for (let child = el.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
  return outermostBelow(excluded, root);
}

/** A block shorter than this is not compared: short lines repeat legitimately (a date, a label). */
const REPEATED_BLOCK_MIN_TEXT = 200;

/**
 * Blocks inside `root` that repeat an earlier block word for word: site builders (Framer, Webflow,
 * Wix) render one copy of a section per screen size and let CSS show one, and "responsive" themes
 * do the same by hand. Without style sheets every copy reads as text, so the later copies are left
 * out. Candidates are matched on their measured numbers first, so text is compared only for blocks
 * that already measure the same. (Short repeated labels on listings: listing.ts repeatedShortBlocks.)
 */
export function findRepeatedSections(root: Element, stats: Map<Element, ElementStats>, skip: Iterable<Element> = []): Element[] {
  const seen = new Map<string, Array<{ el: Element; text?: string }>>();
  const repeated: Element[] = [];
  const textOf = (entry: { el: Element; text?: string }) => (entry.text ??= (entry.el.textContent ?? '').replace(/\s+/g, ' ').trim());
  visitBlocks(root, skip, (el) => {
    const s = stats.get(el);
    if (!s || s.textLength < REPEATED_BLOCK_MIN_TEXT) return false;
    // A copied section holds several paragraphs or headings; one paragraph said twice is left as written.
    if (s.paragraphs + s.headings < 2) return false;
    // The only child of a wrapper holds the same text: the wrapper has already been compared.
    const parent = el.parentElement;
    const wrapped = parent !== null && parent !== root && stats.get(parent)?.textLength === s.textLength;
    if (!wrapped) {
      const key = `${s.textLength}/${s.linkLength}/${s.commas}/${s.paragraphs}/${s.headings}`;
      const entries = seen.get(key);
      const entry = { el };
      if (entries?.some((earlier) => !earlier.el.contains(el) && textOf(earlier) === textOf(entry))) {
        repeated.push(el);
        return false;
      }
      if (entries) entries.push(entry);
      else seen.set(key, [entry]);
    }
    return true;
  });
  return repeated;
}
