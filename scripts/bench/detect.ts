/**
 * npm run bench:detect — is this page an article? Sổ tay's detection against Mozilla Readability's
 * `isProbablyReaderable` on the same parsed pages:
 *   ../shared/corpus/wcxb-dev     article vs every other page type (service, product, collection,
 *                                 listing, forum, documentation), confusion by page type, and every
 *                                 listing or home page taken for an article, by name;
 *   ../shared/corpus/readability  against `readerable`;
 *   tests/fixtures/portals        the government portal fixtures (their expected isArticle).
 * Prints figures; nothing is asserted here.
 *   --limit N        only the first N pages of each corpus
 *   --features FILE  per-page features and truth as JSON lines (to refit DETECTION_WEIGHTS)
 *   --ours-only      skip Readability
 *   --errors         list every page detection gets wrong, with its reasons
 *   --fit FILE       instead of running: fit DETECTION_WEIGHTS again from a --features file — L2
 *                    logistic regression, listing/home pages weighted 4×, Readability's pages 3×,
 *                    hand-set weights kept — and
 *                    print the weights, 5-fold cross-validated accuracy and the bias shift that keeps
 *                    every listing and home page out
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isProbablyReaderable } from '@mozilla/readability';
import { DETECTION_WEIGHTS, type DetectionFeatures } from '../../utils/extract/detect';
import { extractArticle } from '../../utils/extract/index';
import { parseDocument, readHtml } from '../extract';

const projectRoot = resolve(import.meta.dirname, '../..');
const corpusRoot = resolve(projectRoot, '../shared/corpus');
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const limit = option('--limit') ? Number(option('--limit')) : Infinity;
const oursOnly = args.includes('--ours-only');
const listErrors = args.includes('--errors');
const featuresPath = option('--features');
const featureLines: string[] = [];

interface Page {
  corpus: 'wcxb' | 'readability' | 'portals';
  id: string;
  url: string;
  /** wcxb page type; 'article' / 'not-article' elsewhere. */
  type: string;
  truth: boolean;
  /** A listing or a home page: taking one for an article is the error the issue forbids outright. */
  listingOrHome: boolean;
  load: () => string;
}

interface Outcome {
  page: Page;
  ours: boolean;
  confidence: number;
  reasons: string[];
  readerable: boolean;
  ms: number;
}

function wcxbPages(): Page[] {
  const dir = join(corpusRoot, 'wcxb-dev');
  return readdirSync(join(dir, 'ground-truth'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort()
    .slice(0, limit)
    .map((id) => {
      const truth = JSON.parse(readFileSync(join(dir, 'ground-truth', `${id}.json`), 'utf8')) as {
        url: string;
        _internal: { page_type: { primary: string } };
      };
      const type = truth._internal.page_type.primary;
      return {
        corpus: 'wcxb' as const,
        id,
        url: truth.url,
        type,
        truth: type === 'article',
        listingOrHome: type === 'listing' || isHomeUrl(truth.url),
        load: () => readHtml(join(dir, 'html', `${id}.html.gz`)),
      };
    });
}

function isHomeUrl(url: string): boolean {
  try {
    return new URL(url).pathname.replace(/\/+$/, '') === '';
  } catch {
    return false;
  }
}

function readabilityPages(): Page[] {
  const dir = join(corpusRoot, 'readability');
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'source.html')))
    .sort()
    .slice(0, limit)
    .map((name) => {
      const expected = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as { readerable?: boolean };
      const truth = expected.readerable !== false;
      return {
        corpus: 'readability' as const,
        id: name,
        url: 'http://fakehost/test/page.html',
        type: truth ? 'article' : 'not-article',
        truth,
        listingOrHome: false,
        load: () => readFileSync(join(dir, name, 'source.html'), 'utf8'),
      };
    });
}

function portalPages(): Page[] {
  const dir = join(projectRoot, 'tests/fixtures/portals');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.expected\.json$/, '');
      const expected = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { url: string; isArticle: boolean };
      return {
        corpus: 'portals' as const,
        id: name,
        url: expected.url,
        type: expected.isArticle ? 'article' : 'not-article',
        truth: expected.isArticle,
        listingOrHome: /listing|category|home/.test(name),
        load: () => readFileSync(join(dir, `${name}.html`), 'utf8'),
      };
    });
}

function run(page: Page): Outcome | undefined {
  let html: string;
  try {
    html = page.load();
  } catch (error) {
    process.stderr.write(`${page.corpus}/${page.id}: unreadable: ${String(error)}\n`);
    return undefined;
  }
  const doc = parseDocument(html);
  const started = performance.now();
  const result = extractArticle(doc, page.url);
  const ms = performance.now() - started;
  const readerable = oursOnly ? false : isProbablyReaderable(doc);
  if (featuresPath) {
    featureLines.push(JSON.stringify({ corpus: page.corpus, id: page.id, type: page.type, truth: page.truth, listingOrHome: page.listingOrHome, url: page.url, ours: result.isArticle, features: result.features }));
  }
  return { page, ours: result.isArticle, confidence: result.confidence, reasons: result.reasons, readerable, ms };
}

interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}
function confusion(outcomes: Outcome[], predicted: (o: Outcome) => boolean): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const o of outcomes) {
    const p = predicted(o);
    if (p && o.page.truth) c.tp++;
    else if (p) c.fp++;
    else if (o.page.truth) c.fn++;
    else c.tn++;
  }
  return c;
}
const fmt = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
function line(c: Confusion): string {
  const accuracy = (c.tp + c.tn) / (c.tp + c.fp + c.tn + c.fn);
  return `accuracy ${fmt(accuracy, 4)} (${c.fp + c.fn} wrong)  precision ${fmt(c.tp / (c.tp + c.fp))}  recall ${fmt(c.tp / (c.tp + c.fn))}  (tp ${c.tp} fp ${c.fp} tn ${c.tn} fn ${c.fn})`;
}

function report(title: string, outcomes: Outcome[], byType: boolean) {
  console.log(`\n## ${title} — ${outcomes.length} pages`);
  console.log(`  Sổ tay       ${line(confusion(outcomes, (o) => o.ours))}`);
  if (!oursOnly) console.log(`  Readability  ${line(confusion(outcomes, (o) => o.readerable))}  (isProbablyReaderable)`);
  if (byType) {
    const types = [...new Set(outcomes.map((o) => o.page.type))].sort();
    console.log('  taken for an article, by page type (Sổ tay / Readability):');
    for (const type of types) {
      const ofType = outcomes.filter((o) => o.page.type === type);
      const ours = ofType.filter((o) => o.ours).length;
      const theirs = ofType.filter((o) => o.readerable).length;
      console.log(`    ${type.padEnd(14)} ${String(ours).padStart(4)} / ${oursOnly ? '—' : String(theirs).padStart(4)}  of ${ofType.length}`);
    }
  }
  const forbidden = outcomes.filter((o) => o.page.listingOrHome && o.ours);
  console.log(`  listing or home pages taken for an article: ${forbidden.length}`);
  for (const o of forbidden) console.log(`    ${o.page.id} ${o.page.type} ${o.page.url}  (${o.confidence}: ${o.reasons.slice(0, 4).join('; ')})`);
  if (listErrors) {
    for (const o of outcomes.filter((x) => x.ours !== x.page.truth)) {
      console.log(`    ${o.ours ? 'FP' : 'FN'} ${o.page.id} ${o.page.type} ${o.page.url}  (${o.confidence}: ${o.reasons.slice(0, 5).join('; ')})`);
    }
  }
}

/** Weights the corpora cannot teach (no portal pages in them) or that encode a rule; kept as they are. */
const HAND_SET: Array<keyof DetectionFeatures> = ['homeUrl', 'teaserGrid', 'profileArticleUrl', 'profileWithoutBody'];

interface FeatureRow {
  corpus: string;
  truth: boolean;
  listingOrHome: boolean;
  features?: DetectionFeatures;
}

/** Solve A x = b by Gaussian elimination with partial pivoting (A is small: one row per feature). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const d = m[col]![col]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / d;
      if (f !== 0) for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/** Newton's method on standardised features; returns raw-unit weights and bias. */
function fitLogistic(x: number[][], y: number[], weight: number[], offset: number[], lambda = 1): { w: number[]; bias: number } {
  const k = x[0]!.length;
  const mean = Array.from({ length: k }, (_, j) => x.reduce((s, row) => s + row[j]!, 0) / x.length);
  const sd = mean.map((mu, j) => Math.sqrt(x.reduce((s, row) => s + (row[j]! - mu) ** 2, 0) / x.length) || 1);
  const z = x.map((row) => [...row.map((v, j) => (v - mean[j]!) / sd[j]!), 1]);
  let beta = new Array(k + 1).fill(0) as number[];
  for (let iteration = 0; iteration < 30; iteration++) {
    const gradient = new Array(k + 1).fill(0) as number[];
    const hessian = Array.from({ length: k + 1 }, () => new Array(k + 1).fill(0) as number[]);
    z.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-(row.reduce((s, v, j) => s + v * beta[j]!, 0) + offset[i]!)));
      const g = weight[i]! * (p - y[i]!);
      const h = weight[i]! * p * (1 - p);
      for (let a = 0; a <= k; a++) {
        gradient[a]! += g * row[a]!;
        for (let b = a; b <= k; b++) hessian[a]![b]! += h * row[a]! * row[b]!;
      }
    });
    for (let a = 0; a <= k; a++) for (let b = 0; b < a; b++) hessian[a]![b] = hessian[b]![a]!;
    for (let a = 0; a < k; a++) {
      gradient[a]! += lambda * beta[a]!;
      hessian[a]![a]! += lambda;
    }
    const step = solve(hessian, gradient);
    beta = beta.map((v, j) => v - step[j]!);
  }
  const w = beta.slice(0, k).map((v, j) => v / sd[j]!);
  const bias = beta[k]! - beta.slice(0, k).reduce((s, v, j) => s + (v * mean[j]!) / sd[j]!, 0);
  return { w, bias };
}

