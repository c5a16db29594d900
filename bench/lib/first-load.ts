// First-load JavaScript of a route, from the production build's manifests: the scripts a browser
// runs before the page is interactive, as Next.js writes them into the page. Those are the build's
// root main files (React, the router, Turbopack's runtime) and the route's entry chunks (its layouts
// and page with their client components), from the route's client-reference manifest. The legacy
// polyfills are left out: Next.js loads them with `nomodule`, which every current browser skips.
// Chunks loaded later by a dynamic import (Markdown, math and code highlighting, the artifact panel,
// the auth client) are not first-load.
//
// Sizes are gzip at level 9, per file, as a server or CDN sends them compressed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

export interface ScriptSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface FirstLoad {
  route: string;
  files: ScriptSize[];
  bytes: number;
  gzipBytes: number;
}

export function scriptSize(nextDir: string, file: string): ScriptSize {
  const content = readFileSync(path.join(nextDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

interface ClientReferenceManifest {
  entryJSFiles: Record<string, string[]>;
}

/** The client-reference manifest of an app route such as `/(chat)/page`. */
function clientManifest(nextDir: string, route: string): ClientReferenceManifest {
  const file = path.join(nextDir, 'server', 'app', `${route}_client-reference-manifest.js`);
  const sandbox: { globalThis?: Record<string, unknown>; __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  sandbox.globalThis = sandbox as Record<string, unknown>;
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[route];
  if (!manifest) throw new Error(`no client-reference manifest for ${route} in ${file}`);
  return manifest;
}

/**
 * The script files a browser loads first on `route` (e.g. `/(chat)/page`), in load order: the root
 * main files, then the entry chunks of every module of the route's tree that the manifest lists
 * (its layouts, its not-found and error boundaries, the page).
 */
export function firstLoadFiles(nextDir: string, route: string): string[] {
  const build = JSON.parse(readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const entries = clientManifest(nextDir, route).entryJSFiles;
  if (!entries[`[project]/app${route}`]) throw new Error(`the manifest of ${route} has no entry for [project]/app${route}`);
  return [...new Set([...build.rootMainFiles, ...Object.values(entries).flat()])];
}

export function firstLoadJs(nextDir: string, route: string): FirstLoad {
  const files = firstLoadFiles(nextDir, route).map((file) => scriptSize(nextDir, file));
  return {
    route,
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

export const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
