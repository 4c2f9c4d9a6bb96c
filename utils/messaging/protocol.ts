/**
 * The one message protocol between content scripts, the background and extension pages. Each message
 * type names who may send it and the exact shape of its data; the background checks both before any
 * handler runs (see router.ts), so a handler only ever sees well-formed data from an allowed sender.
 */
import { integer, object, string, httpUrl, type Guard, type Guarded } from './guard';
import type { SavedPage, TabPage } from './types';

export type SenderKind = 'content' | 'extension-page';

interface MessageSpec {
  from: readonly SenderKind[];
  request: Guard<unknown>;
}

const tabId = integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

export const PROTOCOL = {
  /** A content script tells the background which page its tab shows. Kept as tab state only. */
  'page/report': {
    from: ['content'],
    request: object({ url: httpUrl, title: string({ max: 2000 }) }),
  },
  /** An extension page asks what a tab shows. */
  'tab/get': { from: ['extension-page'], request: object({ tabId }) },
  /** The user saves the page shown in a tab. */
  'page/save': { from: ['extension-page'], request: object({ tabId }) },
  /** Every saved page, newest first. */
  'pages/list': { from: ['extension-page'], request: object({}) },
} as const satisfies Record<string, MessageSpec>;

export interface ProtocolResponses {
  'page/report': { tracked: true };
  'tab/get': TabPage | null;
  'page/save': SavedPage;
  'pages/list': SavedPage[];
}

export type MessageType = keyof typeof PROTOCOL;
export type RequestOf<K extends MessageType> = Guarded<(typeof PROTOCOL)[K]['request']>;
export type ResponseOf<K extends MessageType> = ProtocolResponses[K];

/** What travels over runtime.sendMessage. */
export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  data: RequestOf<K>;
}

export type ErrorCode = 'bad-message' | 'forbidden' | 'not-found' | 'failed';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export class MessageError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

export function isMessageType(value: unknown): value is MessageType {
  return typeof value === 'string' && Object.hasOwn(PROTOCOL, value);
}

/** Turn a reply back into a value, or throw the error it carries. */
export function unwrapReply<T>(reply: unknown): T {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) {
    throw new MessageError('failed', 'No valid reply from the background');
  }
  const r = reply as Reply<T>;
  if (r.ok) return r.value;
  throw new MessageError(r.error.code, r.error.message);
}
