import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { stringify } from 'yaml';
import type { Annotation, Article } from '../model/types';
import { articleBody, articleTags, articleTitle, articleToMarkdown, type ExportOptions } from './article';
import { dayFirst, isoDay } from './dates';
import { escapeInline } from './escape';
import { fileLinkTarget, uniqueFileNames } from './filenames';
import { EXPORT_LABELS } from './labels';

export interface LibraryItem {
  article: Article;
  annotations: Annotation[];
  /** The article text, for the `==…==` full-text section and unambiguous passage links. */
  fullText?: string;
}

/** Per-article text comes with each item, so library options carry none. */
export type LibraryExportOptions = Omit<ExportOptions, 'fullText' | 'articleText'> & {
  /** Append each article's full text (when its item has one). */
  includeFullText?: boolean;
};

export type ExportProgress = (done: number, total: number) => void;

export const INDEX_FILE_NAME = 'index.md';

/** Give the page a chance to paint and handle input about every frame's worth of work. */
const SLICE_MS = 12;

function createYielder(): () => Promise<void> {
  let sliceStart = Date.now();
  return async () => {
    if (Date.now() - sliceStart < SLICE_MS) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    sliceStart = Date.now();
  };
}

function optionsFor(item: LibraryItem, options: LibraryExportOptions): ExportOptions {
  const { includeFullText, ...rest } = options;
  if (item.fullText === undefined) return rest;
  return includeFullText ? { ...rest, fullText: item.fullText } : { ...rest, articleText: item.fullText };
}

/** File name of each item inside the zip, in the order given (index.md is never taken). */
export function libraryFileNames(items: LibraryItem[], options: Pick<ExportOptions, 'locale'>): string[] {
  const labels = EXPORT_LABELS[options.locale];
  return uniqueFileNames(
    items.map((item) => articleTitle(item.article, labels)),
    '.md',
    labels.untitled,
    [INDEX_FILE_NAME],
  );
}

function indexMarkdown(items: LibraryItem[], fileNames: string[], options: LibraryExportOptions, now: Date): string {
  const labels = EXPORT_LABELS[options.locale];
  const lines = items.map((item, index) => {
    const title = escapeInline(articleTitle(item.article, labels));
    const count = labels.highlightCount(item.annotations.length);
    return `- [${title}](${fileLinkTarget(fileNames[index] as string)}) — ${count}`;
  });
  const front = stringify({ title: labels.libraryTitle, exported: isoDay(now) }, { lineWidth: 0 });
  return `---\n${front}---\n\n# ${escapeInline(labels.libraryTitle)}\n\n${escapeInline(labels.exportedOn(dayFirst(now)))}\n\n${lines.join('\n')}\n`;
}

/**
 * Many articles as a .zip: one Markdown file per article and an index.md linking them. Work is split
 * between turns of the event loop so a page or popup running it stays responsive; each file is
 * compressed as soon as it is written, so only the compressed archive is held in memory.
 */
export async function libraryToZip(
  items: LibraryItem[],
  options: LibraryExportOptions,
  now: Date,
  onProgress?: ExportProgress,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  let finished = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else chunks.push(chunk);
    if (final) finished = true;
  });
  const addFile = (name: string, text: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = now;
    zip.add(file);
    file.push(strToU8(text), true);
  };

  const fileNames = libraryFileNames(items, options);
  const yieldToEventLoop = createYielder();
  addFile(INDEX_FILE_NAME, indexMarkdown(items, fileNames, options, now));
  for (const [index, item] of items.entries()) {
    addFile(fileNames[index] as string, articleToMarkdown(item.article, item.annotations, optionsFor(item, options), now));
    onProgress?.(index + 1, items.length);
    await yieldToEventLoop();
  }
  zip.end();
  if (failure) throw failure;
  if (!finished) throw new Error('zip stream did not finish');

  const archive = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    archive.set(chunk, offset);
    offset += chunk.length;
  }
  return archive;
}

/**
 * Many articles as one Markdown file: one front matter for the file, then each article under a
 * level-2 heading with a link to its source (articles cannot each have front matter mid-file).
 */
export async function libraryToMarkdown(
  items: LibraryItem[],
  options: LibraryExportOptions,
  now: Date,
  onProgress?: ExportProgress,
): Promise<string> {
  const labels = EXPORT_LABELS[options.locale];
  const allTags = articleTags(items.flatMap((item) => item.annotations));
  const front: Record<string, unknown> = { title: labels.libraryTitle };
  if (allTags.length) front.tags = allTags;
  front.exported = isoDay(now);
  const parts = [`---\n${stringify(front, { lineWidth: 0 })}---`, `# ${escapeInline(labels.libraryTitle)}`];
  const yieldToEventLoop = createYielder();
  for (const [index, item] of items.entries()) {
    parts.push(articleBody(item.article, item.annotations, { ...optionsFor(item, options), titleLevel: 2, sourceLine: true }));
    onProgress?.(index + 1, items.length);
    await yieldToEventLoop();
  }
  return `${parts.join('\n\n')}\n`;
}
