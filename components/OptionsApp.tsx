import { useEffect, useMemo, useState } from 'preact/hooks';
import { sendMessage } from '@/utils/messaging/client';
import type { SavedPage } from '@/utils/messaging/types';
import { createTranslator, intlLocale, type Locale } from '@/utils/i18n';

export function OptionsApp({ locale }: { locale: Locale }) {
  const t = useMemo(() => createTranslator(locale), [locale]);
  const dateFormat = useMemo(
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short' }),
    [locale],
  );
  const [pages, setPages] = useState<SavedPage[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    sendMessage('pages/list', {})
      .then(setPages)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <main class="library">
      <h1>{t('libraryHeading')}</h1>
      <section aria-labelledby="saved-heading">
        <h2 id="saved-heading">{t('savedPagesHeading')}</h2>
        {error && <p role="alert">{t('errorMessage', error)}</p>}
        {!pages && !error && <p>{t('loading')}</p>}
        {pages?.length === 0 && <p>{t('noSavedPages')}</p>}
        {pages && pages.length > 0 && (
          <ul data-testid="saved-pages">
            {pages.map((page) => (
              <li key={page.url}>
                <a href={page.originalUrl} target="_blank" rel="noopener noreferrer">
                  {page.meta.title || page.url}
                </a>
                <span class="meta"> · {t('savedOn', dateFormat.format(page.firstVisit))}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
