/** Small readings of the DOM that several extraction steps share. */
import type { ElementStats } from './stats';

export const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** An element's class and id, as one string to test class-word patterns on. */
export const classAndId = (el: Element, className = el.getAttribute('class')): string => `${className ?? ''} ${el.getAttribute('id') ?? ''}`;

/**
 * A CSS framework's class that hides a block (Bootstrap's d-none and hide, Tailwind's hidden, Bulma's
 * is-hidden): shops keep every variant's data in such blocks, apps their not-yet-shown promos, and a
 * saved page holds what a browser does not show. Not when a width-prefixed class shows it again
 * ("hidden md:block").
 */
const HIDDEN_BY_CLASS = /(^|\s)(hide|hidden|d-none|is-hidden)(\s|$)/i;
const SHOWN_AT_WIDTH = /(^|\s)[a-z0-9]+:(block|flex|grid|inline|inline-block|inline-flex|table|contents)(\s|$)/i;

export function isHiddenByClassName(el: Element): boolean {
  const classes = el.getAttribute('class');
  return classes !== null && HIDDEN_BY_CLASS.test(classes) && !SHOWN_AT_WIDTH.test(classes);
}

/** `el` or one of its ancestors below `body` is hidden by such a class. */
export function isInClassHiddenBlock(el: Element, body: Element): boolean {
  for (let up: Element | null = el; up && up !== body; up = up.parentElement) if (isHiddenByClassName(up)) return true;
  return false;
}

/**
 * An element's text with its whitespace collapsed, when it is at most `max` characters; undefined
 * otherwise, without collapsing a long text only to find it too long.
 */
export function shortText(el: Element, max: number): string | undefined {
  return shortOf(el.textContent ?? '', max);
}

/** shortText of an element's textContent already read (by a caller that tests it against two maxima). */
export function shortOf(raw: string, max: number): string | undefined {
  if (raw.length > max * 4) return undefined;
  const text = raw.replace(/[\s\u00a0]+/g, ' ').trim();
  return text.length <= max ? text : undefined;
}

/**
 * Visits the elements inside `root` in document order, leaving out the subtrees in `skip` (already
 * excluded). `visit` answers whether to look inside the element: a block it has taken, or one too
 * small to hold what it looks for, is not descended into. Iterative, so a page nested thousands deep
 * does not overflow the stack.
 */
export function visitBlocks(root: Element, skip: Iterable<Element>, visit: (el: Element) => boolean): void {
  const skipped = new Set(skip);
  const stack: Element[] = [];
  const pushChildren = (el: Element) => {
    for (let child = el.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  };
  pushChildren(root);
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (!skipped.has(el) && visit(el)) pushChildren(el);
  }
}

/**
 * The box a heading leads: its largest ancestor below `root` that still starts with the heading (a
 * heading's own bar with a "See all" link can sit apart from the list it names), holds more than
 * the heading and less than `maxLength` characters. A heading in the middle of a box (a "Reviews"
 * tab among a product's own tabs) does not name the box, nor does one above the page's h1.
 * Undefined when no ancestor qualifies.
 */
export function boxLedBy(heading: Element, headingText: string, root: Element, stats: Map<Element, ElementStats>, maxLength: number): Element | undefined {
  const headingLength = stats.get(heading)?.textLength ?? 0;
  const ledBy = (box: Element) =>
    (box.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trimStart().startsWith(headingText) && !box.querySelector('h1');
  let found: Element | undefined;
  for (let box = heading.parentElement; box && box !== root; box = box.parentElement) {
    const length = stats.get(box)?.textLength ?? 0;
    if (length <= headingLength * 1.5 + 10) continue;
    if (length >= maxLength || !ledBy(box)) break;
    found = box;
  }
  return found;
}

/**
 * The elements of `elements` not inside another of them (below `root`): a box left out through its
 * heading may enclose blocks left out before it was found.
 */
export function outermostBelow(elements: Element[], root: Element): Element[] {
  const set = new Set(elements);
  return elements.filter((el) => {
    for (let up = el.parentElement; up && up !== root; up = up.parentElement) if (set.has(up)) return false;
    return true;
  });
}
