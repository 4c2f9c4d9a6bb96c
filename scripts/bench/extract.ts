/**
 * npm run bench:extract — Sổ tay's extractor against Mozilla Readability 0.6 on the same parsed pages:
 * ../shared/corpus/wcxb-dev (Word F1, detection by page type) and ../shared/corpus/readability
 * (detection against `readerable`). Prints figures; nothing is asserted here.
 *   --limit N                only the first N pages of each corpus
 *   --dump FILE              per-page results as JSON lines (for looking at failures)
 *   --ours-only              skip Readability (quick tuning runs; no comparison printed)
 *   --readability-timeout S  cap on Readability per page, seconds (default 20)
 *   --ids 0578,0001          only these wcxb-dev pages (and no readability/ pages)
 *   --types product,forum    only wcxb-dev pages of these types (and no readability/ pages)
 * Each page runs in a worker thread (extract-worker.ts); when Readability exceeds its cap the worker
 * is ended and a fresh one takes the next page. Timed-out pages are listed, and left out of both
 * tools' timing and of the side-by-side F1 (Sổ tay's own all-pages figure still counts them).
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { readHtml } from '../extract';
import { wordF1 as sharedWordF1 } from '../../tests/helpers/wordF1';
import type { ErrorReply, OursReply, PageRequest, ReadabilityReply } from './extract-worker';

const corpusRoot = resolve(import.meta.dirname, '../../../shared/corpus');
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const limit = option('--limit') ? Number(option('--limit')) : Infinity;
const oursOnly = args.includes('--ours-only');
const readabilityTimeoutMs = Number(option('--readability-timeout') ?? 20) * 1000;
/** Sổ tay itself never takes near this; a page that does is reported as a failure, not waited for. */
const oursTimeoutMs = 120_000;
const onlyIds = option('--ids')?.split(',');
const onlyTypes = option('--types')?.split(',');
const dumpPath = option('--dump');
if (dumpPath) writeFileSync(dumpPath, '');
const dump = { push: (line: string) => dumpPath && appendFileSync(dumpPath, `${line}\n`) };

/** WCXB Word F1, the same implementation the portal fixture test uses. */
const wordF1 = (predicted: string, truth: string | null | undefined) => sharedWordF1(predicted, truth ?? '').f1;

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
const median = (values: number[]) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? NaN;
const fmt = (value: number, digits = 3) => (Number.isNaN(value) ? '—' : value.toFixed(digits));
/** Readability's figure, or a dash when it was skipped (--ours-only). */
const theirs = (value: number, digits = 3) => (oursOnly ? '—' : fmt(value, digits));

interface PageRun {
  oursText: string;
  oursArticle: boolean;
  oursMs: number;
  oursTitle: string;
  oursAuthor?: string;
  oursPublished?: string;
  features?: unknown;
  /** Absent with --ours-only or when Readability ran out of time. */
  readability?: { text: string; readerable: boolean; ms: number; parseMs: number; title?: string };
  readabilityTimedOut: boolean;
}

const workerUrl = new URL('./extract-worker.ts', import.meta.url).href;
type Reply = OursReply | ReadabilityReply | ErrorReply;

/** Runs pages one at a time in a worker; replaces the worker when a page exceeds its cap. */
class PageRunner {
  private worker!: Worker;
  private seq = 0;
  private waiting?: { seq: number; kind: Reply['kind']; resolve: (reply: Reply | undefined) => void };

  constructor() {
    this.start();
  }

