/**
 * The article text as Sổ tay defines it, built by walking the live DOM without changing it.
 * Highlight anchoring measures offsets in exactly this string, so every rule here is part of a
 * contract: comments are not text, `<br>` is a line break, blocks are separated by a blank line,
 * runs of white space (nbsp included) are one space, and the result is NFC.
 */

const NODE_ELEMENT = 1;
const NODE_TEXT = 3;
const NODE_CDATA = 4;

/** Elements whose content is never reading text. */
export const NON_TEXT_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'SVG', 'CANVAS',
  'IFRAME', 'OBJECT', 'EMBED', 'AUDIO', 'VIDEO', 'SELECT', 'TEXTAREA', 'BUTTON', 'INPUT', 'MATH',
  'PICTURE', 'SOURCE', 'IMG', 'MAP', 'DIALOG',
]);

/** Elements that start and end a paragraph-level block. */
export const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIR', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HGROUP', 'HR', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE',
  'TBODY', 'THEAD', 'TFOOT', 'UL', 'LEGEND', 'OPTGROUP',
]);

/** Table rows end a line; cells are separated by a space. */
const LINE_TAGS = new Set(['TR']);
const CELL_TAGS = new Set(['TD', 'TH']);

/**
 * React's streamed server rendering sends content that was not ready with the shell as a hidden
 * `<div hidden id="S:n">` at the end of the body, and an inline script moves it into its place at
 * once (its number is hexadecimal: S:9 is followed by S:a). In a browser such a div never lasts; in
 * a saved page the script never ran and the div holds the page's real content (the article, a
 * product), so it is read as if the script had run.
 */
const STREAMED_SEGMENT_ID = /^S:[0-9a-f]+$/i;

export function isStreamedSegment(el: Element): boolean {
  return el.tagName.toUpperCase() === 'DIV' && STREAMED_SEGMENT_ID.test(el.getAttribute('id') ?? '');
}

/** Is this element hidden by markup we can read without computing styles? */
export function isHiddenByMarkup(el: Element): boolean {
  // Most elements carry no attribute at all: one call says so.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden')) return !isStreamedSegment(el) && !isDisclosurePanel(el);
  // Lower-cased, as the declarations' names and values are read in any case; the pattern is run (and
  // compiled) only on a style that says "none" or "hidden".
  const style = el.getAttribute('style')?.toLowerCase();
  if (style && (style.includes('none') || style.includes('hidden')) && /display\s*:\s*none|visibility\s*:\s*hidden/.test(style)) return !isDisclosurePanel(el);
  return false;
}

/**
 * A tab's panel or an accordion's panel: hidden until the reader clicks its tab or its heading, and
 * part of what the page says as much as the panel shown (a service's answers, a guide's steps, a
 * manual's per-platform instructions), so it is read wherever hidden markup is not: in the page's
 * statistics and in every page's text, articles included. It is known by its role (a tabpanel, or a
 * region labelled by its control) or, as accordions without roles are built, by the control just
 * before it that opens it (aria-controls). Menus, dialogs and pop-ups open the same ways and are
 * controls, not content; a panel known only by its opener could be such a menu under another name,
 * so it must also lie outside the navigation and header and not be mostly links (a tab of links,
 * like a list of forms, is still the page's own).
 */
export function isDisclosurePanel(el: Element): boolean {
  const role = el.getAttribute('role');
  if (MENU_TAGS.has(el.tagName.toUpperCase()) || MENU_ROLES.has(role ?? '')) return false;
  if (el.hasAttribute('aria-modal') || POP_UP_CLASS.test(el.getAttribute('class') ?? '')) return false;
  if (role === 'tabpanel' || ((role === null || role === 'region') && el.hasAttribute('aria-labelledby'))) return true;
  if (!isOpenedByControlBefore(el)) return false;
  for (let up = el.parentElement; up; up = up.parentElement) {
    const tag = up.tagName.toUpperCase();
    if (tag === 'NAV' || tag === 'HEADER' || MENU_ROLES.has(up.getAttribute('role') ?? '')) return false;
  }
  const length = (el.textContent ?? '').trim().length;
  let linked = 0;
  for (const link of Array.from(el.getElementsByTagName('a'))) linked += (link.textContent ?? '').trim().length;
  return length > 0 && linked < length / 2;
}

