/**
 * Sổ tay on a live page: extract the article, restore and paint saved highlights, and turn selections
 * into new ones. Plain DOM code: the extension is reached only through the PageBackend it is given (the
 * content script passes one that sends messages), so it runs under jsdom in unit tests too.
 *
 * The page's DOM is never changed: highlights are painted with the CSS Custom Highlight API (or an
 * overlay we own), and the toolbar lives in our own shadow root, attached only while it is open.
 */
import { extractArticle, type ExtractionResult } from '../extract';
import { buildTextModel, buildTextModelInSlices, type TextModel } from '../anchor/text-model';
import { describeRange, isRejected } from '../anchor/describe';
import { anchorMany, isOrphan } from '../anchor/anchor';
import { createPainter, type Painter } from '../highlight/painter';
import { measurePage, PageTooLargeError } from './budget';
import { textFragmentLink } from '../export/fragment';
import type { Annotation, AnnotationTarget, HighlightColor } from '../model/types';
import type { ArticleReport, PageReply } from '../messaging/types';
import type { TagChoice } from '../tags/suggest';

export interface PageBackend {
  report(page: { url: string; title: string; article: ArticleReport }): Promise<PageReply>;
  anchored(result: { anchored: string[]; orphans: string[] }): Promise<unknown>;
  create(input: { target: AnnotationTarget; color: HighlightColor; tags?: string[]; note?: string }): Promise<Annotation>;
  update(id: string, changes: { color?: HighlightColor; tags?: string[]; note?: string }): Promise<Annotation>;
  remove(id: string): Promise<unknown>;
  undelete(id: string): Promise<Annotation>;
  tags(): Promise<TagChoice[]>;
  copy(text: string): Promise<void>;
}

/** What the toolbar shows; the UI layer renders it (components/toolbar/mount.tsx). */
export interface ToolbarView {
  /** Changes when the toolbar is about something else (remounts it: fresh focus and panels). */
  key: string;
  position: { top: number; left: number };
  highlight?: { color: HighlightColor; tags: string[]; note: string };
  knownTags: TagChoice[];
  initialPanel?: 'tags' | 'note';
  autoFocus?: boolean;
  status?: string;
  onColor(color: HighlightColor): void;
  onTags(tags: string[]): void;
  onNote(note: string): void;
  onCopy(): void;
  onDelete(): void;
  onClose(): void;
}

export interface PageUi {
  showToolbar(view: ToolbarView): void;
  hideToolbar(): void;
  /** "Highlight deleted — Undo". */
  showUndo(onUndo: () => void): void;
  showError(message: string): void;
  /** Is this node part of our own UI (clicks and selections there are not the page's)? */
  owns(node: Node | null): boolean;
}

export interface ControllerOptions {
  /** How long to keep watching for late content while highlights are still missing. */
  lateContentMs?: number;
  /** Quiet time after DOM changes before trying again. */
  mutationDebounceMs?: number;
}

type Status = 'copied' | 'noteSaved';

export class PageController {
  private painter: Painter;
  private extraction?: ExtractionResult;
  private models: { article?: TextModel; body?: TextModel } = {};
  private modelsDirty = true;
  private annotations = new Map<string, Annotation>();
  private orphans = new Set<string>();
  private knownTags: TagChoice[] = [];
  private defaultColor: HighlightColor = 'yellow';
  private observer?: MutationObserver;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private watchUntil = 0;
  private openFor?: string;
  /**
   * The key of the toolbar on screen. The editor that replaces the selection toolbar once its highlight
   * is saved keeps that key, so the toolbar is updated, not mounted anew: a panel the reader opened
   * meanwhile (the note, after a tag) and what they typed in it stay.
   */
  private toolbarKey?: string;
  /** How many edits each highlight has had here, so only the newest one's answer is shown. */
  private edits = new Map<string, number>();
  private saving = new Map<string, Promise<Annotation>>();
  private selectionCount = 0;
  private cleanup: (() => void)[] = [];
  private readonly lateContentMs: number;
  private readonly debounceMs: number;
  /** Over the page budget (budget.ts): Sổ tay stays off on this page. */
  private tooLarge = false;
  /** Milliseconds spent in detection + extraction at start (reported by tests and benchmarks). */
  extractionMs = 0;

