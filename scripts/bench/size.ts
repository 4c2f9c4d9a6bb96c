/**
 * Size of each built entry point, raw and gzip (what a user downloads and what the browser parses on
 * every portal page for the content script). Run after `npm run build`; `npm run bench:size` builds first.
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { EXTENSION_DIR } from '../lib/browser';

const dir = EXTENSION_DIR;
if (!existsSync(join(dir, 'manifest.json'))) throw new Error('Build first: npm run build');

/** The files an HTML entry loads (scripts, module preloads, stylesheets), and what those import. */
function filesOfHtml(html: string): string[] {
  const refs = [...readFileSync(join(dir, html), 'utf8').matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs.flatMap((file) => [file, ...importsOf(file)]))];
}

function importsOf(file: string, seen = new Set<string>()): string[] {
  if (!file.endsWith('.js') || seen.has(file)) return [];
  seen.add(file);
  const code = readFileSync(join(dir, file), 'utf8');
  const imported = [...code.matchAll(/from\s*"(\.{1,2}\/[^"]+\.js)"/g)].map((m) => join(dirname(file), m[1]!));
  return imported.flatMap((f) => [f, ...importsOf(f, seen)]);
}

const entries: Record<string, string[]> = {
  'content script': ['content-scripts/content.js'],
  background: ['background.js'],
  popup: ['popup.html', ...filesOfHtml('popup.html')],
  options: ['options.html', ...filesOfHtml('options.html')],
};

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log('entry point       raw        gzip');
for (const [name, files] of Object.entries(entries)) {
  const unique = [...new Set(files)];
  const raw = unique.reduce((sum, f) => sum + readFileSync(join(dir, f)).length, 0);
  const gz = unique.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  console.log(`${name.padEnd(16)} ${kb(raw).padStart(9)}  ${kb(gz).padStart(9)}   (${unique.length} files)`);
}
