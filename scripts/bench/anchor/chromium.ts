/**
 * Responsiveness of restoring highlights in Chromium: a ~100,000-character article, 100 and 1,000
 * saved highlights, restored on the unchanged page and on an edited one. Each run is a fresh page
 * load. Reference in the same run: the same work done in one synchronous loop (no chunking).
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { build } from 'esbuild';
import { projectAlias } from '../../lib/esbuild-alias';
import { chromium, type Page } from 'playwright-core';
import type { AnnotationTarget } from '@/utils/model/types';
import { loadArticles } from './accuracy';
import { editText } from './edits';
import { seededRandom } from '../../lib/seeded-random';
import type { RestoreFigures } from './page';

const projectRoot = process.cwd();
const TARGET_CHARACTERS = 100_000;
const REPEATS = 3;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [join(projectRoot, 'scripts/bench/anchor/page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    plugins: [projectAlias(projectRoot)],
  });
  return result.outputFiles[0]?.text ?? '';
}

function serve(script: string): Promise<{ server: Server; url: string }> {
  const html = '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Sổ tay anchoring bench</title></head><body><script src="/bench.js"></script></body></html>';
  const server = createServer((request, response) => {
    if (request.url === '/bench.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(script);
    } else {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    }
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      done({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

function articleParagraphs(): string[] {
  const shared = join(projectRoot, '..', 'shared');
  const articles = loadArticles(join(shared, 'corpus', 'wcxb-dev'), join(shared, 'seed-article.txt'), 200);
  const paragraphs: string[] = [];
  let length = 0;
  for (const article of articles) {
    for (const paragraph of article.paragraphs) {
      if (length >= TARGET_CHARACTERS) return paragraphs;
      paragraphs.push(paragraph);
      length += paragraph.length + 2;
    }
  }
  return paragraphs;
}

interface RunFigures extends RestoreFigures {
  longTasks: number;
  longestLongTaskMs: number;
  /** Longest renderer main-thread task in the trace: CPU time and wall time. */
  longestTaskCpuMs: number;
  longestTaskWallMs: number;
  /** Main-thread CPU time of the whole restore (independent of how busy the machine is). */
  totalCpuMs: number;
  /** Within long animation frames: the longest single script run, and the longest rendering stage. */
  longestScriptMs: number;
  longestRenderMs: number;
}

async function freshPage(page: Page, url: string, paragraphs: string[]): Promise<number> {
  await page.goto(url);
  await page.evaluate(() => {
    const entries: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = entries;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) entries.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    // Long animation frames say which part of a long task was our script and which was rendering.
    const frames: { duration: number; script: number; render: number }[] = [];
    (window as unknown as { longFrames: typeof frames }).longFrames = frames;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { renderStart: number; scripts: { duration: number }[] })[]) {
          const script = entry.scripts.reduce((sum, run) => Math.max(sum, run.duration), 0);
          const render = entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0;
          frames.push({ duration: entry.duration, script, render });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // older Chromium: no attribution
    }
  });
  return page.evaluate((text) => window.sotayBench.buildArticle(text), paragraphs);
}

/**
 * The renderer main thread's longest task from a Chrome trace, in thread CPU time (`tdur`) and wall
 * time (`dur`). On a shared, overloaded machine wall time includes waiting for a CPU; CPU time is
 * what the task itself costs, i.e. what it would block on an idle machine.
 */
