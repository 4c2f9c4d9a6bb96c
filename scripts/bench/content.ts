/**
 * `npm run bench:content` — what the content script's start-up costs in Chromium on a portal article:
 * the page budget walk plus detection + extraction (what PageController.start reports as
 * extractionMicros), on the sample hanoi.gov.vn article served under its real host name.
 *
 *  - cold: the first call on a freshly loaded page, the script just injected — what a reader pays on
 *    a page load: V8 compiles each function on its first call and each regular expression on its
 *    first use, runs everything in its interpreter, and makes a wrapper for every node first touched;
 *  - after a warm-up: the first call on the page after extracting a small article of our own, so
 *    what is left is what grows with the page;
 *  - warm: later calls on the same page (our own work alone, optimised);
 *  - where the time goes: a V8 CPU profile of one more cold call and of the warm calls (self time per
 *    function), and the first use of each regular expression in a cold call.
 * Times are main-thread CPU time read from a Chrome trace (marks around each call carry the thread
 * clock), with wall time beside them: on a shared machine wall time mostly measures waiting for a core.
 * Each load is in a new browser context, so a new renderer process: V8 keeps compiled code and
 * regular expressions per process, and the script differs by a comment per load.
 * Options: --url URL (a page under sample/sites or tests/fixtures/sites), --runs N cold loads
 * (default 7), --warm N calls per load (default 20), --top N lines listed (default 12),
 * --compare REF: the same measurements of utils/ at git commit REF, loads alternating with this
 * tree's, and the ratios (on a busy machine only figures from one run compare);
 * --save-profile FILE: the profiled cold call, for Chrome DevTools.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { build } from 'esbuild';
import { projectAlias } from '../lib/esbuild-alias';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { startSiteServer } from '../lib/site-server';
import { chromiumPath } from '../lib/browser';
import type { ContentRun } from './content/page';

const projectRoot = process.cwd();
const SAMPLE_URL = 'http://hanoi.gov.vn/tin-tuc-su-kien/lan-toa-tinh-than-hoc-tap-va-lam-theo-tam-guong-cua-bac-4230612155218163.htm';

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const url = option('url') ?? SAMPLE_URL;
const coldRuns = Number(option('runs') ?? 7);
const warmCalls = Number(option('warm') ?? 20);
const topCount = Number(option('top') ?? 12);
const compareRef = option('compare');

/** The sources under utils/ at a git commit, in a temporary folder (for --compare). */
function sourcesAt(ref: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'sotay-bench-content-'));
  const archive = execFileSync('git', ['archive', ref, 'utils'], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  return folder;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const range = (values: number[]) => `[${ms(Math.min(...values))}–${ms(Math.max(...values))}]`;

/** Bundles the bench page with `@/` resolved in `sourceRoot` (this tree, or another commit's files). */
async function bundlePage(sourceRoot = projectRoot): Promise<string> {
  const result = await build({
    entryPoints: [join(projectRoot, 'scripts/bench/content/page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    // Shorter like the shipped build, but function names and line breaks kept for the profile.
    minifySyntax: true,
    plugins: [projectAlias(sourceRoot)],
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Which source file each line of the (unminified-identifier) bundle came from: esbuild's "// path" markers. */
function sourceFileByLine(script: string): (line: number) => string {
  const lines = script.split('\n');
  const fileAt: string[] = [];
  let current = '';
  lines.forEach((text, index) => {
    const marker = /^\s*\/\/ (utils\/\S+|scripts\/\S+|node_modules\/\S+)$/.exec(text);
    if (marker) current = marker[1]!.replace(/^utils\//, '');
    fileAt[index] = current;
  });
  return (line) => fileAt[line] ?? '';
}

/**
 * The page in a new browser context, so in a new renderer process: V8 keeps compiled scripts and
 * regular expressions per process, and a reader's first portal page in a tab gets none of ours.
 */
async function loadFresh(browser: Browser, script: string, nonce: number): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  // A different comment each time: the script is never a cache hit.
  await page.addScriptTag({ content: `${script}\n// run ${nonce} ${Date.now()}` });
  return page;
}

const callRun = (page: Page): Promise<ContentRun> => page.evaluate(() => window.sotayContentBench.run());

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Self time per function from a V8 CPU profile, largest first, counting only samples taken inside
 * `entry` (the bench's run()), so the gaps between calls are not counted. V8 charges compiling a
 * function on its first call to the caller, so a cold profile's self times include that.
 */
function selfTimes(profile: CpuProfile, fileOf: (line: number) => string, entry = 'run'): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const inside = new Map<number, boolean>();
  const isInside = (id: number): boolean => {
    const known = inside.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const parent = parentOf.get(id);
    const result = node?.callFrame.functionName === entry || (parent !== undefined && isInside(parent));
    inside.set(id, result);
    return result;
  };
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (!node || !isInside(node.id)) continue;
    const { functionName, url: scriptUrl, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const where = scriptUrl === '' && lineNumber >= 0 && !name.startsWith('(') ? fileOf(lineNumber) : '';
    const key = where ? `${name} (${where})` : name;
    // timeDeltas[i + 1] is the time from sample i to the next one: the time sample i stands for.
    totals.set(key, (totals.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  return new Map([...totals].sort((a, b) => b[1] - a[1]));
}

async function profiled<T>(session: CDPSession, work: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 50 });
  await session.send('Profiler.start');
  const result = await work();
  const { profile } = await session.send('Profiler.stop');
  await session.send('Profiler.disable');
  return { result, profile: profile as CpuProfile };
}

function printTop(label: string, times: Map<string, number>, calls: number): void {
  const total = [...times.values()].reduce((sum, value) => sum + value, 0);
  console.log(`${label} (self time per call, of ${ms(total / calls)} sampled):`);
  for (const [name, time] of [...times].filter(([name]) => name !== '(idle)').slice(0, topCount)) {
    console.log(`  ${ms(time / calls).padStart(9)}  ${((100 * time) / total).toFixed(0).padStart(3)}%  ${name}`);
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  /** Thread CPU clock, µs. */
  tts?: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
}

interface CallCpu {
  /** Main-thread CPU time of one run() call. */
  cpuMs: number;
  /** Of which V8 parsing and compiling functions (lazily, on their first call). */
  compileMs: number;
}

const COMPILE_EVENT = /^V8\.(Compile|Parse|PreParse)/;

/**
 * Every run() call in a trace, in order: CPU time between its two marks (the marks carry the thread
 * CPU clock), and the CPU time of the outermost V8 compile events inside it. CPU time, unlike
 * wall time, does not grow when other processes take the machine's cores.
 */
function callsInTrace(traceJson: string): CallCpu[] {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = (Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? [])).sort((a, b) => a.ts - b.ts);
  const starts = events.filter((event) => event.name === 'sotay-run-start' && event.tts !== undefined);
  const ends = events.filter((event) => event.name === 'sotay-run-end' && event.tts !== undefined);
  return starts.map((start, index) => {
    const end = ends[index];
    if (!end) return { cpuMs: 0, compileMs: 0 };
    let compileMs = 0;
    let openUntil = -1;
    for (const event of events) {
      if (event.ts < start.ts || event.ts > end.ts || event.ph !== 'X' || event.tid !== start.tid || event.pid !== start.pid) continue;
      if (!COMPILE_EVENT.test(event.name) || event.ts < openUntil) continue;
      compileMs += (event.tdur ?? event.dur ?? 0) / 1000;
      openUntil = event.ts + (event.dur ?? 0);
    }
    return { cpuMs: (end.tts! - start.tts!) / 1000, compileMs };
  });
}

/**
 * A regular expression is compiled on its first use, and one with Unicode property classes (\\p{L})
 * costs up to milliseconds to compile: the first use of each pattern in a cold call, longest first.
 * Found by wrapping RegExp.prototype.exec, which every match, test, replace and split goes through.
 */
async function printRegExpFirstUse(browser: Browser, script: string): Promise<void> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url, { waitUntil: 'load' });
  // A string, not a function: the bench runs under tsx, whose helpers would not exist in the page.
  await page.evaluate(`(() => {
    const firstUse = new Map();
    window.regExpFirstUse = firstUse;
    const exec = RegExp.prototype.exec;
    RegExp.prototype.exec = function (text) {
      const key = '/' + this.source + '/' + this.flags;
      if (firstUse.has(key)) return exec.call(this, text);
      const started = performance.now();
      const result = exec.call(this, text);
      firstUse.set(key, performance.now() - started);
      return result;
    };
  })()`);
  await page.addScriptTag({ content: `${script}\n// regexps ${Date.now()}` });
  await callRun(page);
  const firstUse = await page.evaluate<[string, number][]>('[...window.regExpFirstUse]');
  const total = firstUse.reduce((sum, [, time]) => sum + time, 0);
  console.log(`regular expressions: ${firstUse.length} used in the cold call, first uses ${ms(total)} wall in all; the longest:`);
  for (const [pattern, time] of firstUse.sort((a, b) => b[1] - a[1]).slice(0, topCount)) {
    console.log(`  ${ms(time).padStart(9)}  ${pattern.length > 110 ? `${pattern.slice(0, 110)}…` : pattern}`);
  }
}

interface Version {
  label: string;
  script: string;
  coldWall: number[];
  warmWall: number[];
  coldCpu: CallCpu[];
  warmCpu: CallCpu[];
  /** First call on the page after extracting a small article of our own in the same page. */
  afterWarmUpCpu: CallCpu[];
  last?: ContentRun;
}

const emptyFigures = () => ({ coldWall: [], warmWall: [], coldCpu: [], warmCpu: [], afterWarmUpCpu: [] });

/** One fresh load: the cold call, then the warm ones, traced for their CPU time. */
async function measureLoad(browser: Browser, version: Version, run: number): Promise<void> {
  const page = await loadFresh(browser, version.script, run);
  await browser.startTracing(page, { categories: ['blink.user_timing', 'disabled-by-default-v8.compile'] });
  const first = await callRun(page);
  version.coldWall.push(first.ms);
  version.last = first;
  for (let call = 0; call < warmCalls; call++) version.warmWall.push((await callRun(page)).ms);
  const calls = callsInTrace((await browser.stopTracing()).toString('utf8'));
  if (calls[0]) version.coldCpu.push(calls[0]);
  version.warmCpu.push(...calls.slice(1));
  await page.context().close();

  const warmedPage = await loadFresh(browser, version.script, run);
  await warmedPage.evaluate(() => window.sotayContentBench.warmUp());
  await browser.startTracing(warmedPage, { categories: ['blink.user_timing', 'disabled-by-default-v8.compile'] });
  await callRun(warmedPage);
  const [afterWarmUp] = callsInTrace((await browser.stopTracing()).toString('utf8'));
  if (afterWarmUp) version.afterWarmUpCpu.push(afterWarmUp);
  await warmedPage.context().close();
}

async function main() {
  const script = await bundlePage();
  const fileOf = sourceFileByLine(script);
  const server = await startSiteServer(['sample/sites', 'tests/fixtures/sites']);
  const args = [
    `--host-resolver-rules=${server.hostResolverRules}`,
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,HttpsFirstModeV2ForTypicallySecureUsers',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args });
    const versions: Version[] = [{ label: 'this tree', script, ...emptyFigures() }];
    if (compareRef) {
      const folder = sourcesAt(compareRef);
      try {
        versions.push({ label: compareRef, script: await bundlePage(folder), ...emptyFigures() });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    for (let run = 0; run < coldRuns; run++) {
      for (const version of run % 2 === 0 ? versions : [...versions].reverse()) await measureLoad(browser, version, run);
    }
    console.log(`# Content script start-up in Chromium ${browser.version()}: measurePage + extractArticle`);
    console.log(url);
    const last = versions[0]!.last;
    if (last) console.log(`article: ${last.isArticle}, family ${last.family}, ${last.textLength} characters, "${last.title}"`);
    for (const version of versions) {
      if (versions.length > 1) console.log(`## ${version.label}`);
      const cpu = (calls: CallCpu[]) => calls.map((call) => call.cpuMs);
      console.log(
        `cold (first call after injection, ${coldRuns} loads): CPU median ${ms(median(cpu(version.coldCpu)))} ${range(cpu(version.coldCpu))}, ` +
          `of which V8 compiling ${ms(median(version.coldCpu.map((call) => call.compileMs)))}; wall median ${ms(median(version.coldWall))} ${range(version.coldWall)}`,
      );
      console.log(
        `first call after a warm-up on a small article of our own (code and patterns compiled, the page untouched): CPU median ` +
          `${ms(median(cpu(version.afterWarmUpCpu)))} ${range(cpu(version.afterWarmUpCpu))}`,
      );
      console.log(
        `warm (${warmCalls} later calls per load): CPU median ${ms(median(cpu(version.warmCpu)))} ${range(cpu(version.warmCpu))}; wall median ${ms(median(version.warmWall))} ${range(version.warmWall)}`,
      );
    }
    const [ours, reference] = versions;
    if (ours && reference) {
      const ratio = (pick: (version: Version) => number[]) => (median(pick(ours)) / Math.max(1e-9, median(pick(reference)))).toFixed(2);
      console.log(
        `this tree / ${reference.label}: cold CPU ${ratio((v) => v.coldCpu.map((c) => c.cpuMs))}×, ` +
          `cold compiling ${ratio((v) => v.coldCpu.map((c) => c.compileMs))}×, after warm-up ${ratio((v) => v.afterWarmUpCpu.map((c) => c.cpuMs))}×, warm CPU ${ratio((v) => v.warmCpu.map((c) => c.cpuMs))}×`,
      );
    }

    // Attribution: one more cold call and warmCalls warm calls under the CPU profiler.
    const page = await loadFresh(browser, script, coldRuns);
    const session = await page.context().newCDPSession(page);
    const coldProfile = await profiled(session, () => callRun(page));
    const warmProfile = await profiled(session, async () => {
      for (let call = 0; call < warmCalls; call++) await callRun(page);
    });
    // --save-profile FILE: the cold call's profile, for Chrome DevTools (Performance → Load profile).
    const saveProfile = option('save-profile');
    if (saveProfile) writeFileSync(saveProfile, JSON.stringify(coldProfile.profile));
    printTop(`cold call under the profiler (${ms(coldProfile.result.ms)} wall)`, selfTimes(coldProfile.profile, fileOf), 1);
    printTop('warm calls', selfTimes(warmProfile.profile, fileOf), warmCalls);
    await page.context().close();
    await printRegExpFirstUse(browser, script);
    console.log(`load average during the run: ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
