// Facts computed from pixels: dominant colours (with everyday names) and whether an image is a
// photo or a graphic (a screenshot, chart or document: large flat areas of few colours). Pure
// functions over raw RGB(A) samples, so they are cheap and testable without an image library.

export interface DominantColour {
  hex: string;
  name: string;
  /** Fraction of the sampled pixels, 0–1. */
  share: number;
}

export type ImageKind = 'photo' | 'graphic';

export interface RawSample {
  data: Uint8Array;
  channels: number;
}

function hex(r: number, g: number, b: number) {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/** An everyday name for a colour, from its hue, saturation and lightness. */
export function colourName(r: number, g: number, b: number): string {
  const [rf, gf, bf] = [r / 255, g / 255, b / 255];
  const max = Math.max(rf, gf, bf);
  const min = Math.min(rf, gf, bf);
  const l = (max + min) / 2;
  const d = max - min;
  const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  if (s < 0.15 || d < 0.06) {
    if (l < 0.12) return 'black';
    if (l < 0.35) return 'dark grey';
    if (l < 0.7) return 'grey';
    if (l < 0.93) return 'light grey';
    return 'white';
  }
  let h = 0;
  if (max === rf) h = ((gf - bf) / d) % 6;
  else if (max === gf) h = (bf - rf) / d + 2;
  else h = (rf - gf) / d + 4;
  h = (h * 60 + 360) % 360;
  let name: string;
  if (h < 15 || h >= 345) name = 'red';
  else if (h < 40) name = l < 0.4 ? 'brown' : 'orange';
  else if (h < 66) name = l < 0.35 ? 'olive' : 'yellow';
  else if (h < 165) name = 'green';
  else if (h < 195) name = 'teal';
  else if (h < 255) name = 'blue';
  else if (h < 290) name = 'purple';
  else name = 'pink';
  if (name === 'brown' || name === 'olive') return name;
  if (l < 0.35) return `dark ${name}`;
  if (l > 0.78) return `light ${name}`;
  return name;
}

/**
 * The most common colours of a sample: pixels are grouped into 512 buckets (8 levels per channel),
 * and each of the largest buckets is reported as the average of its pixels. Transparent pixels do
 * not count.
 */
export function dominantColours(sample: RawSample, limit = 3, minShare = 0.03): DominantColour[] {
  const { data, channels } = sample;
  const buckets = new Map<number, { n: number; r: number; g: number; b: number }>();
  let counted = 0;
  for (let i = 0; i + channels <= data.length; i += channels) {
    if (channels === 4 && data[i + 3]! < 128) continue;
    const r = data[i]!;
    const g = channels >= 3 ? data[i + 1]! : r;
    const b = channels >= 3 ? data[i + 2]! : r;
    const key = ((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5);
    const bucket = buckets.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    bucket.n++;
    bucket.r += r;
    bucket.g += g;
    bucket.b += b;
    buckets.set(key, bucket);
    counted++;
  }
  if (!counted) return [];
  return [...buckets.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, limit)
    .filter((bucket) => bucket.n / counted >= minShare)
    .map((bucket) => {
      const [r, g, b] = [bucket.r / bucket.n, bucket.g / bucket.n, bucket.b / bucket.n];
      return { hex: hex(r, g, b), name: colourName(r, g, b), share: bucket.n / counted };
    });
}

/**
 * Screenshots, charts and documents are mostly flat colour: in a sample taken without smoothing
 * (nearest-neighbour), their 8 most common colours (at 64 levels per channel) cover most of the
 * pixels. Photos spread over many shades because of light, texture and sensor noise.
 */
export function classifyKind(sample: RawSample): ImageKind {
  const { data, channels } = sample;
  const counts = new Map<number, number>();
  let total = 0;
  for (let i = 0; i + channels <= data.length; i += channels) {
    const r = data[i]!;
    const g = channels >= 3 ? data[i + 1]! : r;
    const b = channels >= 3 ? data[i + 2]! : r;
    const key = ((r >> 2) << 12) | ((g >> 2) << 6) | (b >> 2);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  }
  if (!total) return 'photo';
  const top = [...counts.values()].sort((a, b) => b - a).slice(0, 8).reduce((sum, n) => sum + n, 0);
  return top / total >= 0.6 ? 'graphic' : 'photo';
}

/** `mostly white (#FFFFFF, 62%), dark blue (#1E3A8A, 20%)` */
export function describeColours(colours: DominantColour[]): string {
  return colours.map((c) => `${c.name} (${c.hex}, ${Math.round(c.share * 100)}%)`).join(', ');
}
