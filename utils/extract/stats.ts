/**
 * One read-only pass over the body that measures every element: how much text it holds, how much
 * of that is link text, how many commas. Everything else (candidate scoring, boilerplate decisions,
 * detection) reads these numbers instead of re-walking subtrees, which is what keeps extraction
 * faster than clone-and-strip.
 */
import { HEADING_TAGS } from './dom';
import { NON_TEXT_TAGS, isHiddenByMarkup, isParsedNoscript } from './text';

export interface ElementStats {
  /** Characters of visible text (white space runs count as one). */
  textLength: number;
  /** Of which inside links. */
  linkLength: number;
  commas: number;
  /** Text directly in this element's own text nodes, not in child elements. */
  ownTextLength: number;
  /** Descendant element counts used by the conditional cleaning. */
  paragraphs: number;
  images: number;
  listItems: number;
  inputs: number;
  links: number;
  headings: number;
  depth: number;
}

const NODE_ELEMENT = 1;
const NODE_TEXT = 3;

/** The whitespace a browser collapses in running text (with the no-break space, which it keeps). */
const SPACE_RUN = /[ \n\t\r\u00a0\f]+/g;
/** Longer than this, a text node is measured by native string operations. */
const LONG_TEXT = 256;
/** Commas of other scripts: ، 、 ， */
const OTHER_COMMAS = /[\u060c\u3001\uff0c]/g;

/**
 * A text node's length with its whitespace runs collapsed to one space (a leading run dropped), and
 * its commas. Short texts (most nodes) by a loop over their characters, which V8 soon compiles; long
 * ones by native string operations: on a page's first extraction V8 still interprets our code, and a
 * loop over a long paragraph is slow there.
 */
function visibleLength(data: string): { length: number; commas: number } {
  if (data.length > LONG_TEXT) return visibleLengthOfLong(data);
  let length = 0;
  let commas = 0;
  let inSpace = true;
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    const isSpace = code === 32 || code === 10 || code === 9 || code === 13 || code === 160 || code === 12;
    if (isSpace) {
      if (!inSpace) length++;
      inSpace = true;
    } else {
      length++;
      inSpace = false;
      // , ، 、 ，
      if (code === 44 || code === 0x060c || code === 0x3001 || code === 0xff0c) commas++;
    }
  }
  return { length, commas };
}

function visibleLengthOfLong(data: string): { length: number; commas: number } {
  const collapsed = data.replace(SPACE_RUN, ' ');
  const length = collapsed.length - (collapsed.charCodeAt(0) === 32 ? 1 : 0);
  let commas = 0;
  for (let at = collapsed.indexOf(','); at >= 0; at = collapsed.indexOf(',', at + 1)) commas++;
  commas += collapsed.match(OTHER_COMMAS)?.length ?? 0;
  return { length, commas };
}

/** Cap on elements measured, so a pathological page costs bounded time. */
const MAX_ELEMENTS = 60_000;

/** Elements the measuring walk collects on the way, so nobody queries the DOM for them again. */
export interface Collected {
  anchors: Element[];
  h1s: Element[];
  articles: number;
  /** <main> elements (a hidden one is not walked into, so not collected). */
  mains: Element[];
}

export function measure(root: Element, collected?: Collected, includeHidden = false): Map<Element, ElementStats> {
  const stats = new Map<Element, ElementStats>();
  // Iterative post-order: push on enter, finalise on leave.
  // A frame carries its element's tag (read once, by the parent's loop) and its parent's stats; leaving,
  // its own stats too. Every frame has the same properties from the start, so V8 sees one shape.
  const stack: Array<{ el: Element; leaving: boolean; inLink: boolean; depth: number; tag: string; parent: ElementStats | undefined; s: ElementStats | undefined }> = [
    { el: root, leaving: false, inLink: false, depth: 0, tag: root.tagName.toUpperCase(), parent: undefined, s: undefined },
  ];
  let count = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { el, inLink, depth, tag } = frame;
    if (!frame.leaving) {
      if (++count > MAX_ELEMENTS) break;
      const s: ElementStats = {
        textLength: 0, linkLength: 0, commas: 0, ownTextLength: 0, paragraphs: 0, images: 0, listItems: 0,
        inputs: 0, links: 0, headings: 0, depth,
      };
      stats.set(el, s);
      const isLink = inLink || tag === 'A';
      if (collected) {
        if (tag === 'A') collected.anchors.push(el);
        else if (tag === 'H1') collected.h1s.push(el);
        else if (tag === 'ARTICLE') collected.articles++;
        else if (tag === 'MAIN') collected.mains.push(el);
      }
      frame.leaving = true;
      frame.s = s;
      stack.push(frame);
      for (let child = el.lastChild; child; child = child.previousSibling) {
        if (child.nodeType === NODE_TEXT) {
          const { length, commas } = visibleLength((child as Text).data);
          s.textLength += length;
          s.ownTextLength += length;
          s.commas += commas;
          if (isLink) s.linkLength += length;
        } else if (child.nodeType === NODE_ELEMENT) {
          const childEl = child as Element;
          const childTag = childEl.tagName.toUpperCase();
          if (NON_TEXT_TAGS.has(childTag) && !(includeHidden && isParsedNoscript(childEl))) {
            if (childTag === 'IMG' || childTag === 'PICTURE') s.images++;
            else if (childTag === 'INPUT' || childTag === 'SELECT' || childTag === 'TEXTAREA' || childTag === 'BUTTON') s.inputs++;
            continue;
          }
          if (!includeHidden && isHiddenByMarkup(childEl)) continue;
          stack.push({ el: childEl, leaving: false, inLink: isLink, depth: depth + 1, tag: childTag, parent: s, s: undefined });
        }
      }
      continue;
    }
    // Leaving: add this element's totals to its parent's (the root has none here).
    const s = frame.s!;
    const p = frame.parent;
    if (!p) continue;
    p.textLength += s.textLength + (s.textLength > 0 && p.textLength > 0 ? 1 : 0);
    p.linkLength += s.linkLength;
    p.commas += s.commas;
    p.paragraphs += s.paragraphs + (tag === 'P' ? 1 : 0);
    p.images += s.images;
    p.listItems += s.listItems + (tag === 'LI' ? 1 : 0);
    p.inputs += s.inputs;
    p.links += s.links + (tag === 'A' ? 1 : 0);
    p.headings += s.headings + (HEADING_TAGS.has(tag) ? 1 : 0);
  }
  return stats;
}

export function linkDensity(s: ElementStats | undefined): number {
  if (!s || s.textLength === 0) return 0;
  return Math.min(1, s.linkLength / s.textLength);
}
