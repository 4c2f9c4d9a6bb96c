/**
 * A/B timing of extractArticle from two copies of utils/ (e.g. an archive of main's and a snapshot of
 * this tree's), on the same pages in one process. Each call gets a freshly parsed document, as in
 * bench:extract; the order alternates page by page; per page the faster of `rounds` calls counts.
 *   tsx scripts/bench/ab-speed.ts A-utils B-utils [--limit N] [--rounds R] [--check]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument, readHtml } from '../extract';

type Extract = typeof import('../../utils/extract/index').extractArticle;
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const limit = Number(option('--limit') ?? Infinity);
const rounds = Number(option('--rounds') ?? 1);
const check = args.includes('--check');
const load = async (dir: string) => ((await import(resolve(dir, 'extract/index.ts'))) as { extractArticle: Extract }).extractArticle;
const A = await load(args[0]!);
const B = await load(args[1]!);

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');
const pages: { html: string; url: string; id: string }[] = [];
const wdir = join(corpus, 'wcxb-dev/html');
for (const f of readdirSync(wdir).sort().slice(0, limit)) {
  const id = f.replace(/\.html\.gz$/, '');
  const { url } = JSON.parse(readFileSync(join(corpus, 'wcxb-dev/ground-truth', `${id}.json`), 'utf8')) as { url: string };
  pages.push({ html: readHtml(join(wdir, f)), url, id });
}
const rdir = join(corpus, 'readability');
for (const d of readdirSync(rdir).sort().filter((d) => existsSync(join(rdir, d, 'source.html'))).slice(0, limit))
  pages.push({ html: readHtml(join(rdir, d, 'source.html')), url: 'http://fakehost/test/page.html', id: d });

const median = (v: number[]) => [...v].sort((x, y) => x - y)[v.length >> 1]!;
const sum = (v: number[]) => v.reduce((x, y) => x + y, 0);
const a: number[] = [];
const b: number[] = [];
const ratios: number[] = [];
let differ = 0;
for (const page of pages.slice(0, 30)) for (const fn of [A, B]) fn(parseDocument(page.html), page.url);
for (const [i, page] of pages.entries()) {
  let bestA = Infinity;
  let bestB = Infinity;
  const results: string[] = [];
  for (let r = 0; r < rounds; r++) {
    const docs = [parseDocument(page.html), parseDocument(page.html)];
    const order = (i + r) % 2 ? [A, B] : [B, A];
    for (const [k, fn] of order.entries()) {
      const t = performance.now();
      const res = fn(docs[k]!, page.url);
      const ms = performance.now() - t;
      if (fn === A) bestA = Math.min(bestA, ms);
      else bestB = Math.min(bestB, ms);
      if (check && r === 0) results[fn === A ? 0 : 1] = JSON.stringify([res.text, res.isArticle, res.meta.title, res.meta.author, res.meta.published]);
    }
  }
  a.push(bestA);
  b.push(bestB);
  ratios.push(bestA / bestB);
  if (check && results[0] !== results[1]) {
    differ++;
    console.log('DIFF', page.id);
  }
}
console.log(
  `${pages.length} pages, best of ${rounds}: median A ${median(a).toFixed(2)} B ${median(b).toFixed(2)} ratio of medians ${(median(a) / median(b)).toFixed(3)}; ` +
    `median per-page ratio ${median(ratios).toFixed(3)}; total ratio ${(sum(a) / sum(b)).toFixed(3)}${check ? `; ${differ} differ` : ''}`,
);