function refit(path: string) {
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FeatureRow)
    .filter((row): row is FeatureRow & { features: DetectionFeatures } => Boolean(row.features) && row.corpus !== 'portals');
  const names = (Object.keys(DETECTION_WEIGHTS) as Array<keyof DetectionFeatures>).filter((name) => !HAND_SET.includes(name));
  const x = rows.map((row) => names.map((name) => Number(row.features[name] ?? 0)));
  const y = rows.map((row) => (row.truth ? 1 : 0));
  // Readability's pages all share one placeholder URL, so only their content speaks: weighted 3× so
  // that the 130 of them are not drowned by wcxb's 1,497 pages, whose URLs say a lot.
  const weight = rows.map((row) => (row.listingOrHome ? 4 : 1) * (row.corpus === 'readability' ? 3 : 1));
  const offset = rows.map((row) => HAND_SET.reduce((s, name) => s + DETECTION_WEIGHTS[name] * Number(row.features[name] ?? 0), 0));
  const score = (model: { w: number[]; bias: number }, i: number) => x[i]!.reduce((s, v, j) => s + v * model.w[j]!, model.bias) + offset[i]!;
  const full = fitLogistic(x, y, weight, offset);
  const fold = rows.map((_, i) => i % 5);
  const crossScores = new Array(rows.length).fill(0) as number[];
  for (let f = 0; f < 5; f++) {
    const train = rows.map((_, i) => i).filter((i) => fold[i] !== f);
    const model = fitLogistic(train.map((i) => x[i]!), train.map((i) => y[i]!), train.map((i) => weight[i]!), train.map((i) => offset[i]!));
    rows.forEach((_, i) => {
      if (fold[i] === f) crossScores[i] = score(model, i);
    });
  }
  const fittedScores = rows.map((_, i) => score(full, i));
  // The smallest shift that keeps every listing and home page below the threshold.
  const worst = Math.max(0, ...rows.map((row, i) => (row.listingOrHome && !row.truth ? fittedScores[i]! : -Infinity)));
  const shift = -Math.ceil(worst * 20 + 1e-9) / 20;
  console.log('weights (raw units):');
  for (const [j, name] of names.entries()) console.log(`  ${name}: ${Number(full.w[j]!.toPrecision(3))},`);
  console.log(`fitted bias ${full.bias.toFixed(2)}; shift ${shift.toFixed(2)} keeps every listing/home page out -> bias ${(full.bias + shift).toFixed(2)}`);
  for (const [label, scores, move] of [['fitted', fittedScores, shift], ['5-fold cross-validated', crossScores, shift]] as const) {
    for (const corpus of ['wcxb', 'readability']) {
      const idx = rows.map((_, i) => i).filter((i) => rows[i]!.corpus === corpus);
      const right = idx.filter((i) => scores[i]! + move >= 0 === rows[i]!.truth).length;
      const listing = idx.filter((i) => rows[i]!.listingOrHome && !rows[i]!.truth && scores[i]! + move >= 0).length;
      console.log(`  ${label.padEnd(24)} ${corpus.padEnd(12)} accuracy ${fmt(right / idx.length)}  listing/home taken ${listing}`);
    }
  }
}

const fitPath = option('--fit');
if (fitPath) {
  refit(fitPath);
  process.exit(0);
}

const startedAll = performance.now();
const all: Outcome[] = [];
for (const [title, pages, byType] of [
  ['wcxb-dev: article vs every other page type', wcxbPages(), true],
  ['readability/: against `readerable`', readabilityPages(), false],
  ['tests/fixtures/portals: government portal fixtures', portalPages(), false],
] as const) {
  const outcomes: Outcome[] = [];
  for (const [index, page] of pages.entries()) {
    if (index % 250 === 0 && index > 0) process.stderr.write(`${page.corpus} ${index}/${pages.length}\n`);
    const outcome = run(page);
    if (outcome) outcomes.push(outcome);
  }
  report(title, outcomes, byType);
  all.push(...outcomes);
}
const times = all.map((o) => o.ms).sort((a, b) => a - b);
console.log(`\nmedian detection + extraction ${fmt(times[times.length >> 1] ?? NaN, 1)} ms per page; wall time ${((performance.now() - startedAll) / 1000).toFixed(0)} s`);
if (featuresPath) writeFileSync(featuresPath, `${featureLines.join('\n')}\n`);
