import { useMemo, useState } from 'preact/hooks';
import type { Tag } from '@/utils/model/types';
import type { Database } from '@/utils/db/database';
import { deleteTag, mergeTags, recolorTag, renameTag } from '@/utils/db/tags';
import type { Locale, Translate } from '@/utils/i18n';
import { errorText, numberFormatter } from './format';

interface TagsViewProps {
  t: Translate;
  locale: Locale;
  db: Database;
  tags: Tag[];
  onChanged(): void;
  onShow(tag: string): void;
}

type Editing = { tag: string; mode: 'rename' | 'merge' };

export function TagsView(props: TagsViewProps) {
  const { t, db, tags } = props;
  const [editing, setEditing] = useState<Editing | undefined>();
  const [value, setValue] = useState('');
  const [status, setStatus] = useState('');
  const numbers = useMemo(() => numberFormatter(props.locale), [props.locale]);

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      setEditing(undefined);
      setStatus(done);
      props.onChanged();
    } catch (error) {
      setStatus(t('errorMessage', errorText(error, t)));
    }
  }

  function start(tag: Tag, mode: Editing['mode']) {
    setEditing({ tag: tag.name, mode });
    setValue(mode === 'rename' ? tag.name : (tags.find((other) => other.key !== tag.key)?.name ?? ''));
  }

  return (
    <section aria-labelledby="tags-heading">
      <h2 id="tags-heading">{t('tagsHeading')}</h2>
      <p class="status" role="status">{status}</p>
      {tags.length === 0 ? (
        <p>{t('tagsNone')}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('tagsName')}</th>
              <th scope="col">{t('libArticleCount')}</th>
              <th scope="col">{t('tagsColor')}</th>
              <th scope="col">{t('tagsActions')}</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => {
              const open = editing?.tag === tag.name ? editing : undefined;
              return (
                <tr key={tag.key} data-testid="tag-row">
                  <th scope="row">
                    <span class="tag-chip" style={tag.color ? { borderColor: tag.color } : undefined}>{tag.name}</span>
                  </th>
                  <td>
                    <button type="button" class="link" onClick={() => props.onShow(tag.name)} aria-label={t('tagsShowHighlights', numbers.format(tag.count), tag.name)}>
                      {numbers.format(tag.count)}
                    </button>
                  </td>
                  <td>
                    <input
                      type="color"
                      value={tag.color ?? '#888888'}
                      aria-label={t('tagsColorOf', tag.name)}
                      onChange={(e) => void run(() => recolorTag(db, tag.name, (e.currentTarget as HTMLInputElement).value), t('tagsRecolored', tag.name))}
                    />
                    {tag.color && (
                      <button type="button" class="link" onClick={() => void run(() => recolorTag(db, tag.name, undefined), t('tagsRecolored', tag.name))}>
                        {t('tagsNoColor')}
                      </button>
                    )}
                  </td>
                  <td>
                    {open ? (
                      <form
                        class="inline"
                        onSubmit={(e) => {
                          e.preventDefault();
                          const target = value.trim().normalize('NFC');
                          if (!target) return;
                          void run(
                            () => (open.mode === 'rename' ? renameTag(db, tag.name, target) : mergeTags(db, [tag.name], target)),
                            open.mode === 'rename' ? t('tagsRenamed', tag.name, target) : t('tagsMerged', tag.name, target),
                          );
                        }}
                        onKeyDown={(e) => e.key === 'Escape' && setEditing(undefined)}
                      >
                        {open.mode === 'rename' ? (
                          <label>
                            <span class="visually-hidden">{t('tagsNewName', tag.name)}</span>
                            <input value={value} autoFocus onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
                          </label>
                        ) : (
                          <label>
                            <span class="visually-hidden">{t('tagsMergeInto', tag.name)}</span>
                            <select value={value} autoFocus onChange={(e) => setValue((e.currentTarget as HTMLSelectElement).value)}>
                              {tags.filter((other) => other.key !== tag.key).map((other) => (
                                <option key={other.key} value={other.name}>{other.name}</option>
                              ))}
                            </select>
                          </label>
                        )}
                        <button type="submit">{open.mode === 'rename' ? t('tagsRename') : t('tagsMerge')}</button>
                        <button type="button" class="secondary" onClick={() => setEditing(undefined)}>{t('libCancel')}</button>
                      </form>
                    ) : (
                      <div class="row-actions">
                        <button type="button" class="link" onClick={() => start(tag, 'rename')} aria-label={t('tagsRenameOf', tag.name)}>{t('tagsRename')}</button>
                        {tags.length > 1 && (
                          <button type="button" class="link" onClick={() => start(tag, 'merge')} aria-label={t('tagsMergeOf', tag.name)}>{t('tagsMerge')}</button>
                        )}
                        <button
                          type="button"
                          class="link danger"
                          aria-label={t('tagsDeleteOf', tag.name)}
                          onClick={() => {
                            if (confirm(t('tagsDeleteConfirm', tag.name))) void run(() => deleteTag(db, tag.name), t('tagsDeleted', tag.name));
                          }}
                        >
                          {t('tagsDelete')}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
