// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Toolbar, type ToolbarProps } from '@/components/toolbar/Toolbar';

let host: HTMLElement;

function mount(overrides: Partial<ToolbarProps> = {}) {
  host = document.createElement('div');
  document.body.append(host);
  const props: ToolbarProps = {
    locale: 'vi',
    position: { top: 10, left: 10 },
    knownTags: [
      { name: 'học tập', count: 4 },
      { name: 'Hà Nội', count: 9 },
    ],
    onColor: vi.fn(),
    onTags: vi.fn(),
    onNote: vi.fn(),
    onCopy: vi.fn(),
    onDelete: vi.fn(),
    onClose: vi.fn(),
    ...overrides,
  };
  act(() => render(<Toolbar {...props} />, host));
  return props;
}

const button = (name: string) =>
  [...host.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent)?.trim() === name)!;

function type(input: HTMLInputElement | HTMLTextAreaElement, text: string) {
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function key(target: Element, k: string, init: KeyboardEventInit = {}) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, ...init }));
  });
}

afterEach(() => {
  render(null, host);
  host.remove();
});

describe('selection toolbar', () => {
  it('names every colour button in Vietnamese and reports the chosen colour', () => {
    const props = mount();
    expect(host.querySelector('[role=toolbar]')?.getAttribute('aria-label')).toBe('Công cụ đánh dấu Sổ tay');
    act(() => button('Đánh dấu màu xanh lá').click());
    expect(props.onColor).toHaveBeenCalledWith('green');
    expect(button('Xóa đánh dấu')).toBeUndefined(); // nothing to delete before a highlight exists
  });

  it('speaks English when asked', () => {
    mount({ locale: 'en' });
    expect(button('Highlight in yellow')).toBeDefined();
    expect(button('Copy quote with link')).toBeDefined();
  });

  it('suggests "học tập" for "hoc" and adds it with Enter; a new tag is created with Enter too', () => {
    const props = mount({ highlight: { color: 'yellow', tags: [], note: '' }, initialPanel: 'tags', autoFocus: true });
    const input = host.querySelector<HTMLInputElement>('input[role=combobox]')!;
    expect(document.activeElement).toBe(input);
    type(input, 'hoc');
    const options = [...host.querySelectorAll('[role=option]')].map((o) => o.textContent);
    expect(options[0]).toContain('học tập');
    key(input, 'ArrowDown');
    key(input, 'Enter');
    expect(props.onTags).toHaveBeenLastCalledWith(['học tập']);
    // Typed before the first tag's save came back (the toolbar was not given the new list yet): it is
    // added to the first, not instead of it.
    type(input, 'chuyển đổi số');
    key(input, 'Enter');
    expect(props.onTags).toHaveBeenLastCalledWith(['học tập', 'chuyển đổi số']);
    expect([...host.querySelectorAll('.chip span')].map((chip) => chip.textContent)).toEqual(['#học tập', '#chuyển đổi số']);
    key(input, 'Backspace');
    expect(props.onTags).toHaveBeenLastCalledWith(['học tập']);
  });

  it('shows the list the controller gives it once that list changes', () => {
    const props = mount({ highlight: { color: 'yellow', tags: [], note: '' }, initialPanel: 'tags' });
    const input = host.querySelector<HTMLInputElement>('input[role=combobox]')!;
    type(input, 'Hà Nội');
    key(input, 'Enter');
    // The save came back, and another window had added a tag meanwhile.
    act(() => render(<Toolbar {...props} highlight={{ color: 'yellow', tags: ['Hà Nội', 'học tập'], note: '' }} />, host));
    expect([...host.querySelectorAll('.chip span')].map((chip) => chip.textContent)).toEqual(['#Hà Nội', '#học tập']);
  });

  it('lists the tags of a highlight with remove buttons', () => {
    const props = mount({ highlight: { color: 'blue', tags: ['Hà Nội', 'học tập'], note: '' }, initialPanel: 'tags' });
    act(() => button('Bỏ thẻ Hà Nội').click());
    expect(props.onTags).toHaveBeenCalledWith(['học tập']);
    expect(button('Đánh dấu màu xanh dương').getAttribute('aria-pressed')).toBe('true');
  });

  it('saves a note with Ctrl+Enter or the save button', () => {
    const props = mount({ highlight: { color: 'yellow', tags: [], note: '' }, initialPanel: 'note' });
    const area = host.querySelector('textarea')!;
    type(area, 'Ý chính của hội nghị');
    key(area, 'Enter', { ctrlKey: true });
    expect(props.onNote).toHaveBeenCalledWith('Ý chính của hội nghị');
  });

  it('closes with Escape', () => {
    const props = mount({ autoFocus: true });
    key(document.activeElement!, 'Escape');
    expect(props.onClose).toHaveBeenCalled();
  });

  it('shows page text and tags as text, never as markup', () => {
    mount({ highlight: { color: 'yellow', tags: ['<img src=x onerror=alert(1)>'], note: '' }, initialPanel: 'tags' });
    expect(host.querySelector('img')).toBeNull();
    expect(host.textContent).toContain('#<img src=x onerror=alert(1)>');
  });
});
