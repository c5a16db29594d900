// POST /api/chats/<id>/prepare: the page's composer has text, so a message to this chat is coming.
// The server reads what that send will need (lib/runs/prepared.ts) and the send only counts the
// message and asks the model. Body: { newChatToken? } for a chat not created yet. Answers 204, or
// { error: { code, message } } (someone else's chat, a deleted one and a missing one: 404).
//
// Not a server action: Next.js runs a page's server actions one at a time, so a send made while
// this was on its way would wait for it.
import { z } from 'zod';
import { chatIdSchema } from '@/app/(chat)/schema';
import { getCurrentUser } from '@/lib/auth/session';
import { FlintError, toErrorResponse } from '@/lib/errors';
import { readLimited } from '@/lib/files/read-limited';
import { prepareTurn } from '@/lib/runs/prepared';
import { sameOrigin } from '@/lib/same-origin';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ newChatToken: z.string().max(100).optional() }).strict();

const malformed = () => new FlintError('bad_request', 'The request was malformed. Reload the page and try again.');

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const chat = chatIdSchema.safeParse({ chatId: (await params).id });
    if (!chat.success || !sameOrigin(request)) throw malformed();
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(await readLimited(request, 1_000, 'The request')) || '{}');
    } catch {
      // Too long or not JSON: nothing the page sends.
      throw malformed();
    }
    const body = bodySchema.safeParse(json);
    if (!body.success) throw malformed();
    const user = await getCurrentUser();
    if (!user) throw new FlintError('unauthenticated', 'Your session has ended. Reload the page to continue.');
    await prepareTurn(user.id, chat.data.chatId, body.data.newChatToken);
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