  constructor(
    private readonly doc: Document,
    private readonly url: string,
    private readonly backend: PageBackend,
    private readonly ui: PageUi,
    private readonly messages: { copied: string; noteSaved: string },
    options: ControllerOptions = {},
  ) {
    this.painter = createPainter(doc);
    this.lateContentMs = options.lateContentMs ?? 15_000;
    this.debounceMs = options.mutationDebounceMs ?? 400;
  }

  get article(): ExtractionResult | undefined {
    return this.extraction;
  }

  async start(): Promise<void> {
    const started = performance.now();
    const measure = measurePage(this.doc.documentElement ?? this.doc);
    if (!measure.fits) {
      // Gives up before any work that grows with the page; the page is not reported, so Sổ tay is off there.
      this.tooLarge = true;
      throw new PageTooLargeError(measure, performance.now() - started);
    }
    this.extraction = extractArticle(this.doc, this.url);
    this.extractionMs = performance.now() - started;
    const reply = await this.reportPage();
    if (!reply.active) return;
    this.knownTags = reply.tags;
    this.defaultColor = reply.defaultColor;
    this.listen();
    this.watchMutations();
    await this.restore(reply.annotations);
  }

  /** Highlights changed elsewhere: fetch them again and repaint. */
  async refresh(): Promise<void> {
    if (this.tooLarge) return;
    const reply = await this.reportPage();
    this.painter.clear();
    this.annotations.clear();
    this.orphans.clear();
    this.closeToolbar();
    // Turned off for this portal meanwhile: nothing more to show.
    if (!reply.active) return;
    this.knownTags = reply.tags;
    this.defaultColor = reply.defaultColor;
    await this.restore(reply.annotations);
  }

