import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/utils/messaging/client';
import type { SavedPage, TabPage } from '@/utils/messaging/types';
import { createTranslator, type Locale } from '@/utils/i18n';

type State =
  | { kind: 'loading' }
  | { kind: 'inactive' }
  | { kind: 'page'; page: TabPage; saving: boolean; saved?: SavedPage; error?: string };

export function PopupApp({ tabId, locale }: { tabId: number | undefined; locale: Locale }) {
  const t = useMemo(() => createTranslator(locale), [locale]);
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    if (tabId === undefined) return setState({ kind: 'inactive' });
    sendMessage('tab/get', { tabId })
      .then((page) => setState(page ? { kind: 'page', page, saving: false } : { kind: 'inactive' }))
      .catch(() => setState({ kind: 'inactive' }));
  }, [tabId]);

  async function save() {
    if (state.kind !== 'page' || tabId === undefined) return;
    setState({ ...state, saving: true, error: undefined });
    try {
      const saved = await sendMessage('page/save', { tabId });
      setState({ ...state, saving: false, saved });
    } catch (error) {
      setState({ ...state, saving: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <main class="popup">
      <h1>{t('popupHeading')}</h1>
      {state.kind === 'loading' && <p>{t('loading')}</p>}
      {state.kind === 'inactive' && <p data-testid="not-active">{t('notActive')}</p>}
      {state.kind === 'page' && (
        <section aria-labelledby="page-title">
          <h2 id="page-title" data-testid="page-title">{state.page.title || state.page.url}</h2>
          <p class="url" data-testid="page-url">{state.page.url}</p>
          <button type="button" onClick={save} disabled={state.saving}>
            {state.saving ? t('savingPage') : t('savePage')}
          </button>
          <p role="status">
            {state.saved && t('pageSaved')}
            {state.error && t('errorMessage', state.error)}
          </p>
        </section>
      )}
      <p>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noopener">
          {t('openLibrary')}
        </a>
      </p>
    </main>
  );
}
