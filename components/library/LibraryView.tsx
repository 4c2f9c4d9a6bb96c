import { Component } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Annotation, Article, HighlightColor, Tag } from '@/utils/model/types';
import { HIGHLIGHT_COLORS } from '@/utils/model/types';
import type { Database } from '@/utils/db/database';
import type { LibraryQuery } from '@/utils/db/library';
import { deleteAnnotation, listByArticle, restoreAnnotation, updateAnnotation, type DeletedAnnotation } from '@/utils/db/annotations';
import { findArticle } from '@/utils/db/articles';
import { libraryToMarkdown, libraryToZip, textFragmentLink, type LibraryItem } from '@/utils/export';
import type { Locale, Translate, MessageKey } from '@/utils/i18n';
import type { ExportPreferences } from '@/utils/settings/settings';
import { buildLayout, layoutHeight, layoutWindow } from '@/utils/library/virtual';
import { LatestOnly } from '@/utils/library/latest';
import type { OptionsServices } from './services';
import { searchInPlace } from './queries';
import { dayBoundary, dayFormatter, errorText, hostOf, numberFormatter } from './format';

export const ROW_HEIGHT = 124;
export const EDIT_ROW_HEIGHT = 300;
/** An article's header above its highlights when the list is sorted by article. */
export const ARTICLE_HEADER_HEIGHT = 60;
/**
 * The first page only fills the first screen (a tall window shows about 8 rows), so it comes quickly
 * even from a large, cold database; larger pages follow in the background as the user scrolls.
 */
export const FIRST_PAGE_SIZE = 40;
const PAGE_SIZE = 200;
/** Load the next page when fewer than this many loaded rows remain below the viewport. */
const PREFETCH_ROWS = 60;
const SEARCH_DEBOUNCE_MS = 150;

export const COLOR_KEYS: Record<HighlightColor, MessageKey> = {
  yellow: 'colorYellow',
  green: 'colorGreen',
  blue: 'colorBlue',
  pink: 'colorPink',
  purple: 'colorPurple',
};

export type LibrarySort = NonNullable<LibraryQuery['sort']>;
const SORTS: Record<LibrarySort, MessageKey> = { newest: 'libSortNewest', oldest: 'libSortOldest', article: 'libSortArticle' };

export interface LibraryFilters {
  text: string;
  tag: string;
  site: string;
  color: HighlightColor | '';
  from: string;
  to: string;
  sort: LibrarySort;
  /** Show one article's highlights in page order. */
  article: string;
}

export const EMPTY_FILTERS: LibraryFilters = { text: '', tag: '', site: '', color: '', from: '', to: '', sort: 'newest', article: '' };

interface LibraryViewProps {
  t: Translate;
  locale: Locale;
  db: Database;
  services: OptionsServices;
  tags: Tag[];
  sites: string[];
  exportPrefs: ExportPreferences;
  filters: LibraryFilters;
  onFilters(filters: LibraryFilters): void;
  /** Tags or counts changed: the page reloads its tag list. */
  onChanged(): void;
  /** Height of the scrolling area, in px (tests give a fixed one; the page fits the window). */
  viewportHeight?: number;
}

interface Results {
  items: Annotation[];
  articles: Record<string, Article>;
  next?: string;
  loading: boolean;
  error?: string;
}

type Undo = { kind: 'one'; id: string } | { kind: 'many'; deleted: DeletedAnnotation[] };

/** One line of the virtual list: a highlight, or (sorted by article) the header of an article. */
type Entry = { kind: 'highlight'; annotation: Annotation; index: number } | { kind: 'article'; url: string };

