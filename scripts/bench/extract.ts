/**
 * npm run bench:extract — Sổ tay's extractor against Mozilla Readability 0.6 on the same parsed pages:
 * ../shared/corpus/wcxb-dev (Word F1, detection by page type) and ../shared/corpus/readability
 * (detection against `readerable`). Prints figures; nothing is asserted here.
 *   --limit N      only the first N pages of each corpus
 *   --dump FILE    per-page results as JSON lines (for looking at failures)
 *   --ours-only    skip Readability (quick tuning runs; no comparison printed)
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { extractArticle } from '../../utils/extract/index';
import { parseDocument, readHtml } from '../extract';
import { wordF1 as sharedWordF1 } from '../../tests/helpers/wordF1';

const corpusRoot = resolve(import.meta.dirname, '../../../shared/corpus');
const args = process.argv.slice(2);
const limit = args.includes('--limit') ? Number(args[args.indexOf('--limit') + 1]) : Infinity;
const oursOnly = args.includes('--ours-only');
const dumpPath = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : undefined;
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
const fmt = (value: number, digits = 3) => (Number.isNaN(value) ? '—' : value.toFixed(digits));
/** Readability's figure, or a dash when it was skipped (--ours-only). */
const theirs = (value: number, digits = 3) => (oursOnly ? '—' : fmt(value, digits));

interface PageRun {
  oursText: string;
  oursArticle: boolean;
  oursMs: number;
  readabilityText: string;
  readabilityReaderable: boolean;
  /** Readability on a clone of the document, clone included (what a live page needs). */
  readabilityMs: number;
  /** Readability's parse alone, on an already cloned document. */
  readabilityParseMs: number;
  readabilityTitle?: string;
  oursTitle: string;
  oursAuthor?: string;
  oursPublished?: string;
  features?: unknown;
}

function runPage(html: string, url: string): PageRun {
  const doc = parseDocument(html);
  // linkedom has no notion of the page URL; Readability reads documentURI/baseURI for links only.
  const started = performance.now();
  const ours = extractArticle(doc, url);
  const oursMs = performance.now() - started;

  if (oursOnly) {
    return { oursText: ours.text, oursArticle: ours.isArticle, oursMs, readabilityText: '', readabilityReaderable: false, readabilityMs: NaN, readabilityParseMs: NaN, oursTitle: ours.meta.title, features: ours.features };
  }
  const readerable = isProbablyReaderable(doc);
  const cloneStarted = performance.now();
  const clone = doc.cloneNode(true) as Document;
  const parseStarted = performance.now();
  let readabilityText = '';
  let readabilityTitle: string | undefined;
  try {
    const article = new Readability(clone).parse();
    readabilityText = article?.textContent ?? '';
    readabilityTitle = article?.title ?? undefined;
  } catch {
    readabilityText = '';
  }
  const ended = performance.now();
  return {
    oursText: ours.text,
    oursArticle: ours.isArticle,
    oursMs,
    readabilityText,
    readabilityReaderable: readerable,
    readabilityMs: ended - cloneStarted,
    readabilityParseMs: ended - parseStarted,
    readabilityTitle,
    oursTitle: ours.meta.title,
    oursAuthor: ours.meta.author,
    oursPublished: ours.meta.published,
    features: ours.features,
  };
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
  return `accuracy ${fmt(accuracy)}  precision ${fmt(precision)}  recall ${fmt(recall)}  (tp ${c.tp} fp ${c.fp} tn ${c.tn} fn ${c.fn})`;
}

