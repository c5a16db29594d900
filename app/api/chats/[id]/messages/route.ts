// POST /api/chats/<id>/messages: sends a message (or asks for an answer again) and streams the
// answer as the AI SDK's UI message stream (server-sent events, one JSON chunk each). Body: the
// send's input without the chat id (app/(chat)/schema.ts, sendMessageSchema). A refused send answers
// { error: { code, message } } with an HTTP status (someone else's chat, a deleted one and a missing
// one: 404), before anything is saved.
//
// A route handler rather than a server action: Next.js runs a page's server actions one at a time,
// so a stop or a rename pressed while a send was on its way waited for it; and the answer is the AI
// SDK's standard stream, which any HTTP client (the load benchmark, curl) can read.
import { createUIMessageStreamResponse } from 'ai';
import { MAX_MESSAGE_CHARS } from '@/app/(chat)/schema';
import { sendChatMessage } from '@/app/(chat)/send';
import { errorResponse, FlintError, toErrorResponse } from '@/lib/errors';
import { readLimited } from '@/lib/files/read-limited';
import { sameOrigin } from '@/lib/same-origin';

export const dynamic = 'force-dynamic';

/** Room for the longest message even if every character is escaped in JSON (\uXXXX), and the rest. */
const BODY_LIMIT = MAX_MESSAGE_CHARS * 6 + 16_000;

/** A comment line every 15 s keeps proxies from closing a quiet stream (a long Thinking step). */
const KEEP_ALIVE_MS = 15_000;

const tooLong = `Messages can be at most ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters.`;

const malformed = () => new FlintError('bad_request', 'The request was malformed. Reload the page and try again.');

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    if (!sameOrigin(request)) throw malformed();
    const bytes = await readLimited(request, BODY_LIMIT, 'The message').catch((error: unknown) => {
      throw error instanceof FlintError && error.code === 'too_large' ? new FlintError('too_large', tooLong) : error;
    });
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw malformed();
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformed();
    const result = await sendChatMessage({ ...body, chatId: (await params).id });
    if (!result.ok) return errorResponse(result);
    return createUIMessageStreamResponse({
      stream: result.value,
      keepAliveMs: KEEP_ALIVE_MS,
      // no-transform: not gzipped, which would cost every token a compressor flush on both ends.
      headers: { 'cache-control': 'no-store, no-transform' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
