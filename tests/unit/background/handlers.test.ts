import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '@/utils/background/handlers';
import { TabStates, type SessionArea } from '@/utils/background/tab-state';
import { openDatabase } from '@/utils/db/database';
import { dispatch, type RawSender } from '@/utils/messaging/router';
import type { Annotation, AnnotationTarget } from '@/utils/model/types';

class MemoryArea implements SessionArea {
  items = new Map<string, unknown>();
  async get(key: string | null) {
    if (key === null) return Object.fromEntries([...this.items].map(([k, v]) => [k, structuredClone(v)]));
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
const popup: RawSender = { id: 'me', url: 'chrome-extension://me/popup.html' };
const ARTICLE = 'https://hanoi.gov.vn/tin-tuc/lan-toa-4230612.htm';
const OTHER = 'https://baochinhphu.vn/bai-khac-102230612.htm';
const contentIn = (tabId: number, url = ARTICLE): RawSender => ({ id: 'me', url, frameId: 0, tab: { id: tabId } });
const article = { isArticle: true, confidence: 95, meta: { title: 'Lan tỏa', author: 'Quỳnh Anh', published: '2023-06-12T00:00:00+07:00' } };
const target: AnnotationTarget = {
  scope: 'article',
  quote: { type: 'TextQuoteSelector', exact: 'học tập', prefix: 'tinh thần ', suffix: ' và làm theo' },
  position: { type: 'TextPositionSelector', start: 20, end: 27 },
};

let area: MemoryArea;
let handlers: ReturnType<typeof createHandlers>;
let badges: Map<number, number>;
let notified: string[];
let disabled: string[];
let injected: number[];

const send = (type: string, data: unknown, sender: RawSender = popup) => dispatch({ type, data }, sender, self, handlers);
async function value<T>(reply: Promise<{ ok: boolean; value?: unknown }>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value as T;
}

beforeEach(() => {
  area = new MemoryArea();
  badges = new Map();
  notified = [];
  disabled = [];
  injected = [];
  const db = openDatabase({ name: `test-${Math.random()}` });
  handlers = createHandlers({
    tabs: new TabStates(area),
    db: () => db,
    settings: async () => ({ defaultColor: 'green', disabledPortals: disabled }),
    setBadge: (tabId, count) => badges.set(tabId, count),
    notifyArticle: (url) => notified.push(url),
    injectContentScript: async (tabId) => {
      if (tabId === 13) throw new Error('Cannot access contents of the page');
      injected.push(tabId);
    },
    now: () => 1_700_000_000_000,
  });
});

describe('page reports', () => {
  it('keep a report as tab state only: nothing is stored until the user acts', async () => {
    const reply = await value<{ annotations: unknown[]; defaultColor: string }>(send('page/report', { url: `${ARTICLE}?utm_source=zalo`, title: 'Lan tỏa', article }, contentIn(5)));
    expect(reply).toMatchObject({ annotations: [], defaultColor: 'green' });
    const onTab = await value<{ page: unknown; article: unknown }>(send('tab/annotations', { tabId: 5 }));
    expect(onTab.article).toBeNull();
    expect(onTab.page).toMatchObject({ tabId: 5, title: 'Lan tỏa', article: { meta: { author: 'Quỳnh Anh' } } });
  });

  it('stay silent on a portal the user turned off', async () => {
    disabled = ['gov-vn'];
    const reply = await value(send('page/report', { url: ARTICLE, title: 'Lan tỏa', article }, contentIn(5)));
    expect(reply).toMatchObject({ active: false, annotations: [] });
    expect(await value(send('tab/annotations', { tabId: 5 }))).toMatchObject({ page: null });
  });

  it('refuse a report about another site than the reporting page', async () => {
    const reply = await send('page/report', { url: OTHER, title: 'forged', article }, contentIn(5));
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(area.items.size).toBe(0);
  });

  it('save the page the tab shows, with its metadata', async () => {
    await send('page/report', { url: ARTICLE, title: 'Lan tỏa', article }, contentIn(5));
    const saved = await value<{ url: string; meta: { author: string } }>(send('page/save', { tabId: 5 }));
    expect(saved).toMatchObject({ url: ARTICLE, meta: { title: 'Lan tỏa', author: 'Quỳnh Anh' } });
    expect(await send('page/save', { tabId: 99 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('highlights through messages', () => {
  async function highlightOnArticle(): Promise<Annotation> {
    await send('page/report', { url: ARTICLE, title: 'Lan tỏa', article }, contentIn(5));
    return value<Annotation>(send('annotation/create', { target, color: 'yellow', tags: ['học tập'] }, contentIn(5)));
  }

  it('creates a highlight on the sender’s own page, stores the article and counts it on the badge', async () => {
    const created = await highlightOnArticle();
    expect(created).toMatchObject({ articleUrl: ARTICLE, quote: 'học tập', tags: ['học tập'], color: 'yellow' });
    expect(badges.get(5)).toBe(1);
    const onTab = await value<{ annotations: Annotation[]; article: { meta: { title: string } } }>(send('tab/annotations', { tabId: 5 }));
    expect(onTab.annotations.map((a) => a.id)).toEqual([created.id]);
    expect(onTab.article.meta.title).toBe('Lan tỏa');
    // The next visit gets it back with the report.
    const again = await value<{ annotations: Annotation[] }>(send('page/report', { url: `${ARTICLE}#top`, title: 'Lan tỏa', article }, contentIn(9)));
    expect(again.annotations.map((a) => a.id)).toEqual([created.id]);
  });

  it('does not let a content script touch another page’s highlights', async () => {
    const created = await highlightOnArticle();
    await send('page/report', { url: OTHER, title: 'Khác', article }, contentIn(6, OTHER));
    const update = await send('annotation/update', { id: created.id, changes: { note: 'forged' } }, contentIn(6, OTHER));
    const remove = await send('annotation/delete', { id: created.id }, contentIn(6, OTHER));
    expect(update).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(remove).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const onTab = await value<{ annotations: Annotation[] }>(send('tab/annotations', { tabId: 5 }));
    expect(onTab.annotations[0]).toMatchObject({ id: created.id, note: '' });
  });

  it('updates from the popup and tells the article’s tabs', async () => {
    const created = await highlightOnArticle();
    const updated = await value<Annotation>(send('annotation/update', { id: created.id, changes: { note: 'Ý chính', color: 'blue' } }));
    expect(updated).toMatchObject({ note: 'Ý chính', color: 'blue', tags: ['học tập'] });
    expect(notified).toEqual([ARTICLE]);
  });

  it('deletes with undo, and undo brings back the same highlight', async () => {
    const created = await highlightOnArticle();
    await value(send('annotation/delete', { id: created.id }, contentIn(5)));
    expect(badges.get(5)).toBe(0);
    expect((await value<{ annotations: unknown[] }>(send('tab/annotations', { tabId: 5 }))).annotations).toEqual([]);
    const restored = await value<Annotation>(send('annotation/undelete', { id: created.id }, contentIn(5)));
    expect(restored).toEqual(created);
    expect(await value(send('tags/list', {}))).toEqual([{ name: 'học tập', count: 1 }]);
    expect(await send('annotation/undelete', { id: created.id }, contentIn(5))).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('turns store refusals into clear errors and stores nothing', async () => {
    await send('page/report', { url: ARTICLE, title: 'Lan tỏa', article }, contentIn(5));
    const mismatched = { ...target, position: { type: 'TextPositionSelector', start: 0, end: 3 } };
    const reply = await send('annotation/create', { target: mismatched, color: 'yellow' }, contentIn(5));
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect((await value<{ annotations: unknown[] }>(send('tab/annotations', { tabId: 5 }))).annotations).toEqual([]);
  });

  it('cannot create a highlight before the page reported itself', async () => {
    const reply = await send('annotation/create', { target, color: 'yellow' }, contentIn(7));
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('turning Sổ tay on for a page outside the list', () => {
  it('runs the content script in that tab when an extension page asks', async () => {
    expect(await value(send('tab/activate', { tabId: 4 }))).toEqual({ activated: true });
    expect(injected).toEqual([4]);
  });
  it('says clearly when the browser does not allow it', async () => {
    expect(await send('tab/activate', { tabId: 13 })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('cannot run on this page') } });
  });
  it('cannot be asked by a content script', async () => {
    expect(await send('tab/activate', { tabId: 4 }, contentIn(5))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(injected).toEqual([]);
  });
});

describe('tab state', () => {
  it('drops corrupted tab state instead of trusting it', async () => {
    area.items.set('tab:3', { tabId: 3, url: 'javascript:alert(1)', title: 'x', reportedAt: 1 });
    expect(await send('tab/annotations', { tabId: 3 })).toMatchObject({ ok: true, value: { page: null } });
    expect(area.items.has('tab:3')).toBe(false);
  });
});
