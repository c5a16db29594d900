// What the offline demo model can honestly say about images it receives: their format and pixel
// size as decoded, and their dominant colours counted from the pixels. Real facts, so the whole
// image path (upload, storage, sizing, request building) is exercised without an API key.
import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describeColours, dominantColours } from '@/lib/files/pixels';
import { inspectImage } from '@/lib/files/process';

const formatNames: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', gif: 'GIF', heif: 'HEIF/AVIF' };

function bytesOf(data: unknown): Uint8Array | undefined {
  const tagged = data as { type?: string; data?: unknown };
  if (tagged?.type !== 'data') return undefined;
  if (tagged.data instanceof Uint8Array) return tagged.data;
  if (typeof tagged.data === 'string') return Buffer.from(tagged.data, 'base64');
  return undefined;
}

/**
 * One line per image in the user's latest message. A sub-agent's or the synthesis's prompt ends with
 * Flint's brief as a user message of its own: for them the user's message is the one before
 * (`briefed`).
 */
export async function describePromptImages(prompt: LanguageModelV4Prompt, { briefed = false }: { briefed?: boolean } = {}): Promise<string[]> {
  const last = prompt.filter((message) => message.role === 'user').at(briefed ? -2 : -1);
  if (!last || last.role !== 'user') return [];
  const images = last.content.filter((part) => part.type === 'file' && part.mediaType.startsWith('image'));
  const facts: string[] = [];
  for (const [index, part] of images.entries()) {
    if (part.type !== 'file') continue;
    const label = `Image ${index + 1}${part.filename ? ` (“${part.filename}”)` : ''}`;
    const bytes = bytesOf(part.data);
    if (!bytes) {
      facts.push(`${label}: received as a link, which I cannot open.`);
      continue;
    }
    try {
      const { format, width, height, sample } = await inspectImage(bytes);
      const colours = dominantColours({ data: sample, channels: 4 });
      facts.push(
        `${label}: ${formatNames[format] ?? format.toUpperCase()}, ${width} × ${height} px${colours.length ? `; dominant colours ${describeColours(colours)}` : ''}`,
      );
    } catch {
      facts.push(`${label}: ${part.mediaType}, which I could not decode.`);
    }
  }
  return facts;
}
