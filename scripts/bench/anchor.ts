/**
 * `npm run bench:anchor` — anchoring figures for BENCHMARKS.md "## Anchoring".
 *  1. Accuracy (Node): highlights on real article texts (WCXB dev ground truth + the seed article),
 *     re-anchored on seeded, edited versions: right passage / orphan / WRONG passage.
 *  2. Responsiveness (Chromium): restoring 100 and 1,000 highlights on a ~100,000-character article
 *     with anchorMany + the painter: longest main-thread task and total time.
 * Options: --articles N (default 150), --highlights N per article (default 20), --seed N, --skip-browser,
 * --skip-accuracy.
 */
import { join } from 'node:path';
import { loadArticles, measureAccuracy, type AccuracyCounts } from './anchor/accuracy';

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};

const shared = join(process.cwd(), '..', 'shared');
const articleLimit = argument('articles', 150);
const perArticle = argument('highlights', 20);
const seed = argument('seed', 20261127);

function line(label: string, counts: AccuracyCounts): string {
  const all = counts.right + counts.orphanGone + counts.orphanPresent + counts.wrong;
  const pct = (n: number) => `${((100 * n) / Math.max(1, all)).toFixed(1)}%`;
  return (
    `${label.padEnd(20)} ${String(all).padStart(6)}  right ${String(counts.right).padStart(6)} (${pct(counts.right)})` +
    `  orphan: passage gone ${String(counts.orphanGone).padStart(5)}, still there ${String(counts.orphanPresent).padStart(5)} (${pct(counts.orphanPresent)})` +
    `  WRONG ${counts.wrong}${counts.wrong ? ` (${counts.wrongOnTwin} on an identical copy already in the original)` : ''}` +
    (counts.partial ? `  partial ${counts.partial}` : '')
  );
}

async function main() {
  if (!process.argv.includes('--skip-accuracy')) measureAndPrintAccuracy();
  if (!process.argv.includes('--skip-browser')) {
    const { measureInChromium } = await import('./anchor/chromium');
    await measureInChromium();
  }
}

function measureAndPrintAccuracy() {
  const articles = loadArticles(join(shared, 'corpus', 'wcxb-dev'), join(shared, 'seed-article.txt'), articleLimit);
  const report = measureAccuracy(articles, perArticle, seed);
  console.log(`# Anchoring accuracy (seed ${seed})`);
  console.log(
    `${report.articles} articles (${(report.characters / 1000).toFixed(0)}k characters), ${report.highlights} highlights, ` +
      `${report.versions} edited versions, ${(report.milliseconds / 1000).toFixed(1)} s`,
  );
  console.log(line('unchanged text', report.unchanged));
  console.log(line('edited, all', report.total));
  for (const [kind, counts] of Object.entries(report.byKind)) console.log(line(`  ${kind}`, counts));
  console.log(`methods on edited texts: ${JSON.stringify(report.total.byMethod)}`);
  console.log(`why passages still there became orphans: ${JSON.stringify(report.total.orphanReasons)}`);
  if (report.wrongExamples.length) {
    console.log('WRONG examples:');
    for (const example of report.wrongExamples) console.log(`  ${example}`);
  }
  if (report.orphanExamples.length) {
    console.log('Orphans whose passage is still there:');
    for (const example of report.orphanExamples) console.log(`  ${example}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