function longestMainThreadTask(traceJson: string): { cpuMs: number; wallMs: number; totalCpuMs: number } {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(
    events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`),
  );
  let cpuMs = 0;
  let wallMs = 0;
  let totalCpuMs = 0;
  for (const event of events) {
    if (event.name !== 'RunTask' || event.ph !== 'X' || !mainThreads.has(`${event.pid}:${event.tid}`)) continue;
    totalCpuMs += (event.tdur ?? 0) / 1000;
    cpuMs = Math.max(cpuMs, (event.tdur ?? 0) / 1000);
    wallMs = Math.max(wallMs, (event.dur ?? 0) / 1000);
  }
  if (process.env.ANCHOR_BENCH_DEBUG) {
    const tasks = events.filter((event) => event.name === 'RunTask' && event.ph === 'X' && mainThreads.has(`${event.pid}:${event.tid}`));
    const longest = tasks.sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))[0];
    if (longest) {
      const inside = events.filter(
        (event) => event.tid === longest.tid && event.ph === 'X' && event.ts >= longest.ts && event.ts <= longest.ts + (longest.dur ?? 0) && event !== longest,
      );
      const byName = new Map<string, number>();
      for (const event of inside) byName.set(event.name, (byName.get(event.name) ?? 0) + (event.tdur ?? event.dur ?? 0) / 1000);
      console.log('   longest task contains:', [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, time]) => `${name} ${time.toFixed(1)}`).join(', '));
    }
  }
  return { cpuMs, wallMs, totalCpuMs };
}

interface TraceEvent {
  name: string;
  ts: number;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

async function restoreRun(page: Page, url: string, paragraphs: string[], targets: AnnotationTarget[], chunked: boolean, paint = true): Promise<RunFigures> {
  await freshPage(page, url, paragraphs);
  // Hand the saved highlights over first, as JSON: Playwright's own argument decoding would
  // otherwise be the longest task of the run (it is the storage read's job in the extension).
  await page.evaluate((json) => {
    (window as unknown as { savedTargets: unknown }).savedTargets = JSON.parse(json);
  }, JSON.stringify(targets));
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks.length = 0;
    (window as unknown as { longFrames: unknown[] }).longFrames.length = 0;
  });
  const browser = page.context().browser();
  await browser?.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] });
  const figures = await page.evaluate(
    ({ chunk, painting }) =>
      window.sotayBench.restore((window as unknown as { savedTargets: AnnotationTarget[] }).savedTargets, chunk, painting),
    {
    chunk: chunked,
    painting: paint,
    },
  );
  const trace = browser ? await browser.stopTracing() : null;
  const cpu = trace ? longestMainThreadTask(trace.toString('utf8')) : { cpuMs: 0, wallMs: 0, totalCpuMs: 0 };
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const longFrames = await page.evaluate(
    () => (window as unknown as { longFrames: { duration: number; script: number; render: number }[] }).longFrames,
  );
  return {
    ...figures,
    longTasks: longTasks.length,
    longestLongTaskMs: Math.max(0, ...longTasks),
    longestTaskCpuMs: cpu.cpuMs,
    totalCpuMs: cpu.totalCpuMs,
    longestTaskWallMs: cpu.wallMs,
    longestScriptMs: Math.max(0, ...longFrames.map((frame) => frame.script)),
    longestRenderMs: Math.max(0, ...longFrames.map((frame) => frame.render)),
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function measureInChromium(): Promise<void> {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  const args = ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const script = await bundlePage();
  const { server, url } = await serve(script);
  const browser = await chromium.launch({ executablePath, headless: true, args });
  try {
    const page = await browser.newPage();
    const paragraphs = articleParagraphs();
    const characters = await freshPage(page, url, paragraphs);
    const targets1000 = await page.evaluate(() => window.sotayBench.makeTargets(1000, 7));
    const targets100 = targets1000.slice(0, 100);
    const edited = editText(paragraphs, seededRandom(11), {
      'insert-words': 120,
      'delete-words': 80,
      'fix-typo': 150,
      'move-paragraph': 5,
      'remove-passage': 10,
    });
    const editedParagraphs = edited.text.split('\n\n');
    console.log(`\n# Restoring in Chromium (${await browser.version()}), article of ${characters.toLocaleString('en')} characters, ${paragraphs.length} paragraphs`);
    console.log(`each row: ${REPEATS} fresh page loads; median of each figure, [best–worst] for the longest task (CPU) and the longest long task (wall)`);
    console.log('page       highlights  mode           total (CPU)             text model  frame gap  longest task: CPU / wall   long tasks (>50 ms, wall)  anchored/orphans  methods');
    const medians: Record<string, number> = {};
    for (const [label, pageParagraphs] of [
      ['unchanged', paragraphs],
      ['edited', editedParagraphs],
    ] as const) {
      for (const targets of [targets100, targets1000]) {
        const runs: RunFigures[] = [];
        for (let repeat = 0; repeat < REPEATS; repeat++) runs.push(await restoreRun(page, url, [...pageParagraphs], targets, true));
        const figures = runs[0] as RunFigures;
        const total = median(runs.map((run) => run.totalMs));
        medians[`${label}-${targets.length}`] = total;
        medians[`${label}-${targets.length}-cpu`] = median(runs.map((run) => run.totalCpuMs));
        const longest = runs.map((run) => run.longestLongTaskMs);
        console.log(
          `${label.padEnd(10)} ${String(targets.length).padStart(10)}  ${figures.painterMode.padEnd(13)} ${ms(total).padStart(10)} (${ms(median(runs.map((run) => run.totalCpuMs))).padStart(9)})  ${ms(median(runs.map((run) => run.textModelMs))).padStart(10)}  ${ms(median(runs.map((run) => run.longestGapMs))).padStart(9)}  ${ms(median(runs.map((run) => run.longestTaskCpuMs))).padStart(9)} [${ms(Math.min(...runs.map((run) => run.longestTaskCpuMs)))}–${ms(Math.max(...runs.map((run) => run.longestTaskCpuMs)))}] / ${ms(median(runs.map((run) => run.longestTaskWallMs))).padStart(9)}  ${String(median(runs.map((run) => run.longTasks))).padStart(3)} (max ${ms(median(longest))} [${ms(Math.min(...longest))}–${ms(Math.max(...longest))}]; script ${ms(median(runs.map((run) => run.longestScriptMs)))}, render ${ms(median(runs.map((run) => run.longestRenderMs)))})  ${figures.anchored}/${figures.orphans}  ${JSON.stringify(figures.methods)}`,
        );
      }
    }
    await restoreRun(page, url, [...paragraphs], targets100, true);
    const hits = await page.evaluate(() => window.sotayBench.checkHitTest(100));
    console.log(`hitTest at the middle of painted highlights (unchanged page, 100): ${hits.right}/${hits.tried} name the highlight or one nested in it`);
    const unpainted: RunFigures[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat++) unpainted.push(await restoreRun(page, url, editedParagraphs, targets1000, true, false));
    console.log(
      `anchoring only (edited, 1000, not painted): total ${ms(median(unpainted.map((run) => run.totalMs)))} (CPU ${ms(median(unpainted.map((run) => run.totalCpuMs)))}), longest task CPU ${ms(median(unpainted.map((run) => run.longestTaskCpuMs)))} / wall ${ms(median(unpainted.map((run) => run.longestTaskWallMs)))}`,
    );
    const reference = await restoreRun(page, url, editedParagraphs, targets1000, false);
    console.log(
      `reference: 1000 on the edited page in one synchronous loop: total ${ms(reference.totalMs)}, longest frame gap ${ms(reference.longestGapMs)}, longest task CPU ${ms(reference.longestTaskCpuMs)} / wall ${ms(reference.longestTaskWallMs)}, long tasks ${reference.longTasks} (max ${ms(reference.longestLongTaskMs)})`,
    );
    for (const label of ['unchanged', 'edited']) {
      const small = medians[`${label}-100`];
      const large = medians[`${label}-1000`];
      const smallCpu = medians[`${label}-100-cpu`];
      const largeCpu = medians[`${label}-1000-cpu`];
      if (small && large && smallCpu && largeCpu) {
        console.log(`${label}: 1000/100 = ${(large / small).toFixed(1)}× in wall time, ${(largeCpu / smallCpu).toFixed(1)}× in main-thread CPU time`);
      }
    }
    console.log(`load average during the run: ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  } finally {
    await browser.close();
    server.close();
  }
}
