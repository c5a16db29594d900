// Lets Node run the benchmarks' TypeScript as is (Node >= 22.18 strips the types): the `@/` alias,
// extensionless relative imports and an empty `server-only`, which the bundler and Vitest normally
// provide. Loaded first with `node --import ./bench/support/hooks.ts bench/<name>.ts`.
import { existsSync, statSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFile(base: string) {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return pathToFileURL(candidate).href;
  }
  return undefined;
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'server-only') return { url: pathToFileURL(path.join(root, 'node_modules/server-only/empty.js')).href, shortCircuit: true };
    const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
    const base = specifier.startsWith('@/')
      ? path.join(root, specifier.slice(2))
      : parent && /^\.\.?\//.test(specifier) && !parent.includes(`${path.sep}node_modules${path.sep}`)
        ? path.resolve(path.dirname(parent), specifier)
        : undefined;
    const url = base && sourceFile(base);
    return url ? { url, shortCircuit: true } : nextResolve(specifier, context);
  },
});
