import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/utils/messaging/client';
import type { ContentEnvelope } from '@/utils/messaging/protocol';
import type { PageAnnotations } from '@/utils/messaging/types';
import type { Annotation } from '@/utils/model/types';
import { articleToMarkdown, DEFAULT_EXPORT_OPTIONS, inPageOrder } from '@/utils/export';
import { safeBaseName } from '@/utils/export/filenames';
import { createTranslator, formatIsoDay, type Locale } from '@/utils/i18n';
import { COLOR_NAME_KEYS } from './toolbar/Toolbar';
import { downloadWithLink } from './library/services';
import { addTag } from '@/utils/tags/suggest';

type State = { kind: 'loading' } | { kind: 'inactive' } | { kind: 'page'; data: PageAnnotations };

export function PopupApp({ tabId, locale }: { tabId: number | undefined; locale: Locale }) {
  const t = useMemo(() => createTranslator(locale), [locale]);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [status, setStatus] = useState<string>('');
  const [undo, setUndo] = useState<Annotation | undefined>();
  const [editing, setEditing] = useState<string | undefined>();

  async function load() {
    if (tabId === undefined) return setState({ kind: 'inactive' });
    try {
      const data = await sendMessage('tab/annotations', { tabId });
      setState(data.page ? { kind: 'page', data } : { kind: 'inactive' });
    } catch {
      setState({ kind: 'inactive' });
    }
  }
  useEffect(() => void load(), [tabId]);

  const fail = (error: unknown) => setStatus(t('errorMessage', error instanceof Error ? error.message : String(error)));

  function tellPage(envelope: ContentEnvelope) {
    if (tabId !== undefined) return browser.tabs.sendMessage(tabId, envelope).catch(() => undefined);
  }

  async function activate() {
    if (tabId === undefined) return;
    try {
      await sendMessage('tab/activate', { tabId });
      // The content script reports itself once it has looked at the page.
      for (let i = 0; i < 20; i++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        const data = await sendMessage('tab/annotations', { tabId });
        if (data.page) return setState({ kind: 'page', data });
      }
    } catch (error) {
      fail(error);
    }
  }

  async function save() {
    if (tabId === undefined) return;
    try {
      await sendMessage('page/save', { tabId });
      setStatus(t('pageSaved'));
      await load();
    } catch (error) {
      fail(error);
    }
  }

  async function saveEdit(annotation: Annotation, changes: { tags: string[]; note: string }) {
    try {
      await sendMessage('annotation/update', { id: annotation.id, changes });
      setEditing(undefined);
      await load();
      // The page repaints nothing for tags or notes, but its toolbar shows them: let it refetch.
      void tellPage({ type: 'content/refresh', data: {} });
    } catch (error) {
      fail(error);
    }
  }

  async function remove(annotation: Annotation) {
    try {
      await sendMessage('annotation/delete', { id: annotation.id });
      setUndo(annotation);
      await load();
    } catch (error) {
      fail(error);
    }
  }

  async function undoDelete() {
    if (!undo) return;
    try {
      await sendMessage('annotation/undelete', { id: undo.id });
      setUndo(undefined);
      await load();
    } catch (error) {
      fail(error);
    }
  }

  function markdown(data: PageAnnotations): string | undefined {
    if (!data.article) return undefined;
    return articleToMarkdown(data.article, data.annotations, { ...DEFAULT_EXPORT_OPTIONS, locale }, new Date());
  }

  async function copyMarkdown(data: PageAnnotations) {
    const text = markdown(data);
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
      setStatus(t('markdownCopied'));
    } catch (error) {
      fail(error);
    }
  }

  function downloadMarkdown(data: PageAnnotations) {
    const text = markdown(data);
    if (!text || !data.article) return;
    downloadWithLink(new Blob([text], { type: 'text/markdown;charset=utf-8' }), `${safeBaseName(data.article.meta.title, 'so-tay')}.md`);
  }

  const page = state.kind === 'page' ? state.data.page! : undefined;
  const meta = page?.article?.meta;
  const data = state.kind === 'page' ? state.data : undefined;
  const orphans = new Set(data?.orphans ?? []);
  const published = meta?.published ? formatIsoDay(locale, meta.published) : undefined;

  return (
    <main class="popup">
      <h1>Sổ tay</h1>
      {state.kind === 'loading' && <p>{t('loading')}</p>}
      {state.kind === 'inactive' && (
        <>
          <p data-testid="not-active">{t('notActive')}</p>
          {tabId !== undefined && (
            <button type="button" onClick={() => void activate()}>
              {t('activateHere')}
            </button>
          )}
        </>
      )}
      {page && (
        <section aria-labelledby="page-title" class="page">
          <p class="kind" data-testid="page-kind">
            {page.article?.isArticle ? t('isArticle') : t('notArticle')}
            {meta?.siteName && <span> · {meta.siteName}</span>}
          </p>
          <h2 id="page-title" data-testid="page-title">
            {meta?.title || page.title || page.url}
          </h2>
          <p class="meta">
            {published && <span data-testid="page-date">{t('publishedOn', published)}</span>}
            {meta?.author && <span data-testid="page-author"> · {t('byAuthor', meta.author)}</span>}
          </p>
          <div class="actions">
            <button type="button" onClick={save}>
              {t('savePage')}
            </button>
            {data?.article && data.annotations.length > 0 && (
              <>
                <button type="button" class="secondary" onClick={() => void copyMarkdown(data)}>
                  {t('copyMarkdown')}
                </button>
                <button type="button" class="secondary" onClick={() => downloadMarkdown(data)}>
                  {t('downloadMarkdown')}
                </button>
              </>
            )}
          </div>
        </section>
      )}
      {data && (
        <section aria-labelledby="highlights-heading">
          <h2 id="highlights-heading">
            {t('highlightsHeading')} ({data.annotations.length})
          </h2>
          {data.annotations.length === 0 && <p>{t('noHighlights')}</p>}
          <ol class="highlights" data-testid="highlights">
            {inPageOrder(data.annotations).map((a) => (
              <li key={a.id} class={`highlight color-${a.color}`} data-orphan={orphans.has(a.id) ? 'true' : undefined}>
                <span class={`dot swatch-${a.color}`} role="img" aria-label={t('colorLabel', t(COLOR_NAME_KEYS[a.color]))} />
                <div class="body">
                  <blockquote class="quote">{a.quote}</blockquote>
                  {a.tags.length > 0 && <p class="tags">{a.tags.map((tag) => `#${tag}`).join(' ')}</p>}
                  {a.note && <p class="note">{a.note}</p>}
                  {orphans.has(a.id) && <p class="orphan">{t('orphan')}</p>}
                  {editing === a.id && (
                    <HighlightEditor t={t} annotation={a} onCancel={() => setEditing(undefined)} onSave={(changes) => void saveEdit(a, changes)} />
                  )}
                  <div class="row-actions">
                    {!orphans.has(a.id) && (
                      <button type="button" class="link" onClick={() => void tellPage({ type: 'content/scroll-to', data: { id: a.id } })}>
                        {t('showOnPage')}
                      </button>
                    )}
                    <button type="button" class="link" aria-expanded={editing === a.id} onClick={() => setEditing(editing === a.id ? undefined : a.id)}>
                      {t('popupEdit')}
                    </button>
                    <button type="button" class="link danger" onClick={() => void remove(a)}>
                      {t('deleteButton')}
                    </button>
                  </div>
                </div>
              </li>
            ))}
          </ol>
        </section>
      )}
      <p role="status" class="status">
        {status}
        {undo && (
          <>
            {t('highlightDeleted')}{' '}
            <button type="button" class="link" onClick={() => void undoDelete()}>
              {t('undo')}
            </button>
          </>
        )}
      </p>
      <p>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noopener">
          {t('openLibrary')}
        </a>
      </p>
    </main>
  );
}

/** Tags and note of one highlight, edited in place in the popup. */
function HighlightEditor(props: {
  t: ReturnType<typeof createTranslator>;
  annotation: Annotation;
  onSave(changes: { tags: string[]; note: string }): void;
  onCancel(): void;
}) {
  const { t, annotation } = props;
  const [tags, setTags] = useState(annotation.tags.join(', '));
  const [note, setNote] = useState(annotation.note);
  const save = (event: Event) => {
    event.preventDefault();
    const names = tags.split(',').reduce<string[]>((list, name) => addTag(list, name), []);
    props.onSave({ tags: names, note });
  };
  return (
    <form class="editor" onSubmit={save}>
      <label>
        {t('popupTagsField')}
        <input type="text" value={tags} maxLength={2000} onInput={(e) => setTags(e.currentTarget.value)} />
      </label>
      <label>
        {t('popupNoteField')}
        <textarea rows={3} value={note} maxLength={50000} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <div class="row-actions">
        <button type="submit">{t('popupSave')}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('popupCancel')}
        </button>
      </div>
    </form>
  );
}
