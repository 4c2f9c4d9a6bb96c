/**
 * Command-line extractor for saved pages, tests and benchmarks.
 *   npm run --silent extract -- [--url URL] FILE            one JSON object
 *   npm run --silent extract -- --batch LIST.jsonl           one JSON line per {"file","url"} line
 * `ms` is the time spent detecting and extracting only, not reading or parsing the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../utils/extract/index';

export interface ExtractOutput {
  file: string;
  isArticle: boolean;
  confidence: number;
  family: string;
  title: string;
  lead?: string;
  author?: string;
  published?: string;
  modified?: string;
  siteName?: string;
  lang?: string;
  sourceName?: string;
  sourceUrl?: string;
  reasons: string[];
  text: string;
  ms: number;
}

export function readHtml(path: string): string {
  const bytes = readFileSync(path);
  const raw = path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
  // Honour a declared legacy charset if there is one; most portals are UTF-8.
  const head = raw.subarray(0, 2048).toString('latin1');
  const charset = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset).decode(raw);
    } catch {
      /* unknown label: fall back to UTF-8 */
    }
  }
  return new TextDecoder('utf-8').decode(raw);
}

/**
 * Raw-text elements and comments, where `<![CDATA[` is just characters, or a `<![CDATA[` in HTML
 * content. The alternation is matched left to right, so a CDATA marker inside a script is consumed
 * with the script and only a stray one reaches the last branch.
 */
const STRAY_CDATA = /<(script|style|textarea|svg|math)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|(<!\[CDATA\[[^>]*>)/gi;

/**
 * In HTML content (outside <svg>/<math>) a browser reads `<![CDATA[` as a bogus comment that ends at
 * the next `>`; linkedom reads it as a CDATA section running to `]]>`, or to the end of the file, and
 * a forum theme that prints one at the top of its body would come out with no text at all. Drop
 * the marker up to that `>`, as the browser does.
 */
export function dropStrayCdata(html: string): string {
  if (!html.includes('<![CDATA[')) return html;
  return html.replace(STRAY_CDATA, (match: string, _tag: string | undefined, stray: string | undefined) => (stray ? '' : match));
}

export function parseDocument(source: string): Document {
  const html = dropStrayCdata(source);
  const doc = parseHTML(html).document as unknown as Document;
  if (doc.documentElement?.tagName.toUpperCase() === 'HTML') return doc;
  // linkedom needs the <html> element first: a page that leaves it out, or puts a stray <script> or
  // <style> before it (browsers cope with both), would come out as a bare <head> or <script> root
  // with an empty body. Start at the page's own <html>, or supply one.
  const htmlTag = /<html[\s>]/i.exec(html);
  const repaired = htmlTag
    ? `<!DOCTYPE html>${html.slice(htmlTag.index)}`
    : `<!DOCTYPE html><html>${html.replace(/^\s*(?:<\?xml[^>]*>\s*)?<!doctype[^>]*>/i, '')}</html>`;
  return parseHTML(repaired).document as unknown as Document;
}

export function extractFile(file: string, url: string): ExtractOutput {
  const doc = parseDocument(readHtml(file));
  const started = performance.now();
  const result = extractArticle(doc, url);
  const ms = performance.now() - started;
  return {
    file,
    isArticle: result.isArticle,
    confidence: result.confidence,
    family: result.family,
    title: result.meta.title,
    lead: result.meta.lead,
    author: result.meta.author,
    published: result.meta.published,
    modified: result.meta.modified,
    siteName: result.meta.siteName,
    lang: result.meta.lang,
    sourceName: result.meta.sourceName,
    sourceUrl: result.meta.sourceUrl,
    reasons: result.reasons,
    text: result.text,
    ms: Math.round(ms * 1000) / 1000,
  };
}

function usage(): never {
  process.stderr.write('usage: extract [--url URL] FILE | extract --batch LIST.jsonl\n');
  process.exit(2);
}

function main(argv: string[]): void {
  let url: string | undefined;
  let batch: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--url') url = argv[++i] ?? usage();
    else if (arg === '--batch') batch = argv[++i] ?? usage();
    else if (arg === '--help' || arg === '-h') usage();
    else files.push(arg);
  }
  if (batch) {
    const listDir = dirname(resolve(batch));
    const lines = readFileSync(batch, 'utf8').split('\n').filter((line) => line.trim());
    for (const line of lines) {
      let file = '';
      try {
        const entry = JSON.parse(line) as { file?: unknown; url?: unknown };
        file = typeof entry.file === 'string' ? entry.file : '';
        if (!file) throw new Error('line has no "file"');
        // Relative paths: from the working directory, else from the list's own directory.
        const path = existsSync(resolve(file)) ? resolve(file) : resolve(listDir, file);
        const output = extractFile(path, typeof entry.url === 'string' ? entry.url : `file://${path}`);
        process.stdout.write(`${JSON.stringify({ ...output, file })}\n`);
      } catch (error) {
        process.stdout.write(`${JSON.stringify({ file, error: error instanceof Error ? error.message : String(error) })}\n`);
      }
    }
    return;
  }
  if (files.length !== 1) usage();
  const file = files[0]!;
  try {
    const output = extractFile(file, url ?? `file://${resolve(file)}`);
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ file, error: error instanceof Error ? error.message : String(error) })}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
