import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '@/utils/background/handlers';
import { TabStates, type SessionArea } from '@/utils/background/tab-state';
import { openDatabase } from '@/utils/db/database';
import { dispatch } from '@/utils/messaging/router';

class MemoryArea implements SessionArea {
  items = new Map<string, unknown>();
  async get(key: string) {
    return this.items.has(key) ? { [key]: structuredClone(this.items.get(key)) } : {};
  }
  async set(items: Record<string, unknown>) {
    for (const [k, v] of Object.entries(items)) this.items.set(k, structuredClone(v));
  }
  async remove(key: string) {
    this.items.delete(key);
  }
}

const self = { id: 'me', baseUrl: 'chrome-extension://me/' };
const popup = { id: 'me', url: 'chrome-extension://me/popup.html' };
const articleUrl = 'https://hanoi.gov.vn/tin-tuc/lan-toa-4230612.htm?utm_source=zalo#top';
const contentIn = (tabId: number, url = articleUrl) => ({ id: 'me', url, frameId: 0, tab: { id: tabId } });

let area: MemoryArea;
let handlers: ReturnType<typeof createHandlers>;
let dbName: string;

beforeEach(() => {
  area = new MemoryArea();
  dbName = `test-${Math.random()}`;
  const db = openDatabase({ name: dbName });
  handlers = createHandlers({ tabs: new TabStates(area), db: () => db, now: () => 1_700_000_000_000 });
});

describe('the page → tab state → save chain', () => {
  it('keeps a report as tab state only, and saves it when asked', async () => {
    const report = await dispatch({ type: 'page/report', data: { url: articleUrl, title: 'Lan tỏa' } }, contentIn(5), self, handlers);
    expect(report).toEqual({ ok: true, value: { tracked: true } });
    expect(await dispatch({ type: 'pages/list', data: {} }, popup, self, handlers)).toEqual({ ok: true, value: [] });

    const state = await dispatch({ type: 'tab/get', data: { tabId: 5 } }, popup, self, handlers);
    expect(state).toMatchObject({ ok: true, value: { tabId: 5, url: articleUrl, title: 'Lan tỏa' } });

    const saved = await dispatch({ type: 'page/save', data: { tabId: 5 } }, popup, self, handlers);
    expect(saved).toEqual({
      ok: true,
      value: {
        url: 'https://hanoi.gov.vn/tin-tuc/lan-toa-4230612.htm',
        aliases: [],
        originalUrl: articleUrl,
        meta: { title: 'Lan tỏa' },
        firstVisit: 1_700_000_000_000,
        lastVisit: 1_700_000_000_000,
      },
    });
    const list = await dispatch({ type: 'pages/list', data: {} }, popup, self, handlers);
    expect(list.ok && list.value).toHaveLength(1);
  });

  it('refuses a report about another site than the reporting page', async () => {
    const reply = await dispatch(
      { type: 'page/report', data: { url: 'https://baochinhphu.vn/x-102230612.htm', title: 'forged' } },
      contentIn(5),
      self,
      handlers,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(area.items.size).toBe(0);
  });

  it('cannot save a tab Sổ tay has no report for', async () => {
    const reply = await dispatch({ type: 'page/save', data: { tabId: 99 } }, popup, self, handlers);
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch({ type: 'pages/list', data: {} }, popup, self, handlers)).toEqual({ ok: true, value: [] });
  });

  it('drops corrupted tab state instead of trusting it', async () => {
    area.items.set('tab:3', { tabId: 3, url: 'javascript:alert(1)', title: 'x', reportedAt: 1 });
    const reply = await dispatch({ type: 'tab/get', data: { tabId: 3 } }, popup, self, handlers);
    expect(reply).toEqual({ ok: true, value: null });
    expect(area.items.has('tab:3')).toBe(false);
  });
});
