import { describe, expect, it, vi, type Mock } from 'vitest';
import { PROTOCOL, type MessageType } from '@/utils/messaging/protocol';
import { dispatch, classifySender, type Handlers, type RawSender } from '@/utils/messaging/router';

const self = { id: 'sotay-id', baseUrl: 'chrome-extension://sotay-id/' };
const page: RawSender = { id: 'sotay-id', url: 'chrome-extension://sotay-id/popup.html' };
const content: RawSender = { id: 'sotay-id', url: 'https://hanoi.gov.vn/tin-tuc/bai-4230612.htm', frameId: 0, tab: { id: 7 } };

function spyHandlers() {
  const spies = Object.fromEntries(Object.keys(PROTOCOL).map((type) => [type, vi.fn(async () => null)]));
  return spies as unknown as Handlers & Record<MessageType, Mock>;
}

function noHandlerCalled(handlers: ReturnType<typeof spyHandlers>) {
  for (const fn of Object.values(handlers)) expect(fn).not.toHaveBeenCalled();
}

describe('classifySender', () => {
  it('recognises extension pages by their URL', () => {
    expect(classifySender(page, self)?.kind).toBe('extension-page');
  });
  it('recognises a top-frame content script with its tab', () => {
    expect(classifySender(content, self)).toEqual({ kind: 'content', url: content.url, tabId: 7 });
  });
  it('refuses another extension, a sub-frame, and a sender without URL', () => {
    expect(classifySender({ ...page, id: 'evil' }, self)).toBeUndefined();
    expect(classifySender({ ...content, frameId: 3 }, self)).toBeUndefined();
    expect(classifySender({ id: 'sotay-id' }, self)).toBeUndefined();
    expect(classifySender({ ...content, tab: undefined }, self)).toBeUndefined();
  });
});

describe('dispatch', () => {
  it('runs the handler for a well-formed message from an allowed sender', async () => {
    const handlers = spyHandlers();
    const reply = await dispatch({ type: 'tab/annotations', data: { tabId: 7 } }, page, self, handlers);
    expect(reply).toEqual({ ok: true, value: null });
    expect(handlers['tab/annotations']).toHaveBeenCalledWith({ tabId: 7 }, { kind: 'extension-page', url: page.url });
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [{ type: 'tab/annotations', data: { tabId: 1 } }]],
    ['an unknown type', { type: 'db/drop', data: {} }],
    ['a prototype key as type', { type: '__proto__', data: {} }],
    ['missing data', { type: 'tab/annotations' }],
    ['an extra field', { type: 'tab/annotations', data: { tabId: 1 }, admin: true }],
    ['a string tab id', { type: 'tab/annotations', data: { tabId: '1' } }],
    ['a negative tab id', { type: 'tab/annotations', data: { tabId: -1 } }],
    ['a fractional tab id', { type: 'tab/annotations', data: { tabId: 1.5 } }],
    ['an unexpected data key', { type: 'tags/list', data: { all: true } }],
    ['a __proto__ data key', { type: 'tab/annotations', data: JSON.parse('{"tabId":1,"__proto__":{"x":1}}') }],
  ])('rejects %s with a bad-message error and runs nothing', async (_label, message) => {
    const handlers = spyHandlers();
    const reply = await dispatch(message, page, self, handlers);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('bad-message');
    noHandlerCalled(handlers);
  });

  it('rejects a content-only message from an extension page, and a page-only one from a content script', async () => {
    const handlers = spyHandlers();
    const report = { url: 'https://a.gov.vn/', title: 'x', article: { isArticle: true, confidence: 90, meta: { title: 'x' } } };
    const fromPage = await dispatch({ type: 'page/report', data: report }, page, self, handlers);
    const fromContent = await dispatch({ type: 'page/save', data: { tabId: 7 } }, content, self, handlers);
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fromContent).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    noHandlerCalled(handlers);
  });

  it('rejects messages from other extensions', async () => {
    const handlers = spyHandlers();
    const reply = await dispatch({ type: 'tags/list', data: {} }, { ...page, id: 'other' }, self, handlers);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    noHandlerCalled(handlers);
  });

  it('rejects a report whose URL is not http(s) or too long', async () => {
    const handlers = spyHandlers();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', `https://a.gov.vn/${'x'.repeat(9000)}`]) {
      const article = { isArticle: false, confidence: 0, meta: { title: 't' } };
      const reply = await dispatch({ type: 'page/report', data: { url, title: 't', article } }, content, self, handlers);
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    }
    noHandlerCalled(handlers);
  });

  it('turns a handler failure into an error reply instead of throwing', async () => {
    const handlers = spyHandlers();
    handlers['tags/list'].mockRejectedValueOnce(new Error('disk full'));
    const reply = await dispatch({ type: 'tags/list', data: {} }, page, self, handlers);
    expect(reply).toEqual({ ok: false, error: { code: 'failed', message: 'disk full' } });
  });
});
