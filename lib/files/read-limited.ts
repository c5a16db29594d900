// Reads a request body without ever holding more than the limit: the declared length is checked
// first, and the stream is abandoned as soon as it passes the limit.
import 'server-only';
import { FlintError } from '@/lib/errors';
import { tooLargeMessage } from './limits';

export async function readLimited(request: Request, limit: number, name: string): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new FlintError('too_large', tooLargeMessage(name, declared));
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new FlintError('too_large', tooLargeMessage(name));
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
