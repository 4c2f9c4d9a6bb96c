/**
 * The one message protocol between content scripts, the background and extension pages. Each message
 * type names who may send it and the exact shape of its data; the background checks both before any
 * handler runs (see router.ts), so a handler only ever sees well-formed data from an allowed sender.
 *
 * A content script only ever speaks for the page it runs in: the article a content-script message is
 * about is taken from the browser's record of the sender (sender.url), never from the message.
 */
import { HIGHLIGHT_COLORS, type Annotation } from '../model/types';
import { annotationId, annotationTarget, articleMeta, LIMITS } from '../db/validate';
import { array, boolean, integer, literal, object, optional, string, httpUrl, type Guard, type Guarded } from './guard';
import type { PageAnnotations, PageReply, SavedPage } from './types';

export type SenderKind = 'content' | 'extension-page';

interface MessageSpec {
  from: readonly SenderKind[];
  request: Guard<unknown>;
}

const tabId = integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const color = literal(...HIGHLIGHT_COLORS);
const tagNames = array(string({ min: 1, max: LIMITS.tagNameLength }), { max: LIMITS.tagsPerAnnotation });
const idList = array(annotationId, { max: 100_000 });

/** What extraction found on the page; the same shape is kept as tab state (background/tab-state.ts). */
export const articleReport = object({
  isArticle: boolean,
  confidence: integer({ min: 0, max: 100 }),
  /** Microseconds spent detecting and extracting on the live page (for the speed figures). */
  extractionMicros: optional(integer({ min: 0, max: 600_000_000 })),
  canonicalUrl: optional(httpUrl),
  meta: articleMeta,
});

const annotationChanges = object({
  color: optional(color),
  tags: optional(tagNames),
  note: optional(string({ max: LIMITS.noteLength })),
});

export const PROTOCOL = {
  /** A content script tells the background what its page is; the reply carries the page's highlights. */
  'page/report': {
    from: ['content'],
    request: object({ url: httpUrl, title: string({ max: LIMITS.titleLength }), article: articleReport }),
  },
  /** A content script reports which of its page's highlights it found and which are orphans. */
  'page/anchored': { from: ['content'], request: object({ anchored: idList, orphans: idList }) },
  /** A new highlight on the sender's own page. */
  'annotation/create': {
    from: ['content'],
    request: object({
      target: annotationTarget,
      color,
      tags: optional(tagNames),
      note: optional(string({ max: LIMITS.noteLength })),
    }),
  },
  'annotation/update': { from: ['content', 'extension-page'], request: object({ id: annotationId, changes: annotationChanges }) },
  'annotation/delete': { from: ['content', 'extension-page'], request: object({ id: annotationId }) },
  /** Undo the last delete of this highlight (the background kept what it needs). */
  'annotation/undelete': { from: ['content', 'extension-page'], request: object({ id: annotationId }) },
  /** Tag names with counts, for autocomplete. */
  'tags/list': { from: ['content', 'extension-page'], request: object({}) },
  /** The highlights of the page a tab shows, with the ones the page could not place. */
  'tab/annotations': { from: ['extension-page'], request: object({ tabId }) },
  /** The user turns Sổ tay on for the page in a tab that is not on the portal list (activeTab). */
  'tab/activate': { from: ['extension-page'], request: object({ tabId }) },
  /** The user saves the page shown in a tab. */
  'page/save': { from: ['extension-page'], request: object({ tabId }) },
} as const satisfies Record<string, MessageSpec>;

export interface ProtocolResponses {
  'page/report': PageReply;
  'page/anchored': { ok: true };
  'annotation/create': Annotation;
  'annotation/update': Annotation;
  'annotation/delete': { id: string };
  'annotation/undelete': Annotation;
  'tags/list': { name: string; count: number }[];
  'tab/annotations': PageAnnotations;
  'tab/activate': { activated: true };
  'page/save': SavedPage;
}

export type MessageType = keyof typeof PROTOCOL;
export type RequestOf<K extends MessageType> = Guarded<(typeof PROTOCOL)[K]['request']>;
export type ResponseOf<K extends MessageType> = ProtocolResponses[K];

/** What travels over runtime.sendMessage. */
export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  data: RequestOf<K>;
}

export type ErrorCode = 'bad-message' | 'forbidden' | 'not-found' | 'failed' | 'quota' | 'conflict';

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

/**
 * Messages the background or an extension page sends to a content script (tabs.sendMessage). The
 * content script checks them with the same guards: the page cannot forge them (it has no access to
 * the extension's messaging), but a malformed one must still change nothing.
 */
export const CONTENT_PROTOCOL = {
  /** Highlights changed elsewhere (popup, library): fetch and repaint. */
  'content/refresh': object({}),
  /** Scroll to a highlight and flash it. */
  'content/scroll-to': object({ id: annotationId }),
  /** Keyboard shortcut or context menu: highlight the current selection. */
  'content/highlight-selection': object({ color: optional(color) }),
} as const;

export type ContentMessageType = keyof typeof CONTENT_PROTOCOL;
export type ContentRequestOf<K extends ContentMessageType> = Guarded<(typeof CONTENT_PROTOCOL)[K]>;
export interface ContentEnvelope<K extends ContentMessageType = ContentMessageType> {
  type: K;
  data: ContentRequestOf<K>;
}
