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
 * Options: --large N (default 100000); --reference N (default 1000); --profiles DIR keeps each size's
 * filled browser profile in DIR and reuses it on the next run (the fill takes minutes at 100,000), with
 * the extension copied to a fixed path there so its id, and so its database, stay the same.
 * Run `wxt build` first (the npm script does).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const referenceCount = argument('reference', 1_000);
const profilesAt = process.argv.indexOf('--profiles');
const profilesDir = profilesAt > 0 ? process.argv[profilesAt + 1] : undefined;
const corpus = readFileSync(join(process.cwd(), '..', 'shared', 'seed-article.txt'), 'utf8');

interface Typing {
  longestTaskMs: number;
  longTasks: number;
  slowestKeyMs: number;
  lastKeyToResultsMs: number;
  typingFrames: string[];
  resultsText: string;
}

interface Figures {
  firstOpenMs: number;
  firstRowsMs: number;
  /** Typing at 8 keys/s (faster than the debounce) and at 3 keys/s (a query starts after most keys). */
  fast: Typing;
  slow: Typing;
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

async function fill(page: Page, optionsUrl: string, annotations: number, filler: string) {
  await page.goto(optionsUrl);
  await page.evaluate(filler);
  const filled = await page.evaluate(
    (options) => (globalThis as unknown as { storeBench: { fill(o: unknown): Promise<{ ms: number }> } }).storeBench.fill(options),
    { dbName: 'sotay', articles: Math.max(10, annotations / 10), annotations, tags: annotations >= 10_000 ? 500 : 20, corpus, seed: 20261127 },
  );
  console.log(`  filled ${annotations.toLocaleString('en')} highlights in ${(filled.ms / 1000).toFixed(1)} s`);
}

async function openLibrary(page: Page, optionsUrl: string): Promise<number> {
  const started = Date.now();
  await page.goto(`${optionsUrl}?reload=${started}#library`);
  await page.getByTestId('highlight-row').first().waitFor();
  return Date.now() - started;
}

async function typeSearch(page: Page, delay: number): Promise<Typing> {
  await page.evaluate(() => {
    const w = globalThis as unknown as Record<string, unknown>;
    const longTasks: { start: number; duration: number }[] = [];
    const events: { name: string; start: number; duration: number }[] = [];
    const keys: number[] = [];
    const resultChanges: number[] = [];
    const observers: PerformanceObserver[] = [];
    const observe = (callback: PerformanceObserverCallback, options: PerformanceObserverInit) => {
      const observer = new PerformanceObserver(callback);
      observer.observe(options);
      observers.push(observer);
    };
    observe((list) => list.getEntries().forEach((e) => longTasks.push({ start: e.startTime, duration: e.duration })), { type: 'longtask' });
    observe((list) => list.getEntries().forEach((e) => events.push({ name: e.name, start: e.startTime, duration: e.duration })), {
      type: 'event',
      durationThreshold: 16,
    } as PerformanceObserverInit);
    const onKey = () => keys.push(performance.now());
    addEventListener('keydown', onKey, true);
    const slowFrames: string[] = [];
    observe(
      (list) =>
        list.getEntries().forEach((e) => {
          const entry = e as PerformanceEntry & { renderStart: number; scripts: { duration: number; invoker: string; sourceFunctionName: string; sourceURL: string }[] };
          const scripts = entry.scripts.map((x) => `${x.invoker || '?'}${x.sourceFunctionName ? ` ${x.sourceFunctionName}` : ''} ${x.duration.toFixed(0)} ms`).join('; ');
          const render = entry.renderStart ? e.startTime + e.duration - entry.renderStart : 0;
          slowFrames.push(`${e.duration.toFixed(0)} ms [render ${render.toFixed(0)} ms; scripts: ${scripts || 'none'}]`);
        }),
      { type: 'long-animation-frame' },
    );
    const mutations = [document.querySelector('.rows')!, document.querySelector('[data-testid="result-count"]')!].map((target) => {
      const observer = new MutationObserver(() => resultChanges.push(performance.now()));
      observer.observe(target, { childList: true, subtree: true, characterData: true });
      return observer;
    });
    const stop = () => {
      observers.forEach((o) => o.disconnect());
      mutations.forEach((o) => o.disconnect());
      removeEventListener('keydown', onKey, true);
    };
    w.benchLog = { longTasks, events, keys, resultChanges, slowFrames, stop };
  });
  const search = page.getByRole('searchbox');
  await search.click();
  await search.pressSequentially('hoc tap', { delay });
  await page.waitForFunction(() => !document.querySelector('[data-testid="result-count"]')!.textContent!.match(/Đang tải|Loading/));
  await page.waitForTimeout(1500);
  const typing = await page.evaluate(() => {
    const log = (
      globalThis as unknown as {
        benchLog: {
          longTasks: { start: number; duration: number }[];
          events: { name: string; start: number; duration: number }[];
          keys: number[];
          resultChanges: number[];
          slowFrames: string[];
          stop(): void;
        };
      }
    ).benchLog;
    log.stop();
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
      typingFrames: log.slowFrames.slice(0, 8),
    };
  });
  await search.fill('');
  await page.waitForTimeout(1500);
  return typing;
}

