import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Article } from '@/utils/model/types';
import type { Database } from '@/utils/db/database';
import { listArticles } from '@/utils/db/articles';
import type { Locale, Translate } from '@/utils/i18n';
import { dayFormatter, errorText, hostOf, numberFormatter } from './format';

interface ArticleRow {
  article: Article;
  count: number;
}

/** Articles shown at first and added by each "show more": a library can hold thousands. */
export const ARTICLES_PAGE = 100;

/**
 * The `limit` most recently visited articles with their number of highlights (counted in the byArticle
 * index for these articles only), and how many articles there are in all.
 */
export async function articlesWithCounts(db: Database, limit = ARTICLES_PAGE): Promise<{ rows: ArticleRow[]; total: number }> {
  const [articles, total] = await Promise.all([listArticles(db, limit), db.count('articles')]);
  const index = db.transaction('annotations').store.index('byArticle');
  const counts = await Promise.all(articles.map((a) => index.count(a.url)));
  return { rows: articles.map((article, i) => ({ article, count: counts[i]! })), total };
}

export function ArticlesView(props: { t: Translate; locale: Locale; db: Database; onOpen(url: string): void }) {
  const { t, locale } = props;
  const [rows, setRows] = useState<ArticleRow[] | undefined>();
  const [total, setTotal] = useState(0);
  const [limit, setLimit] = useState(ARTICLES_PAGE);
  const [error, setError] = useState<string | undefined>();
  const day = useMemo(() => dayFormatter(locale), [locale]);
  const numbers = useMemo(() => numberFormatter(locale), [locale]);
  useEffect(() => {
    let current = true;
    articlesWithCounts(props.db, limit).then(
      (found) => {
        if (!current) return;
        setRows(found.rows);
        setTotal(found.total);
      },
      (e: unknown) => current && setError(errorText(e, t)),
    );
    return () => {
      current = false;
    };
  }, [props.db, limit]);

  return (
    <section aria-labelledby="articles-heading">
      <h2 id="articles-heading">{t('libArticlesHeading')}</h2>
      {error && <p role="alert">{t('errorMessage', error)}</p>}
      {!rows && !error && <p>{t('loading')}</p>}
      {rows?.length === 0 && <p>{t('noSavedPages')}</p>}
      {rows && rows.length > 0 && (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('libArticleTitle')}</th>
              <th scope="col">{t('libFilterSite')}</th>
              <th scope="col">{t('libArticleVisited')}</th>
              <th scope="col">{t('libArticleCount')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ article, count }) => (
              <tr key={article.url}>
                <td>
                  <a href={article.originalUrl} target="_blank" rel="noopener noreferrer">{article.meta.title || article.url}</a>
                </td>
                <td>{hostOf(article.originalUrl)}</td>
                <td>{day.format(article.lastVisit)}</td>
                <td>
                  <button type="button" class="link" onClick={() => props.onOpen(article.url)} aria-label={t('libShowArticleHighlights', numbers.format(count), article.meta.title || article.url)}>
                    {numbers.format(count)}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows && rows.length > 0 && (
        <p class="meta" aria-live="polite" data-testid="articles-count">
          {t('libArticlesShown', numbers.format(rows.length), numbers.format(total))}{' '}
          {rows.length < total && (
            <button type="button" class="link" onClick={() => setLimit((n) => n + ARTICLES_PAGE)}>
              {t('libArticlesMore')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}
