/**
 * Responsiveness of restoring highlights in Chromium: a ~100,000-character article, 100 and 1,000
 * saved highlights, restored on the unchanged page and on an edited one. Each run is a fresh page
 * load. Reference in the same run: the same work done in one synchronous loop (no chunking).
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import type { AnnotationTarget } from '@/utils/model/types';
import { loadArticles } from './accuracy';
import { editText, seededRandom } from './edits';
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
    plugins: [
      {
        name: 'project-alias',
        setup(context) {
          context.onResolve({ filter: /^@\// }, (args) => {
            const base = resolve(projectRoot, args.path.slice(2));
            const file = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((candidate) => existsSync(candidate));
            return { path: file ?? base };
          });
        },
      },
    ],
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
}

async function freshPage(page: Page, url: string, paragraphs: string[]): Promise<number> {
  await page.goto(url);
  await page.evaluate(() => {
    const entries: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = entries;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) entries.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  return page.evaluate((text) => window.sotayBench.buildArticle(text), paragraphs);
}

async function restoreRun(page: Page, url: string, paragraphs: string[], targets: AnnotationTarget[], chunked: boolean): Promise<RunFigures> {
  await freshPage(page, url, paragraphs);
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks.length = 0;
  });
  const figures = await page.evaluate(({ saved, chunk }) => window.sotayBench.restore(saved, chunk), { saved: targets, chunk: chunked });
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  return { ...figures, longTasks: longTasks.length, longestLongTaskMs: Math.max(0, ...longTasks) };
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
    console.log(`each row: ${REPEATS} fresh page loads; median of each figure, [best–worst] for the longest long task`);
    console.log('page       highlights  mode           total      text model  frame gap   long tasks (>50 ms)        anchored/orphans  methods');
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
        const longest = runs.map((run) => run.longestLongTaskMs);
        console.log(
          `${label.padEnd(10)} ${String(targets.length).padStart(10)}  ${figures.painterMode.padEnd(13)} ${ms(total).padStart(10)}  ${ms(median(runs.map((run) => run.textModelMs))).padStart(10)}  ${ms(median(runs.map((run) => run.longestGapMs))).padStart(9)}  ${String(median(runs.map((run) => run.longTasks))).padStart(3)} (max ${ms(median(longest))} [${ms(Math.min(...longest))}–${ms(Math.max(...longest))}])  ${figures.anchored}/${figures.orphans}  ${JSON.stringify(figures.methods)}`,
        );
      }
    }
    const reference = await restoreRun(page, url, editedParagraphs, targets1000, false);
    console.log(
      `reference: 1000 on the edited page in one synchronous loop: total ${ms(reference.totalMs)}, longest frame gap ${ms(reference.longestGapMs)}, long tasks ${reference.longTasks} (max ${ms(reference.longestLongTaskMs)})`,
    );
    for (const label of ['unchanged', 'edited']) {
      const small = medians[`${label}-100`];
      const large = medians[`${label}-1000`];
      if (small && large) console.log(`${label}: total time 1000/100 = ${(large / small).toFixed(1)}×`);
    }
    console.log(`load average during the run: ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  } finally {
    await browser.close();
    server.close();
  }
}
