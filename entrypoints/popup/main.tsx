import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/PopupApp';
import { uiLocale } from '@/components/locale';
import '@/components/base.css';

/** The tab this popup is about: `?tab=N` when opened as a page (tests, pinned views), else the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

void Promise.all([targetTabId(), uiLocale()]).then(([tabId, locale]) => {
  document.documentElement.lang = locale;
  render(<PopupApp tabId={tabId} locale={locale} />, document.getElementById('app')!);
});