  private start() {
    // The worker is TypeScript: register tsx inside it before importing it.
    this.worker = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`,
      { eval: true },
    );
    this.worker.on('message', (reply: Reply) => {
      const waiting = this.waiting;
      if (!waiting || reply.seq !== waiting.seq) return;
      if (reply.kind === waiting.kind || reply.kind === 'error') {
        this.waiting = undefined;
        waiting.resolve(reply);
      }
    });
    this.worker.on('error', (error) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.resolve({ seq: waiting.seq, kind: 'error', message: String(error) });
      // An uncaught error ends the worker: the next page gets a fresh one.
      this.start();
    });
  }

  private restart() {
    void this.worker.terminate();
    this.start();
  }

  private next<K extends Reply['kind']>(seq: number, kind: K, timeoutMs: number): Promise<Extract<Reply, { kind: K }> | ErrorReply | undefined> {
    return new Promise((resolvePromise) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolvePromise(undefined);
      }, timeoutMs);
      this.waiting = {
        seq,
        kind,
        resolve: (reply) => {
          clearTimeout(timer);
          resolvePromise(reply as Extract<Reply, { kind: K }> | ErrorReply | undefined);
        },
      };
    });
  }

  async run(html: string, url: string): Promise<PageRun> {
    const seq = ++this.seq;
    const request: PageRequest = { seq, html, url, withReadability: !oursOnly };
    const oursReply = this.next(seq, 'ours', oursTimeoutMs);
    this.worker.postMessage(request);
    const ours = await oursReply;
    if (!ours) {
      this.restart();
      throw new Error(`Sổ tay took over ${oursTimeoutMs / 1000} s`);
    }
    if (ours.kind === 'error') throw new Error(ours.message);
    const run: PageRun = {
      oursText: ours.text,
      oursArticle: ours.isArticle,
      oursMs: ours.ms,
      oursTitle: ours.title,
      oursAuthor: ours.author,
      oursPublished: ours.published,
      features: ours.features,
      readabilityTimedOut: false,
    };
    if (oursOnly) return run;
    const reply = await this.next(seq, 'readability', readabilityTimeoutMs);
    if (!reply) {
      run.readabilityTimedOut = true;
      this.restart();
    } else if (reply.kind === 'readability') {
      run.readability = { text: reply.text, readerable: reply.readerable, ms: reply.ms, parseMs: reply.parseMs, title: reply.title };
    } else {
      run.readability = { text: '', readerable: false, ms: NaN, parseMs: NaN };
    }
    return run;
  }

  close() {
    void this.worker.terminate();
  }
}

/** Timings of pages both tools finished (the ratio is taken over these only). */
interface Timings {
  ours: number[];
  readability: number[];
  readabilityParse: number[];
  /** Sổ tay on every page, timed-out ones included (for --ours-only and the p95). */
  oursAll: number[];
  timedOut: string[];
}
const emptyTimings = (): Timings => ({ ours: [], readability: [], readabilityParse: [], oursAll: [], timedOut: [] });
function addTimings(t: Timings, id: string, run: PageRun) {
  t.oursAll.push(run.oursMs);
  if (run.readabilityTimedOut) {
    t.timedOut.push(id);
    return;
  }
  t.ours.push(run.oursMs);
  if (run.readability) {
    t.readability.push(run.readability.ms);
    t.readabilityParse.push(run.readability.parseMs);
  }
}

interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}
const emptyConfusion = (): Confusion => ({ tp: 0, fp: 0, tn: 0, fn: 0 });
function count(c: Confusion, predicted: boolean, truth: boolean) {
  if (predicted && truth) c.tp++;
  else if (predicted && !truth) c.fp++;
  else if (!predicted && truth) c.fn++;
  else c.tn++;
}
function confusionLine(c: Confusion): string {
  const total = c.tp + c.fp + c.tn + c.fn;
  const accuracy = (c.tp + c.tn) / total;
  const precision = c.tp / (c.tp + c.fp);
  const recall = c.tp / (c.tp + c.fn);
  return `accuracy ${fmt(accuracy, 4)} (${c.fp + c.fn} wrong)  precision ${fmt(precision)}  recall ${fmt(recall)}  (tp ${c.tp} fp ${c.fp} tn ${c.tn} fn ${c.fn})`;
}

interface TypeScores {
  n: number;
  /** Sổ tay on every page of the type. */
  oursAll: number[];
  /** Both tools on the pages where both finished. */
  ours: number[];
  readability: number[];
  /** Sổ tay, with Readability's text where Sổ tay found fewer than FALLBACK_WORDS words. */
  hybrid: number[];
  oursFp: number;
  readabilityFp: number;
}
const emptyScores = (): TypeScores => ({ n: 0, oursAll: [], ours: [], readability: [], hybrid: [], oursFp: 0, readabilityFp: 0 });
/** Would falling back to Readability where Sổ tay finds little help? Measured, not shipped. */
const FALLBACK_WORDS = 50;
const wordCount = (text: string) => text.match(/[\p{L}\p{N}_]+/gu)?.length ?? 0;

async function benchWcxb(runner: PageRunner): Promise<Timings> {
  const dir = join(corpusRoot, 'wcxb-dev');
  const ids = readdirSync(join(dir, 'ground-truth'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .filter((id) => !onlyIds || onlyIds.includes(id))
    .sort()
    .slice(0, limit);
  const groups = new Map<string, TypeScores>();
  const group = (name: string) => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = emptyScores()));
    return g;
  };
  const detection = { ours: emptyConfusion(), readability: emptyConfusion() };
  const timings = emptyTimings();
  let failures = 0;
  let pagesRead = 0;
  for (const [index, id] of ids.entries()) {
    const truth = JSON.parse(readFileSync(join(dir, 'ground-truth', `${id}.json`), 'utf8')) as {
      url: string;
      ground_truth: { main_content: string; title?: string };
      _internal: { page_type: { primary: string } };
    };
    const type = truth._internal.page_type.primary;
    if (onlyTypes && !onlyTypes.includes(type)) continue;
    pagesRead++;
    if (index % 100 === 0) process.stderr.write(`wcxb ${id}\n`);
    let run: PageRun;
    try {
      run = await runner.run(readHtml(join(dir, 'html', `${id}.html.gz`)), truth.url);
    } catch (error) {
      failures++;
      process.stderr.write(`${id}: ${String(error)}\n`);
      continue;
    }
    if (run.readabilityTimedOut) process.stderr.write(`${id}: Readability timed out after ${readabilityTimeoutMs / 1000} s\n`);
    const ours = wordF1(run.oursText, truth.ground_truth.main_content);
    const readabilityF1 = run.readability ? wordF1(run.readability.text, truth.ground_truth.main_content) : NaN;
    const hybridF1 = run.readability && wordCount(run.oursText) < FALLBACK_WORDS ? readabilityF1 : ours;
    let host = '';
    try {
      host = new URL(truth.url).hostname;
    } catch {
      /* keep empty */
    }
    const names = ['all pages', type];
    if (type === 'article') names.push('articles');
    if (/\.gov(\.uk|\.au)?$/.test(host)) names.push('government .gov/.gov.uk/.gov.au');
    for (const name of names) {
      if (name === 'article') continue; // shown as "articles"
      const g = group(name);
      g.n++;
      g.oursAll.push(ours);
      if (!run.readabilityTimedOut) {
        g.ours.push(ours);
        g.readability.push(readabilityF1);
        g.hybrid.push(hybridF1);
      }
    }
    const g = group(type === 'article' ? 'articles' : type);
    if (type !== 'article' && run.oursArticle) g.oursFp++;
    if (type !== 'article' && run.readability?.readerable) g.readabilityFp++;
    count(detection.ours, run.oursArticle, type === 'article');
    if (run.readability) count(detection.readability, run.readability.readerable, type === 'article');
    addTimings(timings, id, run);
    if (dumpPath) dump.push(JSON.stringify({ corpus: 'wcxb', id, type, url: truth.url, f1: ours, rf1: readabilityF1, article: run.oursArticle, title: run.oursTitle, truthTitle: truth.ground_truth.title, author: run.oursAuthor, published: run.oursPublished, ms: run.oursMs, rms: run.readability?.parseMs, readerable: run.readability?.readerable, readabilityTimedOut: run.readabilityTimedOut, features: run.features, text: run.oursText }));
  }

  const order = ['all pages', 'articles', 'government .gov/.gov.uk/.gov.au'];
  const rest = [...groups.keys()].filter((name) => !order.includes(name)).sort((a, b) => groups.get(b)!.n - groups.get(a)!.n);
  console.log(`\n## wcxb-dev — ${pagesRead} pages${failures ? `, ${failures} unreadable` : ''}`);
  if (!oursOnly) {
    console.log(`Readability timed out (> ${readabilityTimeoutMs / 1000} s) on ${timings.timedOut.length} page(s)${timings.timedOut.length ? `: ${timings.timedOut.join(', ')}` : ''};`);
    console.log('the side-by-side columns leave those pages out, "Sổ tay, all" keeps them.');
  }
  console.log('Word F1 (mean per page)'.padEnd(40) + `Sổ tay, all   Sổ tay   Readability   Sổ tay+R (pages side by side)`);
  for (const name of order.concat(rest)) {
    const g = groups.get(name);
    if (!g) continue;
    console.log(`  ${name} (${g.n})`.padEnd(40) + `${fmt(mean(g.oursAll))}         ${theirs(mean(g.ours))}    ${theirs(mean(g.readability))}         ${theirs(mean(g.hybrid))}    (${oursOnly ? '—' : g.ours.length})`);
  }
  if (!oursOnly) console.log(`  (Sổ tay+R: Readability's text on pages where Sổ tay found fewer than ${FALLBACK_WORDS} words — a what-if, not what ships)`);
  console.log('Detection: article vs every other page type');
  console.log(`  Sổ tay       ${confusionLine(detection.ours)}`);
  if (!oursOnly) console.log(`  Readability  ${confusionLine(detection.readability)}  (isProbablyReaderable)`);
  console.log('  false positives by page type (Sổ tay / Readability):');
  for (const name of rest) {
    const g = groups.get(name)!;
    console.log(`    ${name.padEnd(14)} ${g.oursFp} / ${oursOnly ? '—' : g.readabilityFp}  of ${g.n}`);
  }
  return timings;
}

async function benchReadabilityCorpus(runner: PageRunner): Promise<Timings> {
  const dir = join(corpusRoot, 'readability');
  const names = readdirSync(dir)
    .filter((name) => !onlyIds && !onlyTypes && existsSync(join(dir, name, 'source.html')))
    .sort()
    .slice(0, limit);
  const detection = { ours: emptyConfusion(), readability: emptyConfusion() };
  const timings = emptyTimings();
  let titleExact = 0;
  let readabilityTitleExact = 0;
  const falsePositives: string[] = [];
  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as {
      title?: string;
      readerable?: boolean;
    };
    let run: PageRun;
    try {
      run = await runner.run(readFileSync(join(dir, name, 'source.html'), 'utf8'), 'http://fakehost/test/page.html');
    } catch (error) {
      process.stderr.write(`${name}: ${String(error)}\n`);
      continue;
    }
    if (run.readabilityTimedOut) process.stderr.write(`${name}: Readability timed out after ${readabilityTimeoutMs / 1000} s\n`);
    const truth = expected.readerable !== false;
    count(detection.ours, run.oursArticle, truth);
    if (run.readability) count(detection.readability, run.readability.readerable, truth);
    if (run.oursArticle && !truth) falsePositives.push(name);
    const norm = (s?: string) => (s ?? '').replace(/\s+/g, ' ').trim();
    if (norm(run.oursTitle) === norm(expected.title)) titleExact++;
    if (norm(run.readability?.title) === norm(expected.title)) readabilityTitleExact++;
    addTimings(timings, name, run);
    if (dumpPath) dump.push(JSON.stringify({ corpus: 'readability', id: name, truth, article: run.oursArticle, title: run.oursTitle, expectedTitle: expected.title, author: run.oursAuthor, published: run.oursPublished, readabilityTimedOut: run.readabilityTimedOut, features: run.features }));
  }
  console.log(`\n## readability/ — ${names.length} pages`);
  if (!oursOnly) console.log(`Readability timed out on ${timings.timedOut.length} page(s)${timings.timedOut.length ? `: ${timings.timedOut.join(', ')}` : ''}`);
  console.log('Detection against `readerable`');
  console.log(`  Sổ tay       ${confusionLine(detection.ours)}${falsePositives.length ? `  false positives: ${falsePositives.join(', ')}` : ''}`);
  if (!oursOnly) console.log(`  Readability  ${confusionLine(detection.readability)}  (isProbablyReaderable)`);
  console.log(`Title equal to Readability's expected title: Sổ tay ${titleExact}/${names.length}, Readability ${oursOnly ? '—' : readabilityTitleExact}/${names.length}`);
  return timings;
}

