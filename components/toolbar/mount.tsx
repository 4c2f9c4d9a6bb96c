/**
 * Sổ tay's UI on a page: one host element with an open shadow root (so the page's styles cannot break
 * it, its styles cannot leak, and assistive technology and tests can reach it), attached to the page
 * only while something is shown — when closed, no note or tag text is left in the page's DOM.
 */
import { render } from 'preact';
import type { Locale } from '@/utils/i18n';
import type { PageUi, ToolbarView } from '@/utils/page/controller';
import { Toolbar } from './Toolbar';
import { UndoToast } from './UndoToast';
import css from './toolbar.css?inline';

export const UI_HOST_TAG = 'sotay-ui';

const UNTRUSTED_BLOCKED = [
  'click', 'dblclick', 'auxclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup',
  'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'change', 'submit', 'paste', 'drop',
] as const;

/** JSX takes `key` only as its own attribute: inside a spread it would be an ordinary prop and never remount. */
function withoutKey({ key: _key, ...view }: ToolbarView): Omit<ToolbarView, 'key'> {
  return view;
}

export function createPageUi(doc: Document, locale: Locale): PageUi & { destroy(): void } {
  const host = doc.createElement(UI_HOST_TAG);
  host.setAttribute('style', 'all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;');
  const shadow = host.attachShadow({ mode: 'open' });
  // Only the person at the keyboard drives this UI. The page's scripts can reach an open shadow root and
  // could call .click() or dispatch events to save, recolour or delete highlights; such events are not
  // trusted, and are stopped here before any of our handlers sees them.
  for (const type of UNTRUSTED_BLOCKED) {
    shadow.addEventListener(
      type,
      (event) => {
        if (event.isTrusted) return;
        event.stopImmediatePropagation();
        event.preventDefault();
      },
      true,
    );
  }
  const style = doc.createElement('style');
  style.textContent = css;
  const layer = doc.createElement('div');
  layer.className = 'layer';
  shadow.append(style, layer);

  let toolbar: ToolbarView | undefined;
  let toast: { kind: 'undo'; onUndo(): void } | { kind: 'error'; message: string } | undefined;

  function update() {
    const visible = toolbar || toast;
    if (visible && !host.isConnected) doc.documentElement.append(host);
    render(
      <>
        {toolbar && <Toolbar key={toolbar.key} locale={locale} {...withoutKey(toolbar)} />}
        {toast?.kind === 'undo' && (
          <UndoToast
            locale={locale}
            message="highlightDeleted"
            onUndo={() => {
              const undo = toast?.kind === 'undo' ? toast.onUndo : undefined;
              toast = undefined;
              update();
              undo?.();
            }}
            onDismiss={() => {
              toast = undefined;
              update();
            }}
          />
        )}
        {toast?.kind === 'error' && (
          <div class="toast" role="alert">
            {toast.message}
          </div>
        )}
      </>,
      layer,
    );
    if (!visible && host.isConnected) host.remove();
  }

  return {
    showToolbar(view) {
      toolbar = view;
      update();
    },
    hideToolbar() {
      if (!toolbar) return;
      toolbar = undefined;
      update();
    },
    showUndo(onUndo) {
      toast = { kind: 'undo', onUndo };
      update();
    },
    showError(message) {
      toast = { kind: 'error', message };
      update();
      setTimeout(() => {
        if (toast?.kind === 'error') {
          toast = undefined;
          update();
        }
      }, 6000);
    },
    owns(node) {
      return !!node && (node === host || host.contains(node) || shadow.contains(node));
    },
    destroy() {
      render(null, layer);
      host.remove();
    },
  };
}
