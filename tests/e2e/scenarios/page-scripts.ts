/**
 * Functions that run inside a page, shared by both drivers. Each is self-contained (it is sent to the
 * browser as source text), so it may use only its argument and the page's globals.
 */
import type { Role } from './driver';

export interface FindQuery {
  role: Role;
  name: string;
}

/**
 * Every visible element with the role and exact accessible name, shadow roots included. The name is the
 * one assistive technology would read for the simple markup Sổ tay uses: aria-label, aria-labelledby,
 * a <label>, else the element's text.
 */
export function findByRole({ role, name }: FindQuery): Element[] {
  const selectors: Record<Role, string> = {
    button: 'button, [role="button"], input[type="button"], input[type="submit"]',
    combobox: '[role="combobox"], select',
    textbox: 'textarea, input:not([type]), input[type="text"], input[type="search"], [role="textbox"]',
    link: 'a[href], [role="link"]',
    toolbar: '[role="toolbar"]',
    status: '[role="status"], output',
  };
  const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const accessibleName = (element: Element): string => {
    const label = element.getAttribute('aria-label');
    if (label) return squash(label);
    const root = element.getRootNode() as Document | ShadowRoot;
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) return squash(labelledBy.split(/\s+/).map((id) => root.getElementById?.(id)?.textContent ?? '').join(' '));
    const labels = (element as HTMLInputElement).labels;
    if (labels?.length) return squash([...labels].map((l) => l.textContent).join(' '));
    return squash(element.textContent);
  };
  const found: Element[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.matches(selectors[role]) && element.getClientRects().length > 0 && accessibleName(element) === name) found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  return found;
}

/** Viewport points at the start of the first and the end of the last character of `text` (scrolled into view). */
export function dragPointsFor(text: string): { from: { x: number; y: number }; to: { x: number; y: number } } {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  let all = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    all += (n as Text).data;
  }
  const at = all.indexOf(text);
  if (at < 0) throw new Error(`text not found: ${text}`);
  const locate = (offset: number) => {
    let seen = 0;
    for (const node of nodes) {
      if (offset < seen + node.data.length) return { node, offset: offset - seen };
      seen += node.data.length;
    }
    throw new Error('offset out of range');
  };
  const charRect = (offset: number) => {
    const { node, offset: inNode } = locate(offset);
    const range = document.createRange();
    range.setStart(node, inNode);
    range.setEnd(node, inNode + 1);
    const rects = range.getClientRects();
    return rects[rects.length - 1]!;
  };
  locate(at).node.parentElement?.scrollIntoView({ block: 'center' });
  getSelection()?.removeAllRanges();
  const first = charRect(at);
  const last = charRect(at + text.length - 1);
  return {
    from: { x: first.left + 1, y: first.top + first.height / 2 },
    to: { x: last.right - 1, y: last.top + last.height / 2 },
  };
}

export function selectedText(): string {
  return getSelection()?.toString() ?? '';
}

/** The text of every range painted in a colour (CSS Custom Highlight API), as the page could read it. */
export function paintedTexts(color: string): string[] {
  const highlight = CSS.highlights?.get(`sotay-${color}`);
  return highlight ? [...highlight].map((range) => range.toString()) : [];
}
