/**
 * Runs inside Chromium (bundled by chromium.ts): builds the article, makes highlights, and restores
 * them the way the content script will — text model, anchorMany, painter — timing each stage.
 */
import { anchor, anchorMany, isOrphan } from '@/utils/anchor/anchor';
import { describeRange, isRejected } from '@/utils/anchor/describe';
import { buildTextModel, buildTextModelInSlices, rangeFromTextOffsets } from '@/utils/anchor/text-model';
import { createPainter, injectHighlightStyles } from '@/utils/highlight/painter';
import { HIGHLIGHT_COLORS, type AnnotationTarget } from '@/utils/model/types';
import { seededRandom } from '../../lib/seeded-random';

export interface RestoreFigures {
  highlights: number;
  anchored: number;
  orphans: number;
  methods: Record<string, number>;
  textModelMs: number;
  totalMs: number;
  /** Longest gap between two animation frames while restoring: the page's worst freeze. */
  longestGapMs: number;
  painterMode: string;
}

declare global {
  interface Window {
    sotayBench: {
      buildArticle(paragraphs: string[]): number;
      makeTargets(count: number, seed: number): AnnotationTarget[];
      restore(targets: AnnotationTarget[], chunked: boolean, paintHighlights?: boolean): Promise<RestoreFigures>;
      checkHitTest(count: number): { tried: number; right: number };
    };
  }
}

/** Paragraphs with some inline formatting and links, as on a portal article. */
function buildArticle(paragraphs: string[]): number {
  const article = document.createElement('article');
  article.id = 'article';
  paragraphs.forEach((text, i) => {
    const block = document.createElement(i % 17 === 0 ? 'h2' : 'p');
    const words = text.split(' ');
    let run: string[] = [];
    const flush = () => {
      if (run.length) block.append(`${run.join(' ')} `);
      run = [];
    };
    words.forEach((word, w) => {
      if (w % 23 === 7) {
        flush();
        const strong = document.createElement('strong');
        strong.textContent = word;
        block.append(strong, ' ');
      } else if (w % 31 === 13) {
        flush();
        const link = document.createElement('a');
        link.href = `#w${w}`;
        link.textContent = word;
        block.append(link, ' ');
      } else run.push(word);
    });
    flush();
    article.append(block);
  });
  document.body.append(article);
  return buildTextModel(article).text.length;
}

function makeTargets(count: number, seed: number): AnnotationTarget[] {
  const random = seededRandom(seed);
  const article = document.getElementById('article') as Element;
  const model = buildTextModel(article);
  const targets: AnnotationTarget[] = [];
  while (targets.length < count) {
    const start = Math.floor(random() * (model.text.length - 400));
    const length = 3 + Math.floor(random() * random() * 300);
    const range = rangeFromTextOffsets(model, start, start + length);
    if (!range) continue;
    const target = describeRange(model, range);
    if (!isRejected(target)) targets.push(target);
  }
  return targets;
}

async function restore(targets: AnnotationTarget[], chunked: boolean, paintHighlights = true): Promise<RestoreFigures> {
  injectHighlightStyles(document);
  // Frames are what the reader sees: the longest gap between two animation frames is how long the
  // page looked frozen. (A message-channel heartbeat would be starved by scheduler.yield's priority.)
  let longestGapMs = 0;
  let beating = true;
  let last = performance.now();
  const frame = (now: number) => {
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    if (beating) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  await new Promise((resolve) => setTimeout(resolve, 100));
  longestGapMs = 0;

  const started = performance.now();
  const article = document.getElementById('article') as Element;
  const model = chunked ? await buildTextModelInSlices(article) : buildTextModel(article);
  const textModelMs = performance.now() - started;
  const painter = createPainter(document);
  const methods: Record<string, number> = {};
  const paintedRanges = new Map<string, Range>();
  let anchored = 0;
  const paint = (index: number, result: ReturnType<typeof anchor>) => {
    if (isOrphan(result)) return;
    anchored++;
    methods[result.method] = (methods[result.method] ?? 0) + 1;
    if (paintHighlights) {
      painter.add(String(index), result.range, HIGHLIGHT_COLORS[index % HIGHLIGHT_COLORS.length] ?? 'yellow');
      paintedRanges.set(String(index), result.range);
    }
  };
  if (chunked) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await anchorMany(model, targets, { onResult: paint });
  } else {
    targets.forEach((target, index) => paint(index, anchor(model, target)));
  }
  const totalMs = performance.now() - started;
  lastRestore = { painter, ranges: paintedRanges };
  await new Promise((resolve) => setTimeout(resolve, 50));
  beating = false;
  return {
    highlights: targets.length,
    anchored,
    orphans: targets.length - anchored,
    methods,
    textModelMs,
    totalMs,
    longestGapMs,
    painterMode: painter.mode,
  };
}

let lastRestore: { painter: ReturnType<typeof createPainter>; ranges: Map<string, Range> } | null = null;

/**
 * Clicks, simulated: scrolls each of the first `count` painted highlights into view and asks the
 * painter what is under the middle of its first line. Right = its own id or one nested inside it.
 */
function checkHitTest(count: number): { tried: number; right: number } {
  if (!lastRestore) return { tried: 0, right: 0 };
  const { painter, ranges } = lastRestore;
  let tried = 0;
  let right = 0;
  for (const [id, range] of [...ranges].slice(0, count)) {
    (range.startContainer.parentElement as Element).scrollIntoView({ block: 'center' });
    const rect = range.getClientRects()[0];
    if (!rect || rect.width < 2) continue;
    tried++;
    const hit = painter.hitTest(rect.left + rect.width / 2, rect.top + rect.height / 2);
    const hitRange = hit ? ranges.get(hit) : undefined;
    const nestedInside =
      !!hitRange && range.compareBoundaryPoints(Range.START_TO_START, hitRange) <= 0 && range.compareBoundaryPoints(Range.END_TO_END, hitRange) >= 0;
    if (hit === id || nestedInside) right++;
  }
  return { tried, right };
}

window.sotayBench = { buildArticle, makeTargets, restore, checkHitTest };
