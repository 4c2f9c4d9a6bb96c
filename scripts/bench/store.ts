/**
 * `npm run bench:store` — the annotation store in Chromium, figures for BENCHMARKS.md "## Store".
 * Bundles scripts/bench/store/page.ts (the real utils/db modules) with esbuild, serves it on 127.0.0.1,
 * and drives headless /usr/bin/chromium through playwright-core. For 1,000 annotations over 100 articles
 * and 100,000 over 10,000 articles (500 tags in the large library, 20 in the small one so a tag's first
 * page is as full in both), it prints: one article's and one tag's lookup (median of repeats) and the
 * ratio large/small, the first page of library text searches, and a full backup export and import with
 * time and peak JS heap (CDP Performance.getMetrics, sampled every 20 ms).
 * Lookups are also measured alternating between the two libraries (both stay open), median and quartiles
 * of each and of the per-round ratio, so a change in the machine's load hits both sizes alike.
 * Options: --large N (annotations, default 100000), --repeats N (default 30), --skip-backup;
 * --profile DIR keeps the Chromium profile in DIR and reuses a library already filled there (the fill of
 * 100,000 takes minutes), --only-search measures text search only, --page FILE bundles another page
 * module instead of store/page.ts (e.g. one importing an older utils/db, to compare before and after on
 * the same profile); --port N serves the page on that port (IndexedDB belongs to the origin, port
 * included, so a kept profile is found again only on the same port: 41727 by default with --profile).
 */
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { foldForSearch } from '../../utils/text/fold';

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const largeCount = argument('large', 100_000);
const keptProfile = option('profile');
const onlySearch = process.argv.includes('--only-search');
const pageModule = option('page') ?? 'scripts/bench/store/page.ts';
const port = argument('port', keptProfile ? 41_727 : 0);
const repeats = argument('repeats', 30);
const corpus = readFileSync(join(process.cwd(), '..', 'shared', 'seed-article.txt'), 'utf8');

type Bench = Record<string, (...args: unknown[]) => Promise<any>>;
interface Stat {
  median: number;
  p25: number;
  p75: number;
}
const fmt = (s: Stat) => `${s.median.toFixed(2)} ms (quartiles ${s.p25.toFixed(2)}–${s.p75.toFixed(2)})`;

async function call<T = any>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([fn, args]) => ((globalThis as unknown as { storeBench: Bench }).storeBench[fn as string]!)(...(args as unknown[])), [fn, args] as const);
}

/** Peak JS heap while `work` runs, sampled from outside the page so a busy page cannot skip samples. */
async function withPeakHeap<T>(cdp: CDPSession, work: () => Promise<T>): Promise<{ value: T; baseMb: number; peakMb: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
  };
  const baseMb = await heap();
  let peakMb = baseMb;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakMb = Math.max(peakMb, await heap());
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const value = await work();
  sampling = false;
  await sampler;
  peakMb = Math.max(peakMb, await heap());
  return { value, baseMb, peakMb };
}

