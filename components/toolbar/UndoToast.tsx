import { useEffect, useMemo } from 'preact/hooks';
import { createTranslator, type Locale, type MessageKey } from '@/utils/i18n';

/** "Highlight deleted. Undo" — shown for a few seconds after a delete. */
export function UndoToast(props: { locale: Locale; message: MessageKey; onUndo(): void; onDismiss(): void; timeoutMs?: number }) {
  const t = useMemo(() => createTranslator(props.locale), [props.locale]);
  useEffect(() => {
    const timer = setTimeout(props.onDismiss, props.timeoutMs ?? 8000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div class="toast" role="status">
      <span>{t(props.message)}</span>
      <button type="button" onClick={props.onUndo}>
        {t('undo')}
      </button>
    </div>
  );
}
