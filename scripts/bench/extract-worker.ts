/**
 * One page of bench:extract, in a worker thread so the main thread can put a time cap on Mozilla
 * Readability (on linkedom it spends minutes on a few pages) and end the worker when it is exceeded.
 * The page is parsed once; Sổ tay and Readability read that same parsed document (Readability a
 * clone of it, as it mutates what it is given). Sổ tay's result is posted before Readability starts,
 * so a Readability that never returns costs only its own figures.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { extractArticle } from '../../utils/extract/index';
import { parseDocument } from '../extract';

export interface PageRequest {
  seq: number;
  html: string;
  url: string;
  withReadability: boolean;
}

export interface OursReply {
  seq: number;
  kind: 'ours';
  text: string;
  isArticle: boolean;
  ms: number;
  title: string;
  author?: string;
  published?: string;
  features?: unknown;
}

export interface ReadabilityReply {
  seq: number;
  kind: 'readability';
  text: string;
  title?: string;
  readerable: boolean;
  /** Clone of the document plus parse (what a live page would pay). */
  ms: number;
  /** Parse alone, on the already cloned document. */
  parseMs: number;
}

export interface ErrorReply {
  seq: number;
  kind: 'error';
  message: string;
}

const port = parentPort;
if (!port) throw new Error('extract-worker runs as a worker thread');

port.on('message', (request: PageRequest) => {
  let doc: Document;
  try {
    doc = parseDocument(request.html);
  } catch (error) {
    port.postMessage({ seq: request.seq, kind: 'error', message: String(error) } satisfies ErrorReply);
    return;
  }
  const started = performance.now();
  const ours = extractArticle(doc, request.url);
  const oursMs = performance.now() - started;
  port.postMessage({
    seq: request.seq,
    kind: 'ours',
    text: ours.text,
    isArticle: ours.isArticle,
    ms: oursMs,
    title: ours.meta.title,
    author: ours.meta.author,
    published: ours.meta.published,
    features: ours.features,
  } satisfies OursReply);
  if (!request.withReadability) return;

  const readerable = isProbablyReaderable(doc);
  const cloneStarted = performance.now();
  const clone = doc.cloneNode(true) as Document;
  const parseStarted = performance.now();
  let text = '';
  let title: string | undefined;
  try {
    const article = new Readability(clone).parse();
    text = article?.textContent ?? '';
    title = article?.title ?? undefined;
  } catch {
    text = '';
  }
  const ended = performance.now();
  port.postMessage({
    seq: request.seq,
    kind: 'readability',
    text,
    title,
    readerable,
    ms: ended - cloneStarted,
    parseMs: ended - parseStarted,
  } satisfies ReadabilityReply);
});