function benchWcxb() {
  const dir = join(corpusRoot, 'wcxb-dev');
  const ids = readdirSync(join(dir, 'ground-truth'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort()
    .slice(0, limit);
  const f1 = { ours: [] as number[], readability: [] as number[] };
  const f1Articles = { ours: [] as number[], readability: [] as number[] };
  const f1Gov = { ours: [] as number[], readability: [] as number[] };
  const byType = new Map<string, { ours: number[]; readability: number[]; oursFp: number; readabilityFp: number; n: number }>();
  const detection = { ours: emptyConfusion(), readability: emptyConfusion() };
  const ms = { ours: [] as number[], readability: [] as number[], readabilityParse: [] as number[] };
  let failures = 0;
  for (const id of ids) {
    const truth = JSON.parse(readFileSync(join(dir, 'ground-truth', `${id}.json`), 'utf8')) as {
      url: string;
      ground_truth: { main_content: string; title?: string };
      _internal: { page_type: { primary: string } };
    };
    const type = truth._internal.page_type.primary;
    if (ids.indexOf(id) % 100 === 0) process.stderr.write(`wcxb ${id}\n`);
    let run: PageRun;
    try {
      run = runPage(readHtml(join(dir, 'html', `${id}.html.gz`)), truth.url);
    } catch (error) {
      failures++;
      process.stderr.write(`${id}: ${String(error)}\n`);
      continue;
    }
    const ours = wordF1(run.oursText, truth.ground_truth.main_content);
    const theirs = wordF1(run.readabilityText, truth.ground_truth.main_content);
    f1.ours.push(ours);
    f1.readability.push(theirs);
    if (type === 'article') {
      f1Articles.ours.push(ours);
      f1Articles.readability.push(theirs);
    }
    let host = '';
    try {
      host = new URL(truth.url).hostname;
    } catch {
      /* keep empty */
    }
    if (/\.gov(\.uk|\.au)?$/.test(host)) {
      f1Gov.ours.push(ours);
      f1Gov.readability.push(theirs);
    }
    const t = byType.get(type) ?? { ours: [], readability: [], oursFp: 0, readabilityFp: 0, n: 0 };
    t.ours.push(ours);
    t.readability.push(theirs);
    t.n++;
    if (type !== 'article' && run.oursArticle) t.oursFp++;
    if (type !== 'article' && run.readabilityReaderable) t.readabilityFp++;
    byType.set(type, t);
    count(detection.ours, run.oursArticle, type === 'article');
    count(detection.readability, run.readabilityReaderable, type === 'article');
    ms.ours.push(run.oursMs);
    ms.readability.push(run.readabilityMs);
    ms.readabilityParse.push(run.readabilityParseMs);
    if (dumpPath) dump.push(JSON.stringify({ corpus: 'wcxb', id, type, url: truth.url, f1: ours, rf1: theirs, article: run.oursArticle, title: run.oursTitle, truthTitle: truth.ground_truth.title, ms: run.oursMs, rms: run.readabilityParseMs, readerable: run.readabilityReaderable, features: run.features }));
  }

  console.log(`\n## wcxb-dev — ${ids.length} pages${failures ? `, ${failures} unreadable` : ''}`);
  console.log('Word F1 (mean per page)          Sổ tay   Readability');
  console.log(`  all pages (${f1.ours.length})`.padEnd(33) + `${fmt(mean(f1.ours))}    ${theirs(mean(f1.readability))}`);
  console.log(`  articles (${f1Articles.ours.length})`.padEnd(33) + `${fmt(mean(f1Articles.ours))}    ${theirs(mean(f1Articles.readability))}`);
  console.log(`  government .gov/.gov.uk/.gov.au (${f1Gov.ours.length})`.padEnd(33) + `${fmt(mean(f1Gov.ours))}    ${theirs(mean(f1Gov.readability))}`);
  for (const [type, t] of [...byType].sort((a, b) => b[1].n - a[1].n)) {
    console.log(`  ${type} (${t.n})`.padEnd(33) + `${fmt(mean(t.ours))}    ${theirs(mean(t.readability))}`);
  }
  console.log('Detection: article vs every other page type');
  console.log(`  Sổ tay       ${confusionLine(detection.ours)}`);
  if (!oursOnly) console.log(`  Readability  ${confusionLine(detection.readability)}  (isProbablyReaderable)`);
  console.log('  false positives by page type (Sổ tay / Readability):');
  for (const [type, t] of byType) if (type !== 'article') console.log(`    ${type.padEnd(14)} ${t.oursFp} / ${oursOnly ? '—' : t.readabilityFp}  of ${t.n}`);
  return ms;
}

function benchReadabilityCorpus() {
  const dir = join(corpusRoot, 'readability');
  const names = readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'source.html')))
    .sort()
    .slice(0, limit);
  const detection = { ours: emptyConfusion(), readability: emptyConfusion() };
  const ms = { ours: [] as number[], readability: [] as number[], readabilityParse: [] as number[] };
  let titleExact = 0;
  let readabilityTitleExact = 0;
  const falsePositives: string[] = [];
  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as {
      title?: string;
      readerable?: boolean;
    };
    const run = runPage(readFileSync(join(dir, name, 'source.html'), 'utf8'), 'http://fakehost/test/page.html');
    const truth = expected.readerable !== false;
    count(detection.ours, run.oursArticle, truth);
    count(detection.readability, run.readabilityReaderable, truth);
    if (run.oursArticle && !truth) falsePositives.push(name);
    const norm = (s?: string) => (s ?? '').replace(/\s+/g, ' ').trim();
    if (norm(run.oursTitle) === norm(expected.title)) titleExact++;
    if (norm(run.readabilityTitle) === norm(expected.title)) readabilityTitleExact++;
    ms.ours.push(run.oursMs);
    ms.readability.push(run.readabilityMs);
    ms.readabilityParse.push(run.readabilityParseMs);
    if (dumpPath) dump.push(JSON.stringify({ corpus: 'readability', id: name, truth, article: run.oursArticle, title: run.oursTitle, expectedTitle: expected.title, features: run.features }));
  }
  console.log(`\n## readability/ — ${names.length} pages`);
  console.log('Detection against `readerable`');
  console.log(`  Sổ tay       ${confusionLine(detection.ours)}${falsePositives.length ? `  false positives: ${falsePositives.join(', ')}` : ''}`);
  if (!oursOnly) console.log(`  Readability  ${confusionLine(detection.readability)}  (isProbablyReaderable)`);
  console.log(`Title equal to Readability's expected title: Sổ tay ${titleExact}/${names.length}, Readability ${oursOnly ? '—' : readabilityTitleExact}/${names.length}`);
  return ms;
}