const startedAll = performance.now();
const runner = new PageRunner();
try {
  const wcxb = await benchWcxb(runner);
  const readability = await benchReadabilityCorpus(runner);
  const oursAll = wcxb.oursAll.concat(readability.oursAll);
  const ours = wcxb.ours.concat(readability.ours);
  const them = wcxb.readability.concat(readability.readability);
  const themParse = wcxb.readabilityParse.concat(readability.readabilityParse);
  const timedOut = wcxb.timedOut.length + readability.timedOut.length;
  console.log(`\n## Speed (linkedom, each page parsed once and read by both tools)`);
  console.log(`  Sổ tay on all ${oursAll.length} pages: median ${fmt(median(oursAll), 2)} ms, p95 ${fmt(p95(oursAll), 2)} ms`);
  if (!oursOnly) {
    console.log(`  side by side on the ${ours.length} pages both finished (${timedOut} page(s) where Readability timed out left out of both):`);
    console.log(`  median ms: Sổ tay ${fmt(median(ours), 2)}, Readability ${fmt(median(them), 2)} (clone + parse), ${fmt(median(themParse), 2)} (parse only)`);
    console.log(`  ratio Sổ tay / Readability: ${fmt(median(ours) / median(them), 2)} (vs clone + parse), ${fmt(median(ours) / median(themParse), 2)} (vs parse only)`);
    console.log(`  p95 ms: Sổ tay ${fmt(p95(ours), 2)}, Readability ${fmt(p95(them), 2)}`);
  }
  console.log(`  bench wall time ${((performance.now() - startedAll) / 1000).toFixed(0)} s`);
} finally {
  runner.close();
}