  /** Tell the background what this page is; its answer carries the page's highlights. */
  private reportPage(): Promise<PageReply> {
    const { meta, isArticle, confidence } = this.extraction ?? { meta: { title: '' }, isArticle: false, confidence: 0 };
    const canonical = this.doc.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href;
    return this.backend.report({
      url: this.url,
      title: (meta.title || this.doc.title).slice(0, 2000),
      article: {
        isArticle,
        confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100),
        extractionMicros: Math.round(this.extractionMs * 1000),
        ...(canonical && /^https?:/i.test(canonical) ? { canonicalUrl: canonical } : {}),
        meta: trimMeta({ ...meta, title: meta.title || this.doc.title }),
      },
    });
  }

  stop(): void {
    for (const undo of this.cleanup.splice(0)) undo();
    this.observer?.disconnect();
    clearTimeout(this.retryTimer);
    this.closeToolbar();
    this.painter.destroy();
  }

  /** Which highlights are painted and which could not be placed. */
  state(): { anchored: string[]; orphans: string[] } {
    return { anchored: [...this.annotations.keys()].filter((id) => this.painter.has(id)), orphans: [...this.orphans] };
  }

  // ——— restoring ———

  private forgetStaleModels(): void {
    if (!this.modelsDirty) return;
    this.models = {};
    this.modelsDirty = false;
    // The article may have been rendered (or replaced) by the page's scripts since we looked.
    if (!this.extraction?.root?.isConnected) this.extraction = extractArticle(this.doc, this.url);
  }

  private model(scope: AnnotationTarget['scope']): TextModel {
    this.forgetStaleModels();
    const root = this.extraction?.root;
    if (scope === 'article' && root?.isConnected) {
      return (this.models.article ??= buildTextModel(root, this.extraction?.excluded ?? []));
    }
    return (this.models.body ??= buildTextModel(this.doc.body ?? this.doc.documentElement));
  }

  /** The same model for restoring, built in slices: on a long article one go would block the page. */
  private async modelInSlices(scope: AnnotationTarget['scope']): Promise<TextModel> {
    this.forgetStaleModels();
    const root = this.extraction?.root;
    if (scope === 'article' && root?.isConnected) {
      return (this.models.article ??= await buildTextModelInSlices(root, this.extraction?.excluded ?? []));
    }
    return (this.models.body ??= await buildTextModelInSlices(this.doc.body ?? this.doc.documentElement));
  }

  private async restore(annotations: Annotation[]): Promise<void> {
    for (const a of annotations) this.annotations.set(a.id, a);
    await this.place(annotations);
    if (this.orphans.size) this.watchUntil = Date.now() + this.lateContentMs;
  }

  private async place(annotations: Annotation[]): Promise<void> {
    for (const scope of ['article', 'body'] as const) {
      const group = annotations.filter((a) => a.target.scope === scope);
      if (!group.length) continue;
      const model = await this.modelInSlices(scope);
      await anchorMany(
        model,
        group.map((a) => a.target),
        {
          onResult: (i, result) => {
            const annotation = group[i]!;
            if (isOrphan(result)) {
              this.orphans.add(annotation.id);
            } else {
              this.orphans.delete(annotation.id);
              this.painter.add(annotation.id, result.range, annotation.color);
            }
          },
        },
      );
    }
    await this.backend.anchored(this.state()).catch(() => undefined);
  }

  private watchMutations(): void {
    const target = this.doc.body ?? this.doc.documentElement;
    this.observer = new MutationObserver((records) => {
      if (records.every((r) => this.ui.owns(r.target))) return;
      this.modelsDirty = true;
      if (!this.orphans.size || Date.now() > this.watchUntil) return;
      // Debounced: a page that mutates constantly costs one retry per quiet period, not one per change.
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        const missing = [...this.orphans].map((id) => this.annotations.get(id)).filter((a): a is Annotation => !!a);
        void this.place(missing);
      }, this.debounceMs);
    });
    this.observer.observe(target, { childList: true, subtree: true, characterData: true });
  }

  // ——— user actions ———

  private listen(): void {
    // Untrusted events are the page's scripts, not the reader: a forged mouseup over a highlight would
    // otherwise open its editor (note and tags) for the page to read.
    const onMouseUp = (event: MouseEvent) => {
      if (!event.isTrusted || event.button !== 0 || this.ui.owns(event.target as Node)) return;
      // Let the browser finish updating the selection first.
      setTimeout(() => this.onPointerDone(event), 0);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (!event.isTrusted || this.ui.owns(event.target as Node)) return;
      if (event.shiftKey && /^(Arrow|Home|End|Page)/.test(event.key)) this.showForSelection(false);
    };
    this.doc.addEventListener('mouseup', onMouseUp, true);
    this.doc.addEventListener('keyup', onKeyUp, true);
    this.cleanup.push(
      () => this.doc.removeEventListener('mouseup', onMouseUp, true),
      () => this.doc.removeEventListener('keyup', onKeyUp, true),
    );
  }

  private onPointerDone(event: MouseEvent): void {
    const selection = this.doc.getSelection();
    if (selection && !selection.isCollapsed && selection.toString().trim()) {
      this.showForSelection(false);
      return;
    }
    const id = this.painter.hitTest(event.clientX, event.clientY);
    if (id) this.openEditor(id, { top: event.pageY + 12, left: event.pageX - 20 });
    else if (this.openFor !== undefined || !selection || selection.isCollapsed) this.closeToolbar();
  }

  private selectionRange(): Range | undefined {
    const selection = this.doc.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
    const range = selection.getRangeAt(0);
    if (this.ui.owns(range.commonAncestorContainer)) return undefined;
    return range;
  }

  private showForSelection(autoFocus: boolean): void {
    const range = this.selectionRange();
    if (!range || !range.toString().trim()) return;
    const saved = range.cloneRange();
    const position = positionBelow(saved);
    this.openFor = undefined;
    const key = `selection-${++this.selectionCount}`;
    this.toolbarKey = key;
    // The first choice creates the highlight; choices made before it is saved (a second tag typed
    // quickly) change that one highlight once it exists, instead of creating another.
    let creation: Promise<string | undefined> | undefined;
    const choose = (changes: { color?: HighlightColor; tags?: string[]; note?: string }, panel?: 'tags' | 'note', status?: Status) => {
      if (creation) {
        void creation.then((id) => (id ? this.change(id, changes, position, panel, status) : undefined));
      } else {
        creation = this.createFrom(saved, { color: this.defaultColor, ...changes }, panel, false, key);
      }
    };
    this.ui.showToolbar({
      key,
      position,
      knownTags: this.knownTags,
      autoFocus,
      onColor: (color) => choose({ color }),
      onTags: (tags) => choose({ tags }, 'tags'),
      onNote: (note) => choose({ note }, 'note', 'noteSaved'),
      onCopy: () => void this.copy(saved.toString(), undefined),
      onDelete: () => undefined,
      onClose: () => this.closeToolbar(),
    });
  }

  /** The keyboard shortcut and the context menu: highlight the selection in one step. */
  async highlightSelection(color?: HighlightColor): Promise<void> {
    if (this.tooLarge) return;
    const range = this.selectionRange();
    if (range) await this.createFrom(range.cloneRange(), { color: color ?? this.defaultColor }, undefined, true);
  }

  /** Saves the range as a new highlight and opens its editor; resolves to its id, or undefined when not saved. */
  private async createFrom(
    range: Range,
    input: { color: HighlightColor; tags?: string[]; note?: string },
    panel?: 'tags' | 'note',
    autoFocus = false,
    selectionToolbarKey?: string,
  ): Promise<string | undefined> {
    const inArticle = this.extraction?.root?.isConnected && this.extraction.root.contains(range.commonAncestorContainer);
    const scope = inArticle ? 'article' : 'body';
    let target = describeRange(this.model(scope), range, scope);
    // A selection that starts inside the article but ends outside it is measured in the whole body.
    if (isRejected(target) && target.rejected === 'outside-text' && scope === 'article') {
      target = describeRange(this.model('body'), range, 'body');
    }
    if (isRejected(target)) {
      this.closeToolbar();
      return undefined;
    }
    try {
      const created = await this.backend.create({ target, ...input });
      this.annotations.set(created.id, created);
      if (input.tags?.length) this.knownTags = await this.backend.tags().catch(() => this.knownTags);
      this.painter.add(created.id, range, created.color);
      this.doc.getSelection()?.removeAllRanges();
      // Still the selection toolbar on screen (not closed or replaced meanwhile): its editor takes over its key.
      const key = selectionToolbarKey !== undefined && this.toolbarKey === selectionToolbarKey ? selectionToolbarKey : created.id;
      this.openEditor(created.id, positionBelow(range), panel, autoFocus || panel !== undefined, undefined, key);
      void this.backend.anchored(this.state()).catch(() => undefined);
      return created.id;
    } catch (error) {
      this.closeToolbar();
      this.ui.showError(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  private openEditor(
    id: string,
    position: { top: number; left: number },
    panel?: 'tags' | 'note',
    autoFocus = true,
    status?: Status,
    key = this.openFor === id && this.toolbarKey ? this.toolbarKey : id,
  ): void {
    const annotation = this.annotations.get(id);
    if (!annotation) return;
    this.openFor = id;
    this.toolbarKey = key;
    this.ui.showToolbar({
      key,
      position,
      highlight: { color: annotation.color, tags: annotation.tags, note: annotation.note },
      knownTags: this.knownTags,
      initialPanel: panel,
      autoFocus,
      status: status && this.messages[status],
      onColor: (color) => void this.change(id, { color }, position, panel),
      onTags: (tags) => void this.change(id, { tags }, position, 'tags'),
      onNote: (note) => void this.change(id, { note }, position, 'note', 'noteSaved'),
      onCopy: () => void this.copy(annotation.quote, annotation, position),
      onDelete: () => void this.remove(id),
      onClose: () => this.closeToolbar(),
    });
  }

  private async change(
    id: string,
    changes: { color?: HighlightColor; tags?: string[]; note?: string },
    position: { top: number; left: number },
    panel?: 'tags' | 'note',
    status?: Status,
  ): Promise<void> {
    const before = this.annotations.get(id);
    if (!before) return;
    // Shown at once, so an edit made before this one is saved builds on it; only the newest edit's
    // answer is shown when it comes (an older answer would put back what the reader just changed).
    const edit = (this.edits.get(id) ?? 0) + 1;
    this.edits.set(id, edit);
    this.annotations.set(id, { ...before, ...changes });
    if (this.openFor === id) this.openEditor(id, position, panel, false);
    // One save at a time per highlight, in the order they were made: the store then ends with the newest.
    const saved = (this.saving.get(id) ?? Promise.resolve()).catch(() => undefined).then(() => this.backend.update(id, changes));
    this.saving.set(id, saved);
    try {
      const updated = await saved;
      if (this.edits.get(id) !== edit) return;
      this.annotations.set(id, updated);
      if (changes.color) this.painter.update(id, { color: updated.color });
      if (changes.tags) this.knownTags = await this.backend.tags().catch(() => this.knownTags);
      if (this.openFor === id) this.openEditor(id, position, panel, false, status);
    } catch (error) {
      if (this.edits.get(id) === edit && this.annotations.has(id)) {
        this.annotations.set(id, before);
        if (this.openFor === id) this.openEditor(id, position, panel, false);
      }
      this.ui.showError(error instanceof Error ? error.message : String(error));
    }
  }

  private async remove(id: string): Promise<void> {
    try {
      await this.backend.remove(id);
    } catch (error) {
      this.ui.showError(error instanceof Error ? error.message : String(error));
      return;
    }
    const removed = this.annotations.get(id);
    this.annotations.delete(id);
    this.painter.remove(id);
    this.closeToolbar();
    void this.backend.anchored(this.state()).catch(() => undefined);
    this.ui.showUndo(() => {
      void this.backend.undelete(id).then(
        (restored) => {
          this.annotations.set(restored.id, restored);
          void this.place([restored ?? removed]);
        },
        (error: unknown) => this.ui.showError(error instanceof Error ? error.message : String(error)),
      );
    });
  }

  private async copy(quote: string, annotation: Annotation | undefined, position?: { top: number; left: number }): Promise<void> {
    const title = this.extraction?.meta.title || this.doc.title;
    const link = annotation
      ? textFragmentLink(this.url, annotation.target.quote, this.models.article?.text)
      : textFragmentLink(this.url, { type: 'TextQuoteSelector', exact: quote.trim(), prefix: '', suffix: '' });
    await this.backend.copy(`“${quote.trim()}”\n— ${title}\n${link}`);
    if (annotation && position) this.openEditor(annotation.id, position, undefined, false, 'copied');
  }

  /** Scroll a highlight into view and open its toolbar (the popup's "show me"). */
  scrollTo(id: string): boolean {
    if (this.tooLarge) return false;
    const range = this.painter.rangeOf(id);
    const element = range?.startContainer.parentElement;
    if (!range || !element) return false;
    element.scrollIntoView({ block: 'center' });
    this.openEditor(id, positionBelow(range), undefined, true);
    return true;
  }

  private closeToolbar(): void {
    this.openFor = undefined;
    this.toolbarKey = undefined;
    this.ui.hideToolbar();
  }
}

function positionBelow(range: Range): { top: number; left: number } {
  const rect = range.getBoundingClientRect();
  const view = range.startContainer.ownerDocument?.defaultView;
  const scrollX = view?.scrollX ?? 0;
  const scrollY = view?.scrollY ?? 0;
  const width = view?.innerWidth ?? 1024;
  return { top: rect.bottom + scrollY + 8, left: Math.max(8, Math.min(rect.left + scrollX, scrollX + width - 360)) };
}

/** Extraction metadata as the protocol carries it: only non-empty strings, bounded. */
function trimMeta(meta: ExtractionResult['meta']): ArticleReport['meta'] {
  const out: ArticleReport['meta'] = { title: (meta.title ?? '').slice(0, 2000) };
  for (const key of ['lead', 'author', 'published', 'modified', 'siteName', 'lang', 'sourceUrl', 'sourceName'] as const) {
    const value = meta[key];
    if (typeof value === 'string' && value.trim()) out[key] = value.slice(0, key === 'lang' ? 35 : 8192);
  }
  return out;
}