/** The previous sibling, or a control inside it, opens `el` in place (not as a pop-up). */
function isOpenedByControlBefore(el: Element): boolean {
  const id = el.getAttribute('id');
  const previous = el.previousElementSibling;
  if (!id || !previous) return false;
  const opens = (control: Element) =>
    !control.hasAttribute('aria-haspopup') && (control.getAttribute('aria-controls') ?? '').split(/\s+/).includes(id);
  return opens(previous) || Array.from(previous.querySelectorAll('[aria-controls]')).some(opens);
}

const MENU_TAGS = new Set(['NAV', 'MENU', 'UL', 'OL', 'DIALOG']);
const MENU_ROLES = new Set(['navigation', 'menu', 'menubar', 'listbox', 'dialog', 'alertdialog', 'banner']);
const POP_UP_CLASS = /modal|popup|pop-up|dialog|drawer|offcanvas|overlay|dropdown|submenu|mega-?menu/i;

/**
 * A <noscript> whose content was parsed as markup: only a parser without scripting does that (a saved
 * page read in Node). In a browser with scripts on, its content is one raw text node and stays unread.
 */
export function isParsedNoscript(el: Element): boolean {
  return el.tagName.toUpperCase() === 'NOSCRIPT' && el.firstElementChild !== null;
}

/** One text node's contribution: `text` (already collapsed) starts at `start` in the result. */
export interface TextSegment {
  node: Text;
  start: number;
  end: number;
}

export interface ArticleText {
  text: string;
  /** Where each text node's characters landed, for anchoring. Offsets are into `text`. */
  segments: TextSegment[];
}

const WHITESPACE_RUN = /[\s\u00a0\u200b\ufeff]+/g;

/**
 * Text of `root` minus the `excluded` subtrees, by the rules above. Iterative, so a page nested
 * thousands of levels deep cannot overflow the stack.
 */
export interface TextOptions {
  /**
   * Read elements hidden by markup (`hidden`, inline display:none) and <noscript> content parsed as
   * markup too. Extraction sets this only for saved pages whose whole content waits for a script
   * (streamed React, a forum's no-script copy), never on a live page where the script has run; pass
   * the result's `textOptions` back to reproduce its text.
   */
  includeHidden?: boolean;
}

export function articleTextOf(root: Element, excluded: Iterable<Element> = [], options: TextOptions = {}): string {
  // The text alone: no segment is recorded (one object per text node, on every extraction).
  return renderText(root, excluded, options, undefined);
}

export function articleTextWithSegments(root: Element, excluded: Iterable<Element> = [], options: TextOptions = {}): ArticleText {
  const segments: TextSegment[] = [];
  const text = renderText(root, excluded, options, segments);
  return { text, segments };
}

