// Test images, generated (never downloaded): good images of every accepted format, and a corpus of
// bad input: a text file renamed .png, an empty file, a truncated JPEG, a PNG whose header declares
// 30000 × 30000 pixels, an SVG with a script, a 25 MB file and a corrupt GIF. Shared by the Vitest
// and Playwright suites.
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';

export interface TestFile {
  name: string;
  /** What a browser would claim (the server ignores it). */
  mimeType: string;
  buffer: Buffer;
}

function rawPhoto(width: number, height: number, seed = 1) {
  // A smooth scene with sensor-like noise: sky gradient, a warm "sun", a green "field".
  const data = Buffer.alloc(width * height * 3);
  let state = seed;
  const noise = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return (state % 29) - 14;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const field = y > height * 0.6;
      const sun = (x - width * 0.7) ** 2 + (y - height * 0.25) ** 2 < (height * 0.1) ** 2;
      const [r, g, b] = sun ? [250, 200, 60] : field ? [50, 130 + (y % 20), 40] : [80 + (y * 100) / height, 140 + (y * 60) / height, 230];
      data[i] = Math.max(0, Math.min(255, r + noise()));
      data[i + 1] = Math.max(0, Math.min(255, g + noise()));
      data[i + 2] = Math.max(0, Math.min(255, b + noise()));
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

export const GPS_MARKER = 'FlintTestGPS-51.5007N-0.1246W';
const xmpWithGps = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.042N" exif:GPSLongitude="0,7.476W" exif:UserComment="${GPS_MARKER}"/>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/**
 * A camera-like JPEG stored sideways (landscape pixels with EXIF orientation 6, "rotate 90° to
 * show"), carrying EXIF text and an XMP GPS position that must not survive.
 */
export async function cameraJpeg(width = 1600, height = 1200): Promise<Buffer> {
  return rawPhoto(width, height)
    .withExif({ IFD0: { Make: 'FlintCam', Model: GPS_MARKER, Copyright: GPS_MARKER } })
    .withXmp(xmpWithGps)
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export async function photo(format: 'jpeg' | 'png' | 'webp' | 'avif', width = 800, height = 600): Promise<Buffer> {
  const image = rawPhoto(width, height, width + height);
  if (format === 'jpeg') return image.jpeg({ quality: 85 }).toBuffer();
  if (format === 'png') return image.png().toBuffer();
  if (format === 'webp') return image.webp({ quality: 80 }).toBuffer();
  return image.avif({ quality: 50, effort: 0 }).toBuffer();
}

/** Pure noise compresses badly: a large file from a modest pixel count (5000 × 4000 at q85 is about 14 MB). */
export async function noiseJpeg(width = 5000, height = 4000, quality = 85): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  let state = 7;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    data[i] = state >> 23;
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/** A flat-colour image: one colour filling the frame (easy to check colours against). */
export async function solid(colour: string, width = 320, height = 200, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: colour } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 92 }).toBuffer();
}

/** A chart-like graphic: white background, a blue block and an orange block. */
export async function chart(width = 1000, height = 700): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#ffffff"/>
    <rect x="${width * 0.1}" y="${height * 0.3}" width="${width * 0.35}" height="${height * 0.6}" fill="#1d4ed8"/>
    <rect x="${width * 0.55}" y="${height * 0.55}" width="${width * 0.2}" height="${height * 0.35}" fill="#f97316"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A two-frame animated GIF: a red first frame, a blue second one. */
export async function animatedGif(width = 120, height = 80): Promise<Buffer> {
  const frames = await Promise.all(['#e11d48', '#2563eb'].map((c) => sharp({ create: { width, height, channels: 3, background: c } }).png().toBuffer()));
  return sharp(frames, { join: { animated: true } }).gif({ delay: [200, 200], loop: 0 }).toBuffer();
}

export const LOREM = 'the quick brown fox jumps over lazy dogs while seven wizards quietly pack boxes of liquor jugs'.split(' ');

/**
 * A tall "screenshot": black text in a small font (`fontPx` pixels, about what a UI uses at 1×) on
 * white, one line every `linePx` pixels. Returns the image and the words it shows.
 */
export async function textScreenshot(width: number, height: number, { fontPx = 13, linePx = 22 } = {}): Promise<{ buffer: Buffer; lines: string[] }> {
  const lines: string[] = [];
  const rows: string[] = [];
  for (let y = linePx, n = 0; y < height - 4; y += linePx, n++) {
    const words = Array.from({ length: Math.max(4, Math.floor(width / (fontPx * 4.2))) }, (_, i) => LOREM[(n * 7 + i * 3) % LOREM.length]!);
    const line = `${n + 1}. ${words.join(' ')}`;
    lines.push(line);
    rows.push(`<text x="8" y="${y}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="${fontPx}" fill="#111111">${line}</text>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#ffffff"/>${rows.join('')}</svg>`;
  return { buffer: await sharp(Buffer.from(svg)).png().toBuffer(), lines };
}

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A tiny, well-formed PNG file whose header declares `size` × `size` pixels (a decompression bomb). */
export function pngBomb(size = 30_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.alloc(1 + size * 3);
  // A few rows of zeros compress to almost nothing; the rest would expand to 2.7 GB.
  const idat = deflateSync(Buffer.concat([row, row, row]), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The bad-input corpus, each with a word the refusal message must contain. */
export async function badCorpus(): Promise<Array<TestFile & { expect: RegExp }>> {
  const jpeg = await photo('jpeg', 900, 700);
  const gif = await animatedGif();
  const corruptGif = Buffer.concat([gif.subarray(0, 13), Buffer.from('this is not LZW data at all, just noise '.repeat(20))]);
  return [
    { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('Shopping list:\n- milk\n- eggs\nThis is a text file with a .png name.\n'), expect: /not an image/ },
    { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0), expect: /empty/ },
    { name: 'truncated.jpg', mimeType: 'image/jpeg', buffer: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), expect: /damaged or incomplete/ },
    { name: 'bomb.png', mimeType: 'image/png', buffer: pngBomb(), expect: /30,000 × 30,000 pixels/ },
    {
      name: 'drawing.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
      expect: /SVG/,
    },
    { name: 'corrupt.gif', mimeType: 'image/gif', buffer: corruptGif, expect: /damaged or incomplete/ },
  ];
}

/** A file of `bytes` bytes that starts like a JPEG (the size is what is wrong with it). */
export function oversized(bytes = 25 * 1024 * 1024): Buffer {
  const buffer = Buffer.alloc(bytes);
  buffer.set([0xff, 0xd8, 0xff, 0xe0]);
  return buffer;
}

/** An ISO-BMFF file branded HEIC whose content no decoder can read (HEIC support varies by build). */
export function undecodableHeic(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'ascii');
  ftyp.write('mif1heic', 16, 'ascii');
  return Buffer.concat([ftyp, Buffer.alloc(200, 7)]);
}
