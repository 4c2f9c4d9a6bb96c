/** Bundling project code for benchmark pages with esbuild: the `@/` import alias the WXT build resolves. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';

/** Resolves `@/x` to `sourceRoot/x` (.ts, .tsx or a folder's index.ts), as tsconfig's paths do. */
export function projectAlias(sourceRoot: string): Plugin {
  return {
    name: 'project-alias',
    setup(context) {
      context.onResolve({ filter: /^@\// }, (args) => {
        const base = resolve(sourceRoot, args.path.slice(2));
        const file = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((candidate) => existsSync(candidate));
        return { path: file ?? base };
      });
    },
  };
}