/** The text, recording where each text node's characters landed in `segments` when given. */
function renderText(root: Element, excluded: Iterable<Element>, options: TextOptions, segments: TextSegment[] | undefined): string {
  const skip = excluded instanceof Set ? (excluded as Set<Element>) : new Set(excluded);
  // Pieces are collected in an array (string concatenation plus endsWith() on a growing rope is
  // quadratic); `tail` holds the last characters written so far, `length` the total.
  const parts: string[] = [];
  let length = 0;
  let tail = '';
  const write = (piece: string) => {
    parts.push(piece);
    length += piece.length;
    tail = (tail + piece).slice(-2);
  };
  /** Drop trailing spaces already written (only ever a few, all in the last pieces). */
  const trimTrailingSpaces = () => {
    while (parts.length > 0) {
      const last = parts[parts.length - 1]!;
      if (!last.endsWith(' ')) break;
      const trimmed = last.replace(/ +$/, '');
      if (trimmed.length === last.length) break;
      length -= last.length - trimmed.length;
      if (trimmed) {
        parts[parts.length - 1] = trimmed;
        break;
      }
      parts.pop();
    }
    // Recompute the tail from the remaining pieces.
    tail = '';
    for (let i = parts.length - 1; i >= 0 && tail.length < 2; i--) tail = parts[i]! + tail;
    tail = tail.slice(-2);
  };
  // 0: nothing pending, 1: a line break, 2: a paragraph break, 3: a space (cell separator).
  let pendingBreak = 0;
  let preDepth = 0;

  const emitText = (raw: string, node: Text | null) => {
    let piece = preDepth > 0 ? raw.replace(/[\u00a0]/g, ' ').replace(/\r\n?/g, '\n') : raw.replace(WHITESPACE_RUN, ' ');
    if (!piece) return;
    const atLineStart = length === 0 || tail.endsWith('\n') || pendingBreak > 0;
    if (atLineStart && preDepth === 0 && piece.startsWith(' ')) piece = piece.replace(/^ +/, '');
    if (!piece) return;
    if (pendingBreak > 0 && length > 0) {
      trimTrailingSpaces();
      if (pendingBreak === 2) write(tail === '\n\n' ? '' : tail.endsWith('\n') ? '\n' : '\n\n');
      else if (pendingBreak === 1) write(tail.endsWith('\n') ? '' : '\n');
      else if (pendingBreak === 3 && !tail.endsWith(' ') && !tail.endsWith('\n')) write(' ');
    }
    pendingBreak = 0;
    if (preDepth === 0 && tail.endsWith(' ') && piece.startsWith(' ')) piece = piece.slice(1);
    if (!piece) return;
    const nfcPiece = piece.normalize('NFC');
    if (node && segments) segments.push({ node, start: length, end: length + nfcPiece.length });
    write(nfcPiece);
  };
  const requestBreak = (level: number) => {
    if (level === 3) {
      if (pendingBreak === 0) pendingBreak = 3;
      return;
    }
    if (pendingBreak === 3 || level > pendingBreak) pendingBreak = level;
  };
  // Explicit stack of [node, leaving] pairs: leaving=true closes an element.
  const stack: Array<{ node: Node; leaving: boolean }> = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (node.nodeType === NODE_TEXT || node.nodeType === NODE_CDATA) {
      emitText((node as Text).data, node as Text);
      continue;
    }
    if (node.nodeType !== NODE_ELEMENT) continue; // comments, processing instructions
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (leaving) {
      if (tag === 'PRE') preDepth--;
      if (BLOCK_TAGS.has(tag)) requestBreak(2);
      else if (LINE_TAGS.has(tag)) requestBreak(1);
      else if (CELL_TAGS.has(tag)) requestBreak(3);
      continue;
    }
    const unread = options.includeHidden
      ? NON_TEXT_TAGS.has(tag) && !isParsedNoscript(el)
      : NON_TEXT_TAGS.has(tag) || isHiddenByMarkup(el);
    if (el !== root && (skip.has(el) || unread)) {
      // An excluded block still separates what comes before from what comes after.
      if (BLOCK_TAGS.has(tag)) requestBreak(2);
      continue;
    }
    if (tag === 'BR') {
      requestBreak(1);
      continue;
    }
    if (BLOCK_TAGS.has(tag)) requestBreak(2);
    else if (LINE_TAGS.has(tag)) requestBreak(1);
    else if (CELL_TAGS.has(tag)) requestBreak(3);
    if (tag === 'PRE') preDepth++;
    stack.push({ node: el, leaving: true });
    const children: Node[] = [];
    for (let child = el.firstChild; child; child = child.nextSibling) children.push(child);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, leaving: false });
  }
  // Trailing white space is not text; segments never extend past it because it is trimmed only
  // from the end.
  const out = parts.join('');
  const trimmed = out.replace(/\s+$/, '');
  if (segments && trimmed.length < out.length) {
    for (const segment of segments) {
      if (segment.end > trimmed.length) segment.end = Math.max(segment.start, trimmed.length);
    }
  }
  return trimmed;
}
