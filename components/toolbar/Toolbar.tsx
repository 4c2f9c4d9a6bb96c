/**
 * The selection toolbar: colours, tags, note, copy, delete. Rendered inside Sổ tay's own shadow root
 * (see mount.ts), controlled by the content script, which owns the data and talks to the background.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/model/types';
import { addTag, suggestTags, type TagChoice } from '@/utils/tags/suggest';
import { createTranslator, type Locale, type MessageKey } from '@/utils/i18n';
import type { ToolbarView } from '@/utils/page/controller';

export const COLOR_NAME_KEYS: Record<HighlightColor, MessageKey> = {
  yellow: 'colorYellow',
  green: 'colorGreen',
  blue: 'colorBlue',
  pink: 'colorPink',
  purple: 'colorPurple',
};

/** What the controller asks the toolbar to show (utils/page/controller.ts), in the chosen language. */
export type ToolbarProps = Omit<ToolbarView, 'key'> & { locale: Locale };

export function Toolbar(props: ToolbarProps) {
  const t = useMemo(() => createTranslator(props.locale), [props.locale]);
  const [panel, setPanel] = useState<'tags' | 'note' | undefined>(props.initialPanel);
  const rootRef = useRef<HTMLDivElement>(null);

  // Layout effects run before the browser handles the next key, so a fast typist's keys land in the toolbar.
  useLayoutEffect(() => {
    // An open panel focuses its own field; otherwise start on the first colour.
    if (props.autoFocus && !props.initialPanel) rootRef.current?.querySelector<HTMLElement>('button')?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      props.onClose();
    }
  }

  const current = props.highlight;
  return (
    <div
      ref={rootRef}
      class="toolbar"
      role="toolbar"
      aria-label={t('toolbarLabel')}
      style={{ top: `${props.position.top}px`, left: `${props.position.left}px` }}
      onKeyDown={onKeyDown}
      onMouseDown={(e) => {
        // Keep the page selection alive while the user clicks our buttons.
        if (!(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) e.preventDefault();
      }}
    >
      <div class="row">
        {HIGHLIGHT_COLORS.map((color) => (
          <button
            key={color}
            type="button"
            class={`swatch swatch-${color}`}
            aria-label={t('highlightIn', t(COLOR_NAME_KEYS[color]))}
            aria-pressed={current ? current.color === color : undefined}
            title={t('highlightIn', t(COLOR_NAME_KEYS[color]))}
            onClick={() => props.onColor(color)}
          />
        ))}
        <span class="sep" aria-hidden="true" />
        <button type="button" aria-expanded={panel === 'tags'} onClick={() => setPanel(panel === 'tags' ? undefined : 'tags')}>
          {t('tagButton')}
          {current && current.tags.length > 0 && <span class="count"> {current.tags.length}</span>}
        </button>
        <button type="button" aria-expanded={panel === 'note'} onClick={() => setPanel(panel === 'note' ? undefined : 'note')}>
          {t('noteButton')}
          {current?.note && <span class="count" aria-hidden="true"> ●</span>}
        </button>
        <button type="button" onClick={props.onCopy}>
          {t('copyButton')}
        </button>
        {current && (
          <button type="button" class="danger" onClick={props.onDelete}>
            {t('deleteButton')}
          </button>
        )}
        <button type="button" class="close" aria-label={t('closeButton')} title={t('closeButton')} onClick={props.onClose}>
          ×
        </button>
      </div>
      {panel === 'tags' && (
        <TagEditor t={t} tags={current?.tags ?? []} knownTags={props.knownTags} onChange={props.onTags} focus={Boolean(props.autoFocus) || !props.initialPanel} />
      )}
      {panel === 'note' && <NoteEditor t={t} note={current?.note ?? ''} onSave={props.onNote} />}
      <p class="status" role="status">
        {props.status}
      </p>
    </div>
  );
}

function TagEditor(props: {
  t: ReturnType<typeof createTranslator>;
  tags: string[];
  knownTags: TagChoice[];
  onChange(tags: string[]): void;
  focus: boolean;
}) {
  const { t } = props;
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  // The list as the reader last left it: a second tag typed before the first one's save comes back must
  // build on the first, not on the tags the toolbar was given. A new list from the controller replaces it.
  const [edited, setEdited] = useState<{ from: string[]; tags: string[] }>();
  const tags = edited && sameTags(edited.from, props.tags) ? edited.tags : props.tags;
  const inputRef = useRef<HTMLInputElement>(null);
  const suggestions = text.trim() ? suggestTags(text, props.knownTags, tags, 6) : [];
  const listId = 'sotay-tag-suggestions';

  useLayoutEffect(() => {
    if (props.focus) inputRef.current?.focus();
  }, []);

  function change(next: string[]) {
    setEdited({ from: props.tags, tags: next });
    props.onChange(next);
  }

  function commit(name: string) {
    const next = addTag(tags, name, props.knownTags);
    if (next.length !== tags.length) change(next);
    setText('');
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' && suggestions.length) {
      event.preventDefault();
      setActive((active + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length) {
      event.preventDefault();
      setActive((active - 1 + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = suggestions[active];
      commit(chosen ? chosen.name : text);
    } else if (event.key === 'Backspace' && !text && tags.length) {
      change(tags.slice(0, -1));
    }
  }

  return (
    <div class="panel">
      {tags.length > 0 && (
        <ul class="chips">
          {tags.map((tag) => (
            <li key={tag} class="chip">
              <span>#{tag}</span>
              <button type="button" aria-label={t('removeTag', tag)} onClick={() => change(tags.filter((x) => x !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label={t('addTagLabel')}
        aria-autocomplete="list"
        aria-expanded={suggestions.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={t('addTagPlaceholder')}
        value={text}
        maxLength={64}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 && (
        <ul id={listId} role="listbox" aria-label={t('tagSuggestions')} class="suggestions">
          {suggestions.map((s, i) => (
            <li
              key={s.name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                commit(s.name);
              }}
            >
              {s.name} <span class="count">{s.count}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NoteEditor(props: { t: ReturnType<typeof createTranslator>; note: string; onSave(note: string): void }) {
  const { t } = props;
  const [text, setText] = useState(props.note);
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => ref.current?.focus(), []);
  const save = () => {
    if (text !== props.note) props.onSave(text);
  };
  return (
    <div class="panel">
      <textarea
        ref={ref}
        aria-label={t('noteLabel')}
        rows={3}
        maxLength={10000}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
      />
      <button type="button" onClick={save}>
        {t('saveNote')}
      </button>
    </div>
  );
}

function sameTags(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}
