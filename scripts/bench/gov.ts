/**
 * The government pages of wcxb-dev (hosts ending .gov, .gov.uk, .gov.au), page by page, against what
 * issue #3 asks of each: title and date exact, author where the page names one, Word F1 ≥ 0.98, no
 * PORTALS.md §4 boilerplate phrase in the text.
 *   npm run --silent bench:gov               one row per page, then the counts
 *   npm run --silent bench:gov -- --words    and, under each page below 0.98, the words missed / added most
 *   npm run --silent bench:gov -- --ids 0074,4055
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BOILERPLATE_PHRASES, extractArticle } from '../../utils/extract/index';
import { wordF1, wordTokens } from '../../tests/helpers/wordF1';
import { parseDocument, readHtml } from '../extract';

const dir = resolve(import.meta.dirname, '../../../shared/corpus/wcxb-dev');
const args = process.argv.slice(2);
const showWords = args.includes('--words');
const onlyIds = args.includes('--ids') ? args[args.indexOf('--ids') + 1]!.split(',') : undefined;
const TARGET = 0.98;

interface Truth {
  url?: string;
  ground_truth: { title?: string | null; author?: string | null; publish_date?: string | null; main_content: string };
  _internal: { page_type: { primary: string } };
}

const norm = (s?: string | null) => (s ?? '').normalize('NFC').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

/** Words of `a` not matched in `b` (multiset difference), most frequent first. */
function missing(a: string[], b: string[], n = 12): string {
  const left = new Map<string, number>();
  for (const t of b) left.set(t, (left.get(t) ?? 0) + 1);
  const out = new Map<string, number>();
  for (const t of a) {
    const k = left.get(t) ?? 0;
    if (k > 0) left.set(t, k - 1);
    else out.set(t, (out.get(t) ?? 0) + 1);
  }
  const total = [...out.values()].reduce((x, y) => x + y, 0);
  const top = [...out.entries()].sort((x, y) => y[1] - x[1]).slice(0, n).map(([t, c]) => (c > 1 ? `${t}×${c}` : t));
  return `${total} words: ${top.join(' ')}`;
}

const ids = readdirSync(join(dir, 'ground-truth'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();
const counts = { pages: 0, f1: 0, date: 0, title: 0, author: 0, authorNamed: 0, boilerplate: 0, detected: 0, sum: 0 };
for (const id of ids) {
  if (onlyIds && !onlyIds.includes(id)) continue;
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth', `${id}.json`), 'utf8')) as Truth;
  let host = '';
  try {
    host = new URL(truth.url ?? '').hostname;
  } catch {
    continue;
  }
  if (!/\.gov(\.uk|\.au)?$/.test(host)) continue;
  const result = extractArticle(parseDocument(readHtml(join(dir, 'html', `${id}.html.gz`))), truth.url!);
  const gt = truth.ground_truth;
  const f1 = wordF1(result.text, gt.main_content).f1;
  const type = truth._internal.page_type.primary;
  const dateOk = (result.meta.published?.slice(0, 10) ?? null) === (gt.publish_date?.slice(0, 10) ?? null);
  const titleOk = norm(result.meta.title) === norm(gt.title);
  const authorNamed = !!gt.author;
  const authorOk = authorNamed ? norm(result.meta.author).toLowerCase().includes(norm(gt.author).toLowerCase()) : !result.meta.author;
  const phrases = BOILERPLATE_PHRASES.filter((p) => result.text.includes(p));
  counts.pages++;
  counts.sum += f1;
  if (f1 >= TARGET) counts.f1++;
  if (dateOk) counts.date++;
  if (titleOk) counts.title++;
  if (authorOk) counts.author++;
  if (authorNamed) counts.authorNamed++;
  if (phrases.length) counts.boilerplate++;
  if (result.isArticle === (type === 'article')) counts.detected++;
  const mark = (ok: boolean) => (ok ? 'ok' : 'NO');
  console.log(
    `${id} ${type.padEnd(13)} art ${result.isArticle ? 'y' : 'n'} F1 ${f1.toFixed(3)}${f1 >= TARGET ? ' ' : '*'} ` +
      `date ${mark(dateOk)} ${result.meta.published?.slice(0, 10) ?? '—'} / ${gt.publish_date ?? '—'}  ` +
      `title ${mark(titleOk)}  author ${mark(authorOk)} ${result.meta.author ?? '—'} / ${gt.author ?? '—'}` +
      (phrases.length ? `  BOILERPLATE ${phrases.join(', ')}` : ''),
  );
  if (!titleOk) console.log(`     title: ${JSON.stringify(result.meta.title)} / ${JSON.stringify(gt.title)}`);
  if (showWords && f1 < TARGET) {
    const ours = wordTokens(result.text);
    const theirs = wordTokens(gt.main_content);
    console.log(`     missed ${missing(theirs, ours)}`);
    console.log(`     added  ${missing(ours, theirs)}`);
  }
}
console.log(
  `\n${counts.pages} pages: F1 ≥ ${TARGET} on ${counts.f1}, mean ${(counts.sum / counts.pages).toFixed(3)}; date (day) equal ${counts.date}; ` +
    `title ${counts.title}; author ${counts.author} (truth names one on ${counts.authorNamed}); ` +
    `boilerplate phrase in text ${counts.boilerplate}; detection right ${counts.detected}`,
);
