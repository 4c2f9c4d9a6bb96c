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

/** Every article with its number of highlights; counts come from the byArticle index in one read. */
export async function articlesWithCounts(db: Database): Promise<ArticleRow[]> {
  const articles = await listArticles(db);
  const index = db.transaction('annotations').store.index('byArticle');
  const counts = await Promise.all(articles.map((a) => index.count(a.url)));
  return articles.map((article, i) => ({ article, count: counts[i]! }));
}

export function ArticlesView(props: { t: Translate; locale: Locale; db: Database; onOpen(url: string): void }) {
  const { t, locale } = props;
  const [rows, setRows] = useState<ArticleRow[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const day = useMemo(() => dayFormatter(locale), [locale]);
  const numbers = useMemo(() => numberFormatter(locale), [locale]);
  useEffect(() => {
    articlesWithCounts(props.db).then(setRows, (e: unknown) => setError(errorText(e)));
  }, [props.db]);

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
    </section>
  );
}
