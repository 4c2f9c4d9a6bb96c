/**
 * npm run bench:export — exporting a library to a .zip: 10,000 highlights over 1,000 articles, and
 * the 1,000-over-100 reference measured in the same run, so the growth ratio is meaningful on a
 * noisy shared machine. Prints time (median of runs), peak memory above the starting heap, the
 * longest time the event loop was blocked (what a popup would feel), and the archive size.
 *
 * Corpus: synthetic library built from ../shared/seed-article.txt (real Vietnamese news text):
 * quotes are sentences of the seed article, tags drawn from a fixed Vietnamese list, notes short.
 */
import { readFileSync } from 'node:fs';
import { seededRandom } from '../lib/seeded-random';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_EXPORT_OPTIONS, libraryToZip, type LibraryItem } from '../../utils/export';
import { HIGHLIGHT_COLORS, type Annotation, type Article } from '../../utils/model/types';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const SEED_TEXT = readFileSync(fileURLToPath(new URL('../../../shared/seed-article.txt', import.meta.url)), 'utf8').normalize('NFC');
const SENTENCES = SEED_TEXT.split(/(?<=[.!?])\s+|\n+/).map((sentence) => sentence.trim()).filter((sentence) => sentence.length > 30);
const TAGS = ['học tập', 'Hà Nội', 'kinh tế', 'giáo dục', 'hoà bình', 'Quốc hội', 'y tế', 'chuyển đổi số', 'nông thôn mới', 'văn hóa'];
const NOW = new Date('2026-11-27T12:00:00Z');


function library(articleCount: number, highlightsPerArticle: number, withText: boolean): LibraryItem[] {
  const next = seededRandom(articleCount * 1000 + highlightsPerArticle);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: articleCount }, (_, articleIndex) => {
    const url = `https://hanoi.gov.vn/tin-tuc/bai-${articleIndex}`;
    const article: Article = {
      url,
      aliases: [],
      originalUrl: url,
      meta: { title: `${pick(SENTENCES).slice(0, 80)} (${articleIndex})`, author: 'Quỳnh Anh', published: '2023-06-12T10:30:00+07:00', siteName: 'Cổng giao tiếp điện tử Hà Nội', lead: pick(SENTENCES) },
      firstVisit: NOW.getTime() - 86_400_000,
      lastVisit: NOW.getTime(),
    };
    const annotations: Annotation[] = Array.from({ length: highlightsPerArticle }, (_, index) => {
      const exact = pick(SENTENCES);
      const start = Math.max(0, SEED_TEXT.indexOf(exact));
      return {
        id: `a${articleIndex}-${index}`,
        articleUrl: url,
        target: {
          scope: 'article',
          quote: { type: 'TextQuoteSelector', exact, prefix: SEED_TEXT.slice(Math.max(0, start - 32), start), suffix: SEED_TEXT.slice(start + exact.length, start + exact.length + 32) },
          position: { type: 'TextPositionSelector', start, end: start + exact.length },
        },
        quote: exact,
        color: pick(HIGHLIGHT_COLORS),
        tags: next() < 0.7 ? [pick(TAGS), pick(TAGS)] : [],
        note: next() < 0.5 ? `Ghi chú số ${index}: ${pick(SENTENCES).slice(0, 60)}` : '',
        created: NOW.getTime(),
        updated: NOW.getTime(),
      };
    });
    return withText ? { article, annotations, fullText: SEED_TEXT } : { article, annotations };
  });
}

interface RunResult {
  ms: number;
  /** CPU time of this process: on a shared, overloaded machine wall time mostly measures the neighbours. */
  cpuMs: number;
  peakBytes: number;
  longestBlockMs: number;
  zipBytes: number;
}

const memoryNow = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

async function runOnce(items: LibraryItem[]): Promise<RunResult> {
  collectGarbage();
  const baseline = memoryNow();
  let peak = baseline;
  // A ticker standing in for the UI: how long does it wait for its turn at most?
  let lastTick = performance.now();
  let longestBlock = 0;
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    longestBlock = Math.max(longestBlock, now - lastTick);
    lastTick = now;
    if (ticking) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const zip = await libraryToZip(items, DEFAULT_EXPORT_OPTIONS, NOW, (done) => {
    if (done % 10 === 0) peak = Math.max(peak, memoryNow());
  });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  peak = Math.max(peak, memoryNow());
  ticking = false;
  return { ms, cpuMs, peakBytes: peak - baseline, longestBlockMs: longestBlock, zipBytes: zip.length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function measure(label: string, items: LibraryItem[], runs: number): Promise<RunResult> {
  const results: RunResult[] = [];
  for (let run = 0; run < runs; run++) results.push(await runOnce(items));
  const result: RunResult = {
    ms: median(results.map((r) => r.ms)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    peakBytes: Math.max(...results.map((r) => r.peakBytes)),
    longestBlockMs: Math.max(...results.map((r) => r.longestBlockMs)),
    zipBytes: results[0]?.zipBytes ?? 0,
  };
  const highlights = items.reduce((sum, item) => sum + item.annotations.length, 0);
  console.log(
    `${label.padEnd(44)} ${String(highlights).padStart(6)} highlights / ${String(items.length).padStart(5)} articles: ` +
      `wall ${result.ms.toFixed(0).padStart(6)} ms, CPU ${result.cpuMs.toFixed(0).padStart(6)} ms (medians of ${runs}), peak +${mib(result.peakBytes)}, ` +
      `longest event-loop block ${result.longestBlockMs.toFixed(0)} ms, zip ${mib(result.zipBytes)}`,
  );
  return result;
}

async function main(): Promise<void> {
  console.log(`Corpus: synthetic library from ../shared/seed-article.txt (${SENTENCES.length} sentences), Node ${process.version}`);
  // Warm up JIT and Intl so the first measured run is not penalised.
  await runOnce(library(20, 10, false));
  const small = await measure('zip, highlights only (reference)', library(100, 10, false), 5);
  const large = await measure('zip, highlights only', library(1000, 10, false), 3);
  console.log(`growth 10× data → ${(large.cpuMs / small.cpuMs).toFixed(1)}× CPU time (${(large.ms / small.ms).toFixed(1)}× wall), ${(large.peakBytes / small.peakBytes).toFixed(1)}× peak memory (linear = 10×)`);
  const smallText = await measure('zip, with article text for exact links (ref.)', library(100, 10, true), 3);
  const largeText = await measure('zip, with article text for exact links', library(1000, 10, true), 1);
  console.log(`growth 10× data → ${(largeText.cpuMs / smallText.cpuMs).toFixed(1)}× CPU time (with article text)`);
  console.log(`machine load average at the end: ${(await import('node:os')).loadavg().map((load) => load.toFixed(1)).join(', ')} on ${(await import('node:os')).cpus().length} CPUs`);
}

await main();