export function LibraryView(props: LibraryViewProps) {
  const { t, locale, db, services, filters } = props;
  const [results, setResults] = useState<Results>({ items: [], articles: {}, loading: true });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [undo, setUndo] = useState<Undo | undefined>();
  const [bulkTag, setBulkTag] = useState('');
  const [busy, setBusy] = useState(false);
  const search = useMemo(() => services.librarySearch?.(db) ?? searchInPlace(db), [services, db]);
  const queries = useMemo(() => new LatestOnly(), []);
  useEffect(() => () => queries.cancel(), [queries]);
  /** The cursor whose page is being read. */
  const loadingMore = useRef<string | undefined>(undefined);
  const [moreSettled, setMoreSettled] = useState(0);
  const day = useMemo(() => dayFormatter(locale), [locale]);
  const numbers = useMemo(() => numberFormatter(locale), [locale]);

  // Same words, other spacing ("hoc " while typing "hoc tap") is the same query: it does not run again.
  const queryKey = JSON.stringify([filters.text.trim().replace(/\s+/g, ' '), filters.tag, filters.site, filters.color, filters.from, filters.to, filters.sort]);
  const query = useMemo((): LibraryQuery => {
    const q: LibraryQuery = { sort: filters.sort, limit: PAGE_SIZE };
    if (filters.text.trim()) q.text = filters.text;
    if (filters.tag) q.tags = [filters.tag];
    if (filters.site) q.site = filters.site;
    if (filters.color) q.colors = [filters.color];
    const from = dayBoundary(filters.from, false);
    const to = dayBoundary(filters.to, true);
    if (from !== undefined) q.from = from;
    if (to !== undefined) q.to = to;
    return q;
  }, [queryKey]);

  const reload = useCallback(() => {
    setResults((r) => (r.loading ? r : { ...r, loading: true }));
    queries.submit(
      async (): Promise<Omit<Results, 'loading'>> => {
        if (!filters.article) return search({ ...query, limit: FIRST_PAGE_SIZE });
        const article = await findArticle(db, filters.article);
        const items = await listByArticle(db, filters.article);
        return { items, articles: article ? { [article.url]: article } : {} };
      },
      (page) => setResults({ ...page, loading: false }),
      (error) => setResults({ items: [], articles: {}, loading: false, error: errorText(error, t) }),
    );
  }, [db, search, query, filters.article]);

  useEffect(reload, [reload]);

  // The page after `results.next`, once: appended only if the list still ends at that cursor (a newer
  // query, a reload or an earlier answer may have replaced it meanwhile).
  const loadMore = useCallback(async () => {
    const cursor = results.next;
    if (!cursor || results.loading || loadingMore.current === cursor) return;
    loadingMore.current = cursor;
    const mine = queries.generation;
    try {
      const page = await search({ ...query, cursor });
      if (mine !== queries.generation) return;
      setResults((r) =>
        r.next !== cursor || r.loading
          ? r
          : { items: [...r.items, ...page.items], articles: { ...r.articles, ...page.articles }, next: page.next, loading: false },
      );
    } catch (error) {
      if (mine === queries.generation) setResults((r) => (r.next !== cursor ? r : { ...r, next: undefined, error: errorText(error, t) }));
    } finally {
      if (loadingMore.current === cursor) loadingMore.current = undefined;
      // A page that arrived for an older query is dropped: look again whether the new list needs one.
      setMoreSettled((n) => n + 1);
    }
  }, [search, query, results.next, results.loading]);

  // —— virtual list ——
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(props.viewportHeight ?? 600);
  useEffect(() => {
    const element = scroller.current;
    if (!element || props.viewportHeight !== undefined) return;
    const measure = () => setViewport(element.clientHeight || 600);
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : undefined;
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [query, filters.article]);

  const grouped = filters.sort === 'article' && !filters.article;
  const entries = useMemo((): Entry[] => {
    const list: Entry[] = [];
    results.items.forEach((annotation, index) => {
      if (grouped && annotation.articleUrl !== results.items[index - 1]?.articleUrl) list.push({ kind: 'article', url: annotation.articleUrl });
      list.push({ kind: 'highlight', annotation, index });
    });
    return list;
  }, [results.items, grouped]);
  const layout = useMemo(
    () =>
      buildLayout(
        entries.map((entry) =>
          entry.kind === 'article' ? ARTICLE_HEADER_HEIGHT : entry.annotation.id === editing ? EDIT_ROW_HEIGHT : ROW_HEIGHT,
        ),
      ),
    [entries, editing],
  );
  const windowRows = layoutWindow(layout, scrollTop, viewport);
  useEffect(() => {
    if (results.next && windowRows.end > entries.length - PREFETCH_ROWS) void loadMore();
  }, [windowRows.end, entries.length, results.next, moreSettled]);

  // —— actions ——
  const replaceItem = (updated: Annotation) =>
    setResults((r) => ({ ...r, items: r.items.map((a) => (a.id === updated.id ? updated : a)) }));

  async function saveEdit(annotation: Annotation, tags: string[], note: string) {
    try {
      replaceItem(await services.updateAnnotation(annotation.id, { tags, note }));
      setEditing(undefined);
      setStatus(t('libSaved'));
      props.onChanged();
    } catch (error) {
      setStatus(t('errorMessage', errorText(error, t)));
    }
  }

  async function removeOne(annotation: Annotation) {
    try {
      await services.deleteAnnotation(annotation.id);
      setResults((r) => ({ ...r, items: r.items.filter((a) => a.id !== annotation.id) }));
      setSelected((s) => new Set([...s].filter((id) => id !== annotation.id)));
      setUndo({ kind: 'one', id: annotation.id });
      setStatus(t('highlightDeleted'));
      props.onChanged();
    } catch (error) {
      setStatus(t('errorMessage', errorText(error, t)));
    }
  }

  async function undoDelete() {
    if (!undo) return;
    try {
      if (undo.kind === 'one') await services.undeleteAnnotation(undo.id);
      else for (const deleted of undo.deleted) await restoreAnnotation(db, deleted);
      setUndo(undefined);
      setStatus(t('libRestored'));
      props.onChanged();
      reload();
    } catch (error) {
      setStatus(t('errorMessage', errorText(error, t)));
    }
  }

  const selectedItems = () => results.items.filter((a) => selected.has(a.id));

  async function tagSelected(event: Event) {
    event.preventDefault();
    const name = bulkTag.trim().normalize('NFC');
    if (!name || !selected.size) return;
    setBusy(true);
    try {
      for (const annotation of selectedItems()) {
        if (annotation.tags.some((tag) => tag.toLowerCase() === name.toLowerCase())) continue;
        replaceItem(await updateAnnotation(db, annotation.id, { tags: [...annotation.tags, name] }));
      }
      setBulkTag('');
      setStatus(t('libTaggedMany', numbers.format(selected.size), name));
      props.onChanged();
    } catch (error) {
      setStatus(t('errorMessage', errorText(error, t)));
    } finally {
      setBusy(false);
    }
  }

  async function deleteSelected() {
    if (!selected.size) return;
    setBusy(true);
    const deleted: DeletedAnnotation[] = [];
    try {
      for (const id of selected) deleted.push(await deleteAnnotation(db, id));
    } catch (error) {
      setStatus(t('errorMessage', errorText(error, t)));
    }
    const gone = new Set(deleted.map((d) => d.annotation.id));
    setResults((r) => ({ ...r, items: r.items.filter((a) => !gone.has(a.id)) }));
    setSelected(new Set());
    setUndo({ kind: 'many', deleted });
    setStatus(t('libDeletedMany', numbers.format(deleted.length)));
    setBusy(false);
    props.onChanged();
  }

  async function exportSelected(format: 'zip' | 'markdown' | 'clipboard') {
    const chosen = selectedItems();
    if (!chosen.length) return;
    setBusy(true);
    // Long exports yield between articles; show how far they are.
    const onProgress = (done: number, total: number) => setStatus(t('libExportProgress', numbers.format(done), numbers.format(total)));
    try {
      const byArticle = new Map<string, Annotation[]>();
      for (const a of chosen) byArticle.set(a.articleUrl, [...(byArticle.get(a.articleUrl) ?? []), a]);
      const items: LibraryItem[] = [];
      for (const [url, annotations] of byArticle) {
        const article = results.articles[url] ?? (await findArticle(db, url));
        if (article) items.push({ article, annotations });
      }
      const options = { ...props.exportPrefs, locale };
      const now = new Date();
      const stamp = now.toISOString().slice(0, 10);
      if (format === 'zip') {
        const zip = await libraryToZip(items, options, now, onProgress);
        services.download(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), `so-tay-${stamp}.zip`);
      } else {
        const markdown = await libraryToMarkdown(items, options, now, onProgress);
        if (format === 'clipboard') {
          await navigator.clipboard.writeText(markdown);
          setStatus(t('markdownCopied'));
          return;
        }
        services.download(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }), `so-tay-${stamp}.md`);
      }
      setStatus(t('libExported', numbers.format(chosen.length)));
    } catch (error) {
      setStatus(t('errorMessage', errorText(error, t)));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allLoadedSelected = results.items.length > 0 && results.items.every((a) => selected.has(a.id));
  const set = (patch: Partial<LibraryFilters>) => props.onFilters({ ...filters, ...patch });
  const articleShown = filters.article ? Object.values(results.articles)[0] : undefined;

  const rows = [];
  for (let at = windowRows.start; at < windowRows.end; at++) {
    const entry = entries[at]!;
    const top = layout.offsets[at]!;
    const height = layout.offsets[at + 1]! - top;
    if (entry.kind === 'article') {
      rows.push(<ArticleHeader key={`article ${entry.url}`} url={entry.url} article={results.articles[entry.url]} top={top} height={height} />);
      continue;
    }
    const annotation = entry.annotation;
    rows.push(
      <HighlightRow
        key={annotation.id}
        t={t}
        annotation={annotation}
        article={results.articles[annotation.articleUrl]}
        index={entry.index}
        setSize={results.next ? -1 : results.items.length}
        top={top}
        height={height}
        day={day}
        selected={selected.has(annotation.id)}
        editing={editing === annotation.id}
        onToggle={() => toggle(annotation.id)}
        onEdit={() => setEditing(annotation.id)}
        onCancel={() => setEditing(undefined)}
        onSave={(tags, note) => void saveEdit(annotation, tags, note)}
        onDelete={() => void removeOne(annotation)}
      />,
    );
  }

  return (
    <section aria-labelledby="library-heading" class="library-view">
      <h2 id="library-heading">{t('libHeading')}</h2>
      <FilterBar t={t} numbers={numbers} filters={filters} tags={props.tags} sites={props.sites} onFilters={props.onFilters} />
      {filters.article && (
        <p class="article-filter">
          {t('libArticleFilter', articleShown?.meta.title || filters.article)}{' '}
          <button type="button" class="link" onClick={() => set({ article: '' })}>{t('libShowAll')}</button>
        </p>
      )}

      <div class="bulk" role="group" aria-label={t('libBulkLabel')}>
        <label class="check">
          <input
            type="checkbox"
            checked={allLoadedSelected}
            onChange={() => setSelected(allLoadedSelected ? new Set() : new Set(results.items.map((a) => a.id)))}
          />
          <span>{t('libSelectAll')}</span>
        </label>
        <span class="meta" aria-live="polite">{t('libSelectedCount', numbers.format(selected.size))}</span>
        <form class="inline" onSubmit={(e) => void tagSelected(e)}>
          <label>
            <span class="visually-hidden">{t('libBulkTagLabel')}</span>
            <input value={bulkTag} placeholder={t('libBulkTagPlaceholder')} onInput={(e) => setBulkTag((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={busy || !selected.size || !bulkTag.trim()}>{t('libAddTag')}</button>
        </form>
        <button type="button" class="secondary" disabled={busy || !selected.size} onClick={() => void deleteSelected()}>{t('libDeleteSelected')}</button>
        <button type="button" class="secondary" disabled={busy || !selected.size} onClick={() => void exportSelected('zip')}>{t('libExportZip')}</button>
        <button type="button" class="secondary" disabled={busy || !selected.size} onClick={() => void exportSelected('markdown')}>{t('libExportMarkdown')}</button>
        <button type="button" class="secondary" disabled={busy || !selected.size} onClick={() => void exportSelected('clipboard')}>{t('copyMarkdown')}</button>
      </div>

      <p class="status" role="status">
        {status}
        {undo && status && (
          <>
            {' '}
            <button type="button" class="link" onClick={() => void undoDelete()}>{t('undo')}</button>
          </>
        )}
      </p>
      {results.error && <p role="alert">{t('errorMessage', results.error)}</p>}
      <p class="meta" aria-live="polite" data-testid="result-count">
        {results.loading
          ? t('loading')
          : results.items.length === 0
            ? t('libNoResults')
            : results.next
              ? t('libShownMore', numbers.format(results.items.length))
              : t('libShown', numbers.format(results.items.length))}
      </p>
      <div
        class="scroller"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label={t('libResultsLabel')}
        style={props.viewportHeight !== undefined ? { height: `${props.viewportHeight}px` } : undefined}
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      >
        <ul class="rows" style={{ height: `${layoutHeight(layout)}px` }} aria-label={t('libResultsLabel')}>
          {rows}
        </ul>
      </div>
    </section>
  );
}

interface FilterBarProps {
  t: Translate;
  numbers: Intl.NumberFormat;
  filters: LibraryFilters;
  tags: Tag[];
  sites: string[];
  onFilters(filters: LibraryFilters): void;
}

/**
 * The search box and filters. It renders again only when one of its props changes — not on every
 * scroll frame or page of results of the list below (with 500 tags the tag list alone is 500 options).
 */
class FilterBar extends Component<FilterBarProps> {
  override shouldComponentUpdate(next: FilterBarProps): boolean {
    const now = this.props;
    return (Object.keys(next) as (keyof FilterBarProps)[]).some((key) => next[key] !== now[key]);
  }

  override render() {
    const { t, numbers, filters } = this.props;
    const set = (patch: Partial<LibraryFilters>) => this.props.onFilters({ ...filters, ...patch });
    return (
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchBox t={t} value={filters.text} onSearch={(text) => set({ text })} />
        <label>
          <span>{t('libFilterTag')}</span>
          <select value={filters.tag} onChange={(e) => set({ tag: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">{t('libAll')}</option>
            {this.props.tags.map((tag) => (
              <option key={tag.key} value={tag.name}>{`${tag.name} (${numbers.format(tag.count)})`}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('libFilterSite')}</span>
          <select value={filters.site} onChange={(e) => set({ site: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">{t('libAll')}</option>
            {this.props.sites.map((site) => (
              <option key={site} value={site}>{site}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('libFilterColor')}</span>
          <select value={filters.color} onChange={(e) => set({ color: (e.currentTarget as HTMLSelectElement).value as HighlightColor | '' })}>
            <option value="">{t('libAll')}</option>
            {HIGHLIGHT_COLORS.map((c) => (
              <option key={c} value={c}>{t(COLOR_KEYS[c])}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('libFrom')}</span>
          <input type="date" value={filters.from} onChange={(e) => set({ from: (e.currentTarget as HTMLInputElement).value })} />
        </label>
        <label>
          <span>{t('libTo')}</span>
          <input type="date" value={filters.to} onChange={(e) => set({ to: (e.currentTarget as HTMLInputElement).value })} />
        </label>
        <label>
          <span>{t('libSort')}</span>
          <select value={filters.sort} onChange={(e) => set({ sort: (e.currentTarget as HTMLSelectElement).value as LibrarySort })}>
            {(Object.keys(SORTS) as LibrarySort[]).map((sort) => (
              <option key={sort} value={sort}>{t(SORTS[sort])}</option>
            ))}
          </select>
        </label>
      </form>
    );
  }
}

/**
 * Each key only updates this box; the search itself starts once typing pauses, so a keystroke costs
 * one small render however large the library is.
 */
function SearchBox(props: { t: Translate; value: string; onSearch(text: string): void }) {
  const { t } = props;
  const [text, setText] = useState(props.value);
  const onSearch = useRef(props.onSearch);
  onSearch.current = props.onSearch;
  useEffect(() => {
    if (text === props.value) return;
    const timer = setTimeout(() => onSearch.current(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <label class="search">
      <span>{t('libSearchLabel')}</span>
      <input type="search" value={text} placeholder={t('libSearchPlaceholder')} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
    </label>
  );
}

function ArticleHeader(props: { url: string; article: Article | undefined; top: number; height: number }) {
  const { article } = props;
  const address = article?.originalUrl ?? props.url;
  return (
    <li class="article-header" style={{ top: `${props.top}px`, height: `${props.height}px` }} data-testid="article-header">
      <h3 class="clamp-1">
        <a href={address} target="_blank" rel="noopener noreferrer">{article?.meta.title || props.url}</a>
      </h3>
      <p class="meta clamp-1">{[article?.meta.siteName, hostOf(address)].filter((part, i, all) => part && all.indexOf(part) === i).join(' · ')}</p>
    </li>
  );
}

interface RowProps {
  t: Translate;
  annotation: Annotation;
  article: Article | undefined;
  index: number;
  /** -1 while more rows can be loaded. */
  setSize: number;
  top: number;
  height: number;
  day: Intl.DateTimeFormat;
  selected: boolean;
  editing: boolean;
  onToggle(): void;
  onEdit(): void;
  onCancel(): void;
  onSave(tags: string[], note: string): void;
  onDelete(): void;
}

function HighlightRow(props: RowProps) {
  const { t, annotation, article } = props;
  const title = article?.meta.title || annotation.articleUrl;
  const link = textFragmentLink(article?.originalUrl ?? annotation.articleUrl, annotation.target.quote, undefined, annotation.target.position);
  const quoteId = `quote-${annotation.id}`;
  return (
    <li
      class={`row${props.selected ? ' selected' : ''}`}
      style={{ top: `${props.top}px`, height: `${props.height}px` }}
      aria-posinset={props.index + 1}
      aria-setsize={props.setSize}
      data-testid="highlight-row"
    >
      <input type="checkbox" checked={props.selected} onChange={props.onToggle} aria-label={t('libSelectOne')} aria-describedby={quoteId} />
      <span class={`dot swatch-${annotation.color}`} role="img" aria-label={t(COLOR_KEYS[annotation.color])} />
      <div class="body">
        <p class="quote clamp-2" id={quoteId}>{annotation.quote}</p>
        {annotation.tags.length > 0 && <p class="tags">{annotation.tags.map((tag) => `#${tag}`).join(' ')}</p>}
        {annotation.note && <p class="note clamp-1">{annotation.note}</p>}
        <p class="meta clamp-1">
          <a href={link} target="_blank" rel="noopener noreferrer">{title}</a>
          {` · ${hostOf(article?.originalUrl ?? annotation.articleUrl)} · ${props.day.format(annotation.created)}`}
        </p>
        {props.editing ? (
          <EditForm t={t} annotation={annotation} onCancel={props.onCancel} onSave={props.onSave} />
        ) : (
          <div class="row-actions">
            <button type="button" class="link" onClick={props.onEdit} aria-describedby={quoteId}>{t('libEdit')}</button>
            <button type="button" class="link danger" onClick={props.onDelete} aria-describedby={quoteId}>{t('deleteButton')}</button>
          </div>
        )}
      </div>
    </li>
  );
}

function EditForm(props: { t: Translate; annotation: Annotation; onCancel(): void; onSave(tags: string[], note: string): void }) {
  const { t, annotation } = props;
  const [tags, setTags] = useState(annotation.tags.join(', '));
  const [note, setNote] = useState(annotation.note);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form
      class="edit"
      onSubmit={(e) => {
        e.preventDefault();
        const names = tags.split(',').map((s) => s.trim().normalize('NFC')).filter(Boolean);
        props.onSave(names, note.normalize('NFC'));
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <label>
        <span>{t('libTagsField')}</span>
        <input ref={first} value={tags} onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label>
        <span>{t('noteLabel')}</span>
        <textarea rows={3} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <div class="actions">
        <button type="submit">{t('libSave')}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>{t('libCancel')}</button>
      </div>
    </form>
  );
}
