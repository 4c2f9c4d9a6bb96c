/**
 * `npm run bench:library` — the options page's library with many highlights, in the real built
 * extension (headless /usr/bin/chromium through playwright-core). The store is filled from inside the
 * options page with the store benchmark's filler (scripts/bench/store/page.ts: the same records
 * createAnnotation writes, cut from ../shared/seed-article.txt), then the page is reloaded and driven:
 *  - first rows shown after a reload;
 *  - search as you type: "hoc tap" typed at 8 keys/s; the longest main-thread task during typing
 *    (PerformanceObserver 'longtask', only tasks ≥ 50 ms exist), the slowest keystroke (Event Timing:
 *    input delay + handlers + next paint) and the time from the last key to updated results;
 *  - scrolling: the list is scrolled 200 px per frame for 4 s (loading further pages as it goes);
 *    frame intervals (median, p95, max, frames over 50 ms) and long tasks meanwhile.
 * The reference is the same run on a 1,000-highlight library; ratios large/reference are printed.
 * Options: --large N (default 100000). Run `wxt build` first (the npm script does).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchWithExtension } from '../lib/browser';

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const largeCount = argument('large', 100_000);
const corpus = readFileSync(join(process.cwd(), '..', 'shared', 'seed-article.txt'), 'utf8');

interface Figures {
  firstRowsMs: number;
  longestTaskMs: number;
  longTasks: number;
  slowestKeyMs: number;
  lastKeyToResultsMs: number;
  typingFrames: string[];
  resultsText: string;
  frameMedianMs: number;
  frameP95Ms: number;
  frameMaxMs: number;
  framesOver50: number;
  frames: number;
  scrollLongestTaskMs: number;
  worstFrame: string;
  slowFrameScriptMs: number;
  slowFrameRenderMs: number;
  rowsLoaded: number;
}

async function measure(page: Page, optionsUrl: string, annotations: number, filler: string): Promise<Figures> {
  await page.goto(optionsUrl);
  await page.evaluate(filler);
  const fill = await page.evaluate(
    (options) => (globalThis as unknown as { storeBench: { fill(o: unknown): Promise<{ ms: number }> } }).storeBench.fill(options),
    { dbName: 'sotay', articles: Math.max(10, annotations / 10), annotations, tags: annotations >= 10_000 ? 500 : 20, corpus, seed: 20261127 },
  );
  console.log(`  filled ${annotations.toLocaleString('en')} highlights in ${(fill.ms / 1000).toFixed(1)} s`);

  const started = Date.now();
  await page.goto(`${optionsUrl}?reload=${started}#library`);
  await page.getByTestId('highlight-row').first().waitFor();
  const firstRowsMs = Date.now() - started;
  // tsx (esbuild keepNames) wraps named inner functions in __name(); give the page a no-op one.
  await page.evaluate('globalThis.__name = (f) => f');
  await page.waitForTimeout(1000);

  await page.evaluate(() => {
    const w = globalThis as unknown as Record<string, unknown>;
    const longTasks: { start: number; duration: number }[] = [];
    const events: { name: string; start: number; duration: number }[] = [];
    const keys: number[] = [];
    const resultChanges: number[] = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask' });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => events.push({ name: e.name, start: e.startTime, duration: e.duration }))).observe({
      type: 'event',
      durationThreshold: 16,
    } as PerformanceObserverInit);
    addEventListener('keydown', () => keys.push(performance.now()), true);
    const slowFrames: string[] = [];
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => {
        const entry = e as PerformanceEntry & { renderStart: number; scripts: { duration: number; invoker: string; sourceFunctionName: string; sourceURL: string }[] };
        const scripts = entry.scripts.map((x) => `${x.invoker || '?'}${x.sourceFunctionName ? ` ${x.sourceFunctionName}` : ''} ${x.duration.toFixed(0)} ms`).join('; ');
        const render = entry.renderStart ? e.startTime + e.duration - entry.renderStart : 0;
        slowFrames.push(`${e.duration.toFixed(0)} ms [render ${render.toFixed(0)} ms; scripts: ${scripts || 'none'}]`);
      }),
    ).observe({ type: 'long-animation-frame' });
    (globalThis as unknown as Record<string, unknown>).benchSlowFrames = slowFrames;
    const count = document.querySelector('[data-testid="result-count"]')!;
    new MutationObserver(() => resultChanges.push(performance.now())).observe(document.querySelector('.rows')!, { childList: true, subtree: true, characterData: true });
    new MutationObserver(() => resultChanges.push(performance.now())).observe(count, { childList: true, subtree: true, characterData: true });
    w.benchLog = { longTasks, events, keys, resultChanges };
  });
  const search = page.getByRole('searchbox');
  await search.click();
  await search.pressSequentially('hoc tap', { delay: 125 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="result-count"]')!.textContent!.match(/Đang tải|Loading/));
  await page.waitForTimeout(1500);
  const typing = await page.evaluate(() => {
    const log = (globalThis as unknown as { benchLog: { longTasks: { start: number; duration: number }[]; events: { name: string; start: number; duration: number }[]; keys: number[]; resultChanges: number[] } }).benchLog;
    const firstKey = log.keys[0]!;
    const lastKey = log.keys[log.keys.length - 1]!;
    const lastResult = Math.max(...log.resultChanges.filter((t) => t >= lastKey), lastKey);
    const during = log.longTasks.filter((t) => t.start + t.duration >= firstKey && t.start <= lastResult + 50);
    const keyEvents = log.events.filter((e) => /key|input|beforeinput/.test(e.name));
    return {
      longestTaskMs: Math.max(0, ...during.map((t) => t.duration)),
      longTasks: during.length,
      slowestKeyMs: Math.max(0, ...keyEvents.map((e) => e.duration)),
      lastKeyToResultsMs: lastResult - lastKey,
      resultsText: document.querySelector('[data-testid="result-count"]')!.textContent ?? '',
      typingFrames: ((globalThis as unknown as { benchSlowFrames: string[] }).benchSlowFrames).slice(0, 8),
    };
  });

  // Scroll the unfiltered list: clear the search first.
  await search.fill('');
  await page.waitForTimeout(1500);
  const scroll = await page.evaluate(async () => {
    const scroller = document.querySelector('.scroller') as HTMLElement;
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    observer.observe({ type: 'longtask' });
    // Long animation frames say how much of a slow frame was our script and how much style/layout/paint.
    const frames: { duration: number; script: number; render: number }[] = [];
    const loaf = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => {
        const entry = e as PerformanceEntry & { scripts: { duration: number }[]; renderStart: number; styleAndLayoutStart: number };
        frames.push({
          duration: e.duration,
          script: entry.scripts.reduce((sum, s) => sum + s.duration, 0),
          render: entry.renderStart ? e.startTime + e.duration - entry.renderStart : 0,
        });
      }),
    );
    loaf.observe({ type: 'long-animation-frame' });
    const intervals: number[] = [];
    await new Promise<void>((resolve) => {
      const begin = performance.now();
      let last = begin;
      const step = (now: number) => {
        intervals.push(now - last);
        last = now;
        scroller.scrollTop += 200;
        if (now - begin < 4000) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    observer.disconnect();
    loaf.disconnect();
    const worst = frames.sort((a, b) => b.duration - a.duration)[0];
    const sorted = intervals.slice(1).sort((a, b) => a - b);
    return {
      frameMedianMs: sorted[Math.floor(sorted.length / 2)]!,
      frameP95Ms: sorted[Math.floor(sorted.length * 0.95)]!,
      frameMaxMs: sorted[sorted.length - 1]!,
      framesOver50: sorted.filter((d) => d > 50).length,
      frames: sorted.length,
      scrollLongestTaskMs: Math.max(0, ...longTasks),
      worstFrame: worst ? `${worst.duration.toFixed(0)} ms (script ${worst.script.toFixed(0)} ms, render ${worst.render.toFixed(0)} ms)` : 'none ≥ 50 ms',
      slowFrameScriptMs: frames.reduce((sum, f) => sum + f.script, 0),
      slowFrameRenderMs: frames.reduce((sum, f) => sum + f.render, 0),
      rowsLoaded: Math.round((document.querySelector('ul.rows') as HTMLElement).offsetHeight / 124),
    };
  });
  return { firstRowsMs, ...typing, ...scroll };
}

function print(label: string, f: Figures) {
  console.log(`  first rows after reload: ${f.firstRowsMs} ms`);
  console.log(
    `  typing "hoc tap": longest task ${f.longestTaskMs.toFixed(0)} ms (${f.longTasks} tasks ≥ 50 ms), slowest keystroke ${f.slowestKeyMs.toFixed(0)} ms, ` +
      `last key → results ${f.lastKeyToResultsMs.toFixed(0)} ms (incl. 150 ms debounce); "${f.resultsText}"`,
  );
  for (const frame of f.typingFrames) console.log(`    slow frame while typing: ${frame}`);
  console.log(
    `  scrolling 4 s: ${f.frames} frames, interval median ${f.frameMedianMs.toFixed(1)} ms, p95 ${f.frameP95Ms.toFixed(1)} ms, max ${f.frameMaxMs.toFixed(1)} ms, ` +
      `${f.framesOver50} frames > 50 ms, longest task ${f.scrollLongestTaskMs.toFixed(0)} ms, ~${f.rowsLoaded} rows loaded`,
  );
  console.log(
    `  slow frames (≥ 50 ms) while scrolling: worst ${f.worstFrame}; in all of them script ${f.slowFrameScriptMs.toFixed(0)} ms, style/layout/paint ${f.slowFrameRenderMs.toFixed(0)} ms`,
  );
  void label;
}

async function main() {
  const bundle = await build({
    entryPoints: [join(process.cwd(), 'scripts/bench/store/page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  });
  const filler = bundle.outputFiles[0]!.text;
  // A private copy of the build, so a rebuild by someone else mid-run cannot change what is measured.
  const extensionDir = mkdtempSync(join(tmpdir(), 'sotay-lib-bench-ext-'));
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const browser = await launchWithExtension({ headless: true, hostResolverRules: 'MAP * 127.0.0.1', extensionDir });
  try {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(30 * 60_000);
    const cdpVersion = browser.context.browser()?.version() ?? 'Chromium';
    console.log(`# Library (options page) — ${cdpVersion}, headless, corpus ../shared/seed-article.txt, ${new Date().toISOString().slice(0, 10)}`);
    const optionsUrl = browser.extensionUrl('options.html');
    console.log('\n## reference: 1,000 highlights');
    const reference = await measure(page, optionsUrl, 1_000, filler);
    print('reference', reference);
    console.log(`\n## ${largeCount.toLocaleString('en')} highlights`);
    const large = await measure(page, optionsUrl, largeCount, filler);
    print('large', large);
    const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : a > 0 ? '∞' : '1.00×');
    console.log(
      `\nratios large/reference: first rows ${ratio(large.firstRowsMs, reference.firstRowsMs)}, slowest keystroke ${ratio(large.slowestKeyMs, reference.slowestKeyMs)}, ` +
        `last key → results ${ratio(large.lastKeyToResultsMs, reference.lastKeyToResultsMs)}, scroll p95 frame ${ratio(large.frameP95Ms, reference.frameP95Ms)}`,
    );
  } finally {
    await browser.close();
    rmSync(extensionDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
