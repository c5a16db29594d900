// How big an image is when a model receives it: small enough for the provider, large enough to read.
//
// The rule (README › Images):
// - Every provider has a long-edge limit L (lib/ai/models.ts: Anthropic 1568 px, OpenAI 2048,
//   Google 3072, others 2048); a larger image would be shrunk again on their side.
// - Photos are fitted inside L × L. Nothing in a photo needs more than that.
// - Graphics (screenshots, charts, documents: recognised by their flat colours) are shrunk at most
//   until their SHORT edge is TEXT_SHORT_EDGE (1280 px, or L if smaller). A 1× desktop screenshot
//   keeps every pixel; a 2× (Retina) one comes back to about its 1× size; a phone screenshot keeps
//   its full width. Text stays as tall as it was on a 1× screen, where people read it.
// - If that image is still longer than L, it is cut into overlapping tiles of at most L × L, in
//   reading order (top to bottom, then left to right), each sent as its own image with a note
//   saying which part it is. The overlap (64 px) means a line of text cut by one edge appears
//   whole in the next tile.
// - At most MAX_TILES tiles per image; a graphic that would need more is shrunk just enough to fit.
// Never enlarged. Tested with a generated screenshot of small text (model-size.test.ts).
import 'server-only';
import sharp from 'sharp';
import type { ImageKind } from './pixels';

export const TEXT_SHORT_EDGE = 1280;
export const TILE_OVERLAP = 64;
export const MAX_TILES = 6;

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface ModelImagePlan {
  /** Scale applied to the source (≤ 1). */
  scale: number;
  /** Size after scaling. */
  width: number;
  height: number;
  /** Areas of the scaled image sent as separate images; one tile means no cutting. */
  tiles: Rect[];
}

function axis(length: number, limit: number): Array<{ start: number; size: number }> {
  if (length <= limit) return [{ start: 0, size: length }];
  const count = Math.ceil((length - TILE_OVERLAP) / (limit - TILE_OVERLAP));
  const size = Math.min(limit, Math.ceil((length + (count - 1) * TILE_OVERLAP) / count));
  const step = (length - size) / (count - 1);
  return Array.from({ length: count }, (_, i) => ({ start: Math.round(i * step), size }));
}

function tilesFor(width: number, height: number, limit: number): Rect[] {
  const rows = axis(height, limit);
  const cols = axis(width, limit);
  return rows.flatMap((row) => cols.map((col) => ({ left: col.start, top: row.start, width: col.size, height: row.size })));
}

function scaled(width: number, height: number, scale: number) {
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function planModelImage({ width, height, kind }: { width: number; height: number; kind: ImageKind }, limit: number): ModelImagePlan {
  const fit = Math.min(1, limit / Math.max(width, height));
  if (kind === 'photo' || fit === 1) {
    const size = scaled(width, height, fit);
    return { scale: fit, ...size, tiles: [{ left: 0, top: 0, ...size }] };
  }
  const shortEdge = Math.min(width, height);
  let scale = Math.max(fit, Math.min(1, Math.min(TEXT_SHORT_EDGE, limit) / shortEdge));
  for (;;) {
    const size = scaled(width, height, scale);
    const tiles = tilesFor(size.width, size.height, limit);
    if (tiles.length <= MAX_TILES || scale <= fit) return { scale, ...size, tiles };
    scale = Math.max(fit, scale * 0.95);
  }
}

export interface ModelImage {
  bytes: Buffer;
  mediaType: string;
  width: number;
  height: number;
}

/** Above this a tile is sent as JPEG even if it is a graphic (providers cap each image at ~5 MB). */
const MAX_TILE_BYTES = 3.5 * 1024 * 1024;

/** Renders the plan from the stored full image (already upright and without metadata). */
export async function renderModelImage(full: Uint8Array, kind: ImageKind, plan: ModelImagePlan): Promise<ModelImage[]> {
  const resized = await sharp(full, { limitInputPixels: false })
    .resize(plan.width, plan.height, { fit: 'fill', kernel: 'lanczos3' })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const source = () => sharp(resized.data, { raw: { width: resized.info.width, height: resized.info.height, channels: resized.info.channels } });
  return Promise.all(
    plan.tiles.map(async (tile) => {
      const region = plan.tiles.length === 1 ? source() : source().extract(tile);
      if (kind === 'graphic') {
        const png = await region.clone().png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
        if (png.length <= MAX_TILE_BYTES) return { bytes: png, mediaType: 'image/png', width: tile.width, height: tile.height };
      }
      const jpeg = await region.jpeg({ quality: kind === 'graphic' ? 92 : 85 }).toBuffer();
      return { bytes: jpeg, mediaType: 'image/jpeg', width: tile.width, height: tile.height };
    }),
  );
}
