// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PageController, type PageBackend, type PageUi, type ToolbarView } from '@/utils/page/controller';
import type { Annotation, AnnotationTarget, HighlightColor } from '@/utils/model/types';

const PASSAGE = 'trên cả nước có 25.525 mô hình khác nhau trong học tập và làm theo Bác';

/** A backend whose answers come only when the test releases them, in any order it likes. */
class SlowBackend implements PageBackend {
  stored = new Map<string, Annotation>();
  waiting: { release(): void; fail(error: Error): void }[] = [];
  creates = 0;

  private later<T>(work: () => T): Promise<T> {
    return new Promise((resolve, reject) =>
      this.waiting.push({ release: () => resolve(work()), fail: (error) => reject(error) }),
    );
  }
  async report() {
    return { active: true, annotations: [], tags: [], defaultColor: 'yellow' as HighlightColor } as never;
  }
  async anchored() {
    return undefined;
  }
  create(input: { target: AnnotationTarget; color: HighlightColor; tags?: string[]; note?: string }) {
    this.creates++;
    return this.later(() => {
      const id = `a${this.creates}`;
      const now = Date.now();
      const annotation = { id, articleUrl: 'http://hanoi.gov.vn/a.htm', target: input.target, quote: input.target.quote.exact, color: input.color, tags: input.tags ?? [], note: input.note ?? '', created: now, updated: now } as unknown as Annotation;
      this.stored.set(id, annotation);
      return annotation;
    });
  }
  update(id: string, changes: { color?: HighlightColor; tags?: string[]; note?: string }) {
    return this.later(() => {
      const next = { ...this.stored.get(id)!, ...changes };
      this.stored.set(id, next);
      return next;
    });
  }
  async remove() {
    return undefined;
  }
  async undelete(id: string) {
    return this.stored.get(id)!;
  }
  async tags() {
    return [];
  }
  async copy() {}
}

class RecordingUi implements PageUi {
  views: ToolbarView[] = [];
  errors: string[] = [];
  get last(): ToolbarView {
    return this.views[this.views.length - 1]!;
  }
  showToolbar(view: ToolbarView) {
    this.views.push(view);
  }
  hideToolbar() {}
  showUndo() {}
  showError(message: string) {
    this.errors.push(message);
  }
  owns() {
    return false;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let backend: SlowBackend;
let ui: RecordingUi;
let controller: PageController;

beforeEach(async () => {
  document.body.innerHTML = `<article><h1>Lan tỏa tinh thần học tập</h1><p>Theo báo cáo, ${PASSAGE}, với nhiều cách làm hay.</p></article>`;
  // jsdom lays nothing out; the toolbar's position does not matter here.
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
  Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
  backend = new SlowBackend();
  ui = new RecordingUi();
  controller = new PageController(document, 'http://hanoi.gov.vn/a.htm', backend, ui, { copied: 'copied', noteSaved: 'noteSaved' });
  await controller.start();
});
afterEach(() => controller.stop());

function selectPassage() {
  const text = document.querySelector('p')!.firstChild as Text;
  const at = text.data.indexOf(PASSAGE);
  const range = document.createRange();
  range.setStart(text, at);
  range.setEnd(text, at + PASSAGE.length);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
}

/** What the reader's tag editor sends: the tags it shows now, plus one. */
const addTagOnScreen = (tag: string) => ui.last.onTags([...(ui.last.highlight?.tags ?? []), tag]);

async function releaseAll(order: 'in order' | 'newest first' = 'in order') {
  await settle();
  while (backend.waiting.length) {
    const answer = order === 'in order' ? backend.waiting.shift()! : backend.waiting.pop()!;
    answer.release();
    await settle();
  }
}

describe('editing a highlight faster than its saves come back', () => {
  async function highlighted(): Promise<string> {
    selectPassage();
    const done = controller.highlightSelection();
    await settle();
    await releaseAll();
    await done;
    return [...backend.stored.keys()][0]!;
  }

  it('keeps both of two tags typed before the first one was saved, whichever answer comes first', async () => {
    for (const order of ['in order', 'newest first'] as const) {
      const id = await highlighted();
      addTagOnScreen('học tập');
      expect(ui.last.highlight?.tags).toEqual(['học tập']); // shown at once, before the save
      addTagOnScreen('Hà Nội');
      await releaseAll(order);
      expect(backend.stored.get(id)!.tags).toEqual(['học tập', 'Hà Nội']);
      expect(ui.last.highlight?.tags).toEqual(['học tập', 'Hà Nội']);
      backend.stored.clear();
    }
  });

  it('puts back what was saved, and says why, when a change fails', async () => {
    const id = await highlighted();
    addTagOnScreen('học tập');
    await releaseAll();
    addTagOnScreen('Hà Nội');
    await settle();
    backend.waiting.shift()!.fail(new Error('Ổ đĩa đầy'));
    await settle();
    expect(ui.errors).toEqual(['Ổ đĩa đầy']);
    expect(ui.last.highlight?.tags).toEqual(['học tập']);
    expect(backend.stored.get(id)!.tags).toEqual(['học tập']);
  });
});

describe('choosing on the selection toolbar before the highlight is saved', () => {
  it('creates one highlight, which gets every choice made meanwhile', async () => {
    selectPassage();
    // A trusted mouseup opens this toolbar in a browser; jsdom cannot make trusted events.
    (controller as unknown as { showForSelection(autoFocus: boolean): void }).showForSelection(false);
    const selectionToolbar = ui.last;
    selectionToolbar.onTags(['học tập']);
    // The tag editor keeps its own list while the save is on its way (tests/unit/components/toolbar.test.tsx).
    selectionToolbar.onTags(['học tập', 'Hà Nội']);
    selectionToolbar.onColor('green');
    await settle();
    await releaseAll();
    await settle();
    await releaseAll();
    expect(backend.creates).toBe(1);
    const [only] = [...backend.stored.values()];
    expect(only).toMatchObject({ tags: ['học tập', 'Hà Nội'], color: 'green', quote: PASSAGE });
    expect(ui.last.highlight).toMatchObject({ tags: ['học tập', 'Hà Nội'], color: 'green' });
  });
});

describe('opening a panel on the selection toolbar before the highlight is saved', () => {
  it('keeps the same toolbar (and so the panel the reader opened) when the saved highlight’s editor takes over', async () => {
    selectPassage();
    (controller as unknown as { showForSelection(autoFocus: boolean): void }).showForSelection(false);
    const selectionToolbar = ui.last;
    selectionToolbar.onTags(['kiểm tra']);
    // The reader opens the note panel now (local state of the mounted toolbar); then the create answer comes.
    await releaseAll();
    await settle();
    expect(backend.creates).toBe(1);
    expect(ui.last.highlight?.tags).toEqual(['kiểm tra']);
    // Same key: Preact updates the mounted toolbar instead of mounting a new one with the tag panel open.
    expect(ui.last.key).toBe(selectionToolbar.key);
  });

  it('gives a highlight opened later its own toolbar', async () => {
    selectPassage();
    (controller as unknown as { showForSelection(autoFocus: boolean): void }).showForSelection(false);
    const selectionToolbar = ui.last;
    ui.last.onClose();
    selectionToolbar.onColor('green');
    await releaseAll();
    await settle();
    const [id] = [...backend.stored.keys()];
    expect(ui.last.key).toBe(id);
  });
});