const startedAll = performance.now();
const wcxbMs = benchWcxb();
const readabilityMs = benchReadabilityCorpus();
const allOurs = wcxbMs.ours.concat(readabilityMs.ours);
const allTheirs = wcxbMs.readability.concat(readabilityMs.readability);
const allTheirsParse = wcxbMs.readabilityParse.concat(readabilityMs.readabilityParse);
console.log(`\n## Speed (same parsed pages, linkedom, ${allOurs.length} pages)`);
console.log(`  median ms: Sổ tay ${fmt(median(allOurs), 2)}, Readability ${fmt(median(allTheirs), 2)} (clone + parse), ${fmt(median(allTheirsParse), 2)} (parse only)`);
console.log(`  ratio Sổ tay / Readability: ${fmt(median(allOurs) / median(allTheirs), 2)} (vs clone + parse), ${fmt(median(allOurs) / median(allTheirsParse), 2)} (vs parse only)`);
console.log(`  p95 ms: Sổ tay ${fmt(allOurs.sort((a, b) => a - b)[Math.floor(allOurs.length * 0.95)] ?? NaN, 2)}, Readability ${fmt(allTheirs.sort((a, b) => a - b)[Math.floor(allTheirs.length * 0.95)] ?? NaN, 2)}`);
console.log(`  bench wall time ${((performance.now() - startedAll) / 1000).toFixed(0)} s`);