/** Query words by how common they are in the corpus the library is cut from. */
function queryWords(): { label: string; text: string }[] {
  const counts = new Map<string, number>();
  for (const word of foldForSearch(corpus).split(/[^\p{L}\p{N}]+/u)) if (word.length > 1) counts.set(word, (counts.get(word) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const at = (rank: number) => ranked[Math.min(rank, ranked.length - 1)]![0];
  return [
    { label: '"hoc tap" (common phrase, typed without marks)', text: 'hoc tap' },
    { label: '"hoc ta" (typing, last word a prefix)', text: 'hoc ta' },
    { label: `"${at(0)}" (most common word)`, text: at(0) },
    { label: `"${at(60)}" (rank 60)`, text: at(60) },
    { label: `"${at(200)}" (rank 200)`, text: at(200) },
    { label: `"${ranked[ranked.length - 1]![0]}" (rarest word)`, text: ranked[ranked.length - 1]![0] },
    { label: '"dang" + one tag', text: 'dang' },
    { label: 'no words + one tag (the tag filter alone)', text: '' },
    { label: '"khongcotu" (no match)', text: 'khongcotu' },
  ];
}

async function main() {
  const bundle = await build({
    entryPoints: [resolve(pageModule)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    minify: false,
  });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    if (req.url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><meta charset="utf-8"><title>store bench</title><script type="module" src="/page.js"></script>');
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const args = ['--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  // A persistent profile, so IndexedDB is on disk as for a user (an incognito context keeps it in memory).
  const profile = keptProfile ? resolve(keptProfile) : mkdtempSync(join(tmpdir(), 'sotay-store-bench-'));
  if (keptProfile) mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args });
  const version = context.browser()?.version() ?? (await context.newCDPSession(context.pages()[0] ?? (await context.newPage()))).send('Browser.getVersion').then((v) => v.product);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30 * 60_000);
    await page.goto(origin);
    await page.waitForFunction(() => document.title === 'store bench ready');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    const sizes = [
      { label: 'small', annotations: 1_000, articles: 100, tags: 20 },
      { label: 'large', annotations: largeCount, articles: largeCount / 10, tags: 500 },
    ];
    // Each figure is printed as soon as it is measured: the large fill alone takes minutes here.
    let smallLookups: { byArticleMs: number; byTagMs: number } | undefined;
    for (const size of sizes) {
      const dbName = `bench-${size.label}`;
      console.log(`\n## ${size.annotations.toLocaleString('en')} annotations, ${size.articles.toLocaleString('en')} articles, ${size.tags} tags`);
      const fill = await call(page, 'fill', { dbName, articles: size.articles, annotations: size.annotations, tags: size.tags, corpus, seed: 20261127, reuse: keptProfile !== undefined });
      console.log(`${fill.reused ? 'kept library' : 'fill'} ${(fill.ms / 1000).toFixed(1)} s; stored ${JSON.stringify(await call(page, 'counts'))}`);
      if (!onlySearch) {
        const lookups = await call(page, 'lookups', repeats);
        console.log(`one article's annotations (page order): ${lookups.byArticleMs.toFixed(2)} ms median (${lookups.byArticleSize} items)`);
        console.log(`one tag's first page (50, newest first): ${lookups.byTagMs.toFixed(2)} ms median (${lookups.byTagSize} items)`);
        if (smallLookups) {
          console.log(
            `ratio to 1,000 (target ≤ 2×): article lookup ${(lookups.byArticleMs / smallLookups.byArticleMs).toFixed(2)}×, ` +
              `tag lookup ${(lookups.byTagMs / smallLookups.byTagMs).toFixed(2)}×`,
          );
        }
        smallLookups ??= lookups;
      }
      const tag = await call<string>(page, 'sampleTag');
      for (const q of queryWords()) {
        const extra = q.label.includes('+ one tag') ? { tags: [tag] } : {};
        const s = await call(page, 'search', q.text, repeats, extra);
        console.log(`search ${q.label}: first page ${s.ms.toFixed(1)} ms median, ${s.results} results${s.more ? ' (+ more)' : ''}`);
      }
      console.log(`raw reads: ${JSON.stringify(await call(page, 'rawCosts', 'phat', tag))}`);
      if (onlySearch) continue;
      if (size.label === 'large') {
        const rounds = Math.max(repeats, 41);
        const both = await call(page, 'lookupsInterleaved', 'bench-small', dbName, rounds);
        const line = (what: string, r: { small: Stat; large: Stat; ratio: Stat }) =>
          `${what}: 1,000 ${fmt(r.small)}; ${size.annotations.toLocaleString('en')} ${fmt(r.large)}; ratio per round ${r.ratio.median.toFixed(2)}× (quartiles ${r.ratio.p25.toFixed(2)}–${r.ratio.p75.toFixed(2)}×)`;
        console.log(`lookups interleaved, ${rounds} rounds (target ≤ 2×):`);
        console.log(`  ${line("one article's annotations", both.article)}`);
        console.log(`  ${line("one tag's first page", both.tag)}`);
      }
      if (process.argv.includes('--skip-backup')) continue;
      const exported = await withPeakHeap(cdp, () => call(page, 'exportAll'));
      console.log(
        `export: ${(exported.value.ms / 1000).toFixed(2)} s, ${(exported.value.bytes / 1024 / 1024).toFixed(1)} MB; JS heap ${exported.baseMb.toFixed(0)} → peak ${exported.peakMb.toFixed(0)} MB`,
      );
      const imported = await withPeakHeap(cdp, () => call(page, 'importAll', dbName));
      console.log(
        `import (stream + check + stage ${(imported.value.stageMs / 1000).toFixed(2)} s, then one transaction ${(imported.value.commitMs / 1000).toFixed(2)} s): ` +
          `${imported.value.annotations} annotations, ${imported.value.tagCount} tags; JS heap ${imported.baseMb.toFixed(0)} → peak ${imported.peakMb.toFixed(0)} MB`,
      );
    }
    console.log(`\n${await version}`);
  } finally {
    await context.close();
    if (!keptProfile) rmSync(profile, { recursive: true, force: true });
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
