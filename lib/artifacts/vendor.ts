// Libraries an artifact may load. Flint serves them itself, from its own npm dependencies, at
// /api/artifacts/vendor/<file>: the sandbox allows no other script source, so nothing comes from a
// CDN and nothing can be swapped by a third party.

export const VENDOR_PATH = '/api/artifacts/vendor/';

export interface VendorLibrary {
  /** Where the file is, relative to the project root. */
  source: string;
  /** The global the script defines. */
  global: string;
  /** One line for the model's instructions; libraries without one are used by Flint's own wrappers only. */
  advertised?: string;
}

export const vendorLibraries = {
  'chart.js': {
    source: 'node_modules/chart.js/dist/chart.umd.min.js',
    global: 'Chart',
    advertised: 'Chart.js 4 (global `Chart`): bar, line, pie, doughnut, radar, scatter and bubble charts on a <canvas>.',
  },
  'flint-game.js': {
    source: 'lib/artifacts/sandbox/flint-game.js',
    global: 'FlintGame',
    advertised:
      'Flint’s tiny game helper (global `FlintGame`): `FlintGame.canvas()` gives a full-window, sharp {canvas, ctx, width, height}; `FlintGame.loop((dt) => { update; draw })` runs at 60 fps with dt in seconds; `FlintGame.keys.has("ArrowLeft")`; `FlintGame.pointer` ({x, y, down}, mouse and touch); helpers `clamp`, `random`, `overlaps(a, b)` for {x, y, w, h} boxes.',
  },
  'mermaid.js': { source: 'node_modules/mermaid/dist/mermaid.min.js', global: 'mermaid' },
  'marked.js': { source: 'node_modules/marked/lib/marked.umd.js', global: 'marked' },
} satisfies Record<string, VendorLibrary>;

export type VendorFile = keyof typeof vendorLibraries;

export function vendorUrl(file: VendorFile) {
  return `${VENDOR_PATH}${file}`;
}

export function isVendorFile(file: string): file is VendorFile {
  return Object.hasOwn(vendorLibraries, file);
}
