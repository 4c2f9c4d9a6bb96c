/**
 * `npm run lint:firefox`: Mozilla's add-on linter (web-ext lint, what addons.mozilla.org runs) over the
 * Firefox build. Fails on any error, and on any warning but one understood case:
 *
 * UNSAFE_VAR_ASSIGNMENT in Preact's renderer, which assigns innerHTML only for a
 * `dangerouslySetInnerHTML` prop. Our own code never uses that prop nor any HTML-string sink (checked
 * below over the sources), so no page or user text can reach it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { FIREFOX_EXTENSION_DIR } from './lib/firefox';
import { BRIDGE_HOST } from '../tests/e2e/firefox-bridge/protocol';

interface LintMessage {
  code: string;
  message: string;
  description?: string | string[];
  file?: string;
  line?: number;
  column?: number;
}
interface LintReport {
  count: number;
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

const dir = process.argv[2] ? resolve(process.argv[2]) : FIREFOX_EXTENSION_DIR;
const SOURCE_DIRS = ['entrypoints', 'components', 'utils'];
const HTML_SINKS = /\b(dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment)\b|document\.write\(/;

function sourceFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Our sources' own use of HTML-string sinks (comment lines aside). */
function htmlSinksInSources(): string[] {
  return SOURCE_DIRS.flatMap((d) => sourceFiles(d)).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((text, i) => (HTML_SINKS.test(text) && !/^\s*(\/\/|\/?\*)/.test(text) ? [`${file}:${i + 1}: ${text.trim()}`] : [])),
  );
}

/** The flagged assignment is Preact's dangerouslySetInnerHTML branch (same statement, same renderer). */
function isPreactDangerousHtml(message: LintMessage): boolean {
  if (message.code !== 'UNSAFE_VAR_ASSIGNMENT' || !message.file || !message.line || message.column === undefined) return false;
  const line = readFileSync(join(dir, message.file), 'utf8').split('\n')[message.line - 1] ?? '';
  const around = line.slice(Math.max(0, message.column - 400), message.column + 200);
  return /innerHTML=\w+\.__html/.test(around) && around.includes('`dangerouslySetInnerHTML`');
}

let output: string;
try {
  output = execFileSync(join('node_modules', '.bin', 'web-ext'), ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
} catch (error) {
  // web-ext exits non-zero when it finds errors; the JSON report is still on stdout.
  output = (error as { stdout?: string }).stdout ?? '';
  if (!output.trim()) throw error;
}
const report = JSON.parse(output.slice(output.indexOf('{'))) as LintReport;
const show = (m: LintMessage) => `  ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}:${m.column ?? 0}` : ''} — ${m.message}`;

const sinks = htmlSinksInSources();
// The test bridge (SOTAY_TEST_BRIDGE=1) must never reach a build that is linted for shipping.
const manifestText = readFileSync(join(dir, 'manifest.json'), 'utf8');
const bridgeLeak = manifestText.includes(BRIDGE_HOST) || manifestText.includes('sotay-test-bridge');
if (bridgeLeak) console.log(`This build contains the test bridge (${BRIDGE_HOST}): build without SOTAY_TEST_BRIDGE`);
const explained = report.warnings.filter(isPreactDangerousHtml);
const unexplained = report.warnings.filter((w) => !explained.includes(w));

console.log(`web-ext lint ${relative(process.cwd(), dir)}: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
for (const m of report.errors) console.log(`error\n${show(m)}`);
for (const m of unexplained) console.log(`warning (not accepted)\n${show(m)}`);
for (const m of report.notices) console.log(`notice\n${show(m)}`);
if (explained.length) {
  console.log(`${explained.length} accepted: innerHTML in Preact's dangerouslySetInnerHTML branch (${explained.map((m) => m.file).join(', ')});`);
  console.log(`  our sources use no HTML-string sink: ${sinks.length ? 'NO — see below' : 'checked'}`);
}
for (const s of sinks) console.log(`HTML sink in our code: ${s}`);

if (report.errors.length || unexplained.length || sinks.length || bridgeLeak) {
  console.error('lint:firefox failed');
  process.exit(1);
}
