/**
 * Incoming-message checks for the background: who sent it, is it a known type, is its data well formed.
 * Pure: the browser's sender object and the handlers are passed in, so it is unit-tested without a browser.
 */
import { ValidationError, isPlainObject } from './guard';
import {
  PROTOCOL,
  MessageError,
  isMessageType,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
  type SenderKind,
} from './protocol';

/** The parts of runtime.MessageSender the checks read. */
export interface RawSender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number };
}

export interface VerifiedSender {
  kind: SenderKind;
  url: string;
  /** Set for content scripts: the tab they run in. */
  tabId?: number;
}

export type Handlers = {
  [K in MessageType]: (data: RequestOf<K>, sender: VerifiedSender) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

export interface ExtensionIdentity {
  /** runtime.id */
  id: string;
  /** runtime.getURL('/'), e.g. chrome-extension://abc/ */
  baseUrl: string;
}

export function classifySender(sender: RawSender, self: ExtensionIdentity): VerifiedSender | undefined {
  if (sender.id !== self.id || typeof sender.url !== 'string') return undefined;
  if (sender.url.startsWith(self.baseUrl)) return { kind: 'extension-page', url: sender.url };
  const tabId = sender.tab?.id;
  const isHttp = /^https?:\/\//i.test(sender.url);
  // Content scripts run in top frames only; a report from a sub-frame would describe the wrong page.
  if (isHttp && typeof tabId === 'number' && tabId >= 0 && sender.frameId === 0) {
    return { kind: 'content', url: sender.url, tabId };
  }
  return undefined;
}

function fail(code: MessageError['code'], message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

/** Check a raw message and run its handler. Never throws: every outcome is a Reply. */
export async function dispatch(
  message: unknown,
  rawSender: RawSender,
  self: ExtensionIdentity,
  handlers: Handlers,
): Promise<Reply<unknown>> {
  const sender = classifySender(rawSender, self);
  if (!sender) return fail('forbidden', 'Unknown sender');
  if (!isPlainObject(message)) return fail('bad-message', 'A message must be an object');
  const { type, data } = message;
  if (!isMessageType(type)) return fail('bad-message', `Unknown message type: ${String(type).slice(0, 60)}`);
  const keys = Object.keys(message);
  if (keys.length !== 2 || !keys.includes('data')) return fail('bad-message', 'A message has exactly a type and data');
  const spec = PROTOCOL[type];
  if (!(spec.from as readonly SenderKind[]).includes(sender.kind)) {
    return fail('forbidden', `${type} may not be sent from a ${sender.kind}`);
  }
  let checked: unknown;
  try {
    checked = spec.request(data, 'data');
  } catch (error) {
    if (error instanceof ValidationError) return fail('bad-message', error.message);
    throw error;
  }
  try {
    const handler = handlers[type] as (d: unknown, s: VerifiedSender) => unknown;
    return { ok: true, value: await handler(checked, sender) };
  } catch (error) {
    if (error instanceof MessageError) return fail(error.code, error.message);
    return fail('failed', error instanceof Error ? error.message : 'Unexpected failure');
  }
}