async function measure(page: Page, optionsUrl: string): Promise<Figures> {
  // The first open after the browser starts (a cold database when the profile was reused), then a reload.
  const firstOpenMs = await openLibrary(page, optionsUrl);
  const firstRowsMs = await openLibrary(page, optionsUrl);
  // tsx (esbuild keepNames) wraps named inner functions in __name(); give the page a no-op one.
  await page.evaluate('globalThis.__name = (f) => f');
  await page.waitForTimeout(1000);
  const fast = await typeSearch(page, 125);
  const slow = await typeSearch(page, 333);

  // Scroll the unfiltered list (typeSearch cleared the search).
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
  return { firstOpenMs, firstRowsMs, fast, slow, ...scroll };
}

function printTyping(label: string, f: Typing) {
  console.log(
    `  typing "hoc tap" ${label}: longest task ${f.longestTaskMs.toFixed(0)} ms (${f.longTasks} tasks ≥ 50 ms), slowest keystroke ${f.slowestKeyMs.toFixed(0)} ms, ` +
      `last key → results ${f.lastKeyToResultsMs.toFixed(0)} ms (incl. 150 ms debounce); "${f.resultsText}"`,
  );
  for (const frame of f.typingFrames) console.log(`    slow frame while typing: ${frame}`);
}

function print(f: Figures) {
  console.log(`  first rows on opening: ${f.firstOpenMs} ms; after a reload: ${f.firstRowsMs} ms`);
  printTyping('at 8 keys/s', f.fast);
  printTyping('at 3 keys/s', f.slow);
  console.log(
    `  scrolling 4 s: ${f.frames} frames, interval median ${f.frameMedianMs.toFixed(1)} ms, p95 ${f.frameP95Ms.toFixed(1)} ms, max ${f.frameMaxMs.toFixed(1)} ms, ` +
      `${f.framesOver50} frames > 50 ms, longest task ${f.scrollLongestTaskMs.toFixed(0)} ms, ~${f.rowsLoaded} rows loaded`,
  );
  console.log(
    `  slow frames (≥ 50 ms) while scrolling: worst ${f.worstFrame}; in all of them script ${f.slowFrameScriptMs.toFixed(0)} ms, style/layout/paint ${f.slowFrameRenderMs.toFixed(0)} ms`,
  );
}

/** One library size in its own browser: a fresh profile, or the kept one under --profiles. */
async function runSize(annotations: number, filler: string): Promise<Figures> {
  const kept = profilesDir ? join(profilesDir, String(annotations)) : undefined;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'sotay-lib-bench-'));
  mkdirSync(dir, { recursive: true });
  // A private copy of the build, so a rebuild by someone else mid-run cannot change what is measured;
  // at a fixed path, so a kept profile finds its extension (and database) under the same id.
  const extensionDir = join(dir, 'extension');
  rmSync(extensionDir, { recursive: true, force: true });
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const filledMarker = join(dir, 'filled');
  const browser = await launchWithExtension({ headless: true, hostResolverRules: 'MAP * 127.0.0.1', extensionDir, userDataDir: join(dir, 'profile') });
  try {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(30 * 60_000);
    const optionsUrl = browser.extensionUrl('options.html');
    if (!existsSync(filledMarker)) {
      await fill(page, optionsUrl, annotations, filler);
      writeFileSync(filledMarker, new Date().toISOString());
      // Start measuring from a cold database, as after a kept profile.
      await browser.close();
      return await runSize(annotations, filler);
    }
    console.log(`  ${browser.context.browser()?.version() ?? 'Chromium'}; profile filled ${readFileSync(filledMarker, 'utf8')}`);
    return await measure(page, optionsUrl);
  } finally {
    await browser.close().catch(() => undefined);
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
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
  console.log(`# Library (options page) — headless Chromium, corpus ../shared/seed-article.txt, ${new Date().toISOString().slice(0, 10)}`);
  let reference: Figures | undefined;
  if (referenceCount > 0) {
    console.log(`\n## reference: ${referenceCount.toLocaleString('en')} highlights`);
    reference = await runSize(referenceCount, filler);
    print(reference);
  }
  console.log(`\n## ${largeCount.toLocaleString('en')} highlights`);
  const large = await runSize(largeCount, filler);
  print(large);
  if (!reference) return;
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : a > 0 ? '∞' : '1.00×');
  console.log(
    `\nratios large/reference: first open ${ratio(large.firstOpenMs, reference.firstOpenMs)}, after reload ${ratio(large.firstRowsMs, reference.firstRowsMs)}, ` +
      `slowest keystroke ${ratio(large.fast.slowestKeyMs, reference.fast.slowestKeyMs)} (8 keys/s) ${ratio(large.slow.slowestKeyMs, reference.slow.slowestKeyMs)} (3 keys/s), ` +
      `last key → results ${ratio(large.fast.lastKeyToResultsMs, reference.fast.lastKeyToResultsMs)}, scroll p95 frame ${ratio(large.frameP95Ms, reference.frameP95Ms)}`,
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
