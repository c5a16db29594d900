// The send route (POST /api/chats/<id>/messages) with the page's transport in front of it: the
// browser's fetch is answered by the route itself, so the transport's request, the route's
// validation, the run on the offline model and the server-sent events in both directions are the
// real ones. PGlite and PostgreSQL.
import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_MESSAGE_CHARS } from '@/app/(chat)/schema';
import { ActionChatTransport, ChatActionError } from '@/components/chat/action-transport';
import { answerWithOfflineModel } from '@/lib/ai/test-offline';
import { actAs, createGuest, type TestUser } from '@/lib/auth/test-session';
import { mintChatId } from '@/lib/chat-ids';
import { listMessages } from '@/lib/db/messages';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import { activeRunForChat } from '@/lib/runs/registry';
import type { FlintUIMessage } from '@/lib/types';
import { POST } from './route';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

answerWithOfflineModel();

const origin = 'http://localhost:3000';
const post = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  POST(new Request(`${origin}/api/chats/${encodeURIComponent(id)}/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }), {
    params: Promise.resolve({ id }),
  });

/** The page's fetch, answered by the route (only the send route: anything else is a test error). */
const requests: Array<{ url: string; body: unknown }> = [];
beforeEach(() => {
  requests.length = 0;
  vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
    const url = new URL(input, origin);
    const match = /^\/api\/chats\/([^/]+)\/messages$/.exec(url.pathname);
    if (!match) throw new Error(`unexpected request to ${url.pathname}`);
    requests.push({ url: url.pathname, body: JSON.parse(String(init.body)) });
    return POST(new Request(url, { ...init, headers: { ...(init.headers as Record<string, string>), origin, host: new URL(origin).host } }), { params: Promise.resolve({ id: decodeURIComponent(match[1]!) }) });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  actAs(null);
});

const newId = () => `m-${Math.random().toString(36).slice(2)}`;
const user = (id: string, text: string): FlintUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });

async function finalMessage(stream: ReadableStream<UIMessageChunk>) {
  let last: FlintUIMessage | undefined;
  for await (const message of readUIMessageStream<FlintUIMessage>({ stream })) last = message;
  return last!;
}

const textOf = (message: FlintUIMessage) => message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`the send route on ${kind}`, () => {
    useTestDatabase(kind);
    let guest: TestUser;
    beforeEach(async () => {
      guest = await createGuest();
      actAs(guest);
    });

    it('streams the answer to the page as server-sent events, and the answer is saved', async () => {
      const { chatId, token } = await mintChatId();
      const transport = new ActionChatTransport(() => ({ mode: 'instant', signedIn: false, newChatToken: token }));
      const id = newId();
      transport.sendEarly(chatId, user(id, 'Name three rivers of Europe'));
      const stream = await transport.sendMessages({ chatId, messages: [user(id, 'Name three rivers of Europe')], trigger: 'submit-message', messageId: undefined, abortSignal: undefined } as never);
      const shown = await finalMessage(stream);

      // One request, carrying only the new message (the chat id is in the address).
      expect(requests).toEqual([
        {
          url: `/api/chats/${chatId}/messages`,
          body: { trigger: 'submit-message', mode: 'instant', newChatToken: token, message: { id, text: 'Name three rivers of Europe', attachments: [] } },
        },
      ]);
      expect(shown.role).toBe('assistant');
      expect(textOf(shown)).toContain('> Name three rivers of Europe');
      expect(shown.metadata).toMatchObject({ status: 'done', mode: 'instant', model: 'offline:demo' });
      await vi.waitFor(() => expect(activeRunForChat(chatId)).toBeUndefined());
      const saved = await listMessages(chatId);
      expect(saved.map((m) => [m.id, m.role])).toEqual([
        [id, 'user'],
        [shown.id, 'assistant'],
      ]);
      expect(textOf(saved[1]!)).toBe(textOf(shown));

      // Asking again for that answer goes through the same route.
      const again = await transport.sendMessages({ chatId, messages: saved, trigger: 'regenerate-message', messageId: shown.id, abortSignal: undefined } as never);
      expect((await finalMessage(again)).metadata).toMatchObject({ status: 'done' });
      expect(requests[1]).toEqual({ url: `/api/chats/${chatId}/messages`, body: { trigger: 'regenerate-message', mode: 'instant', messageId: shown.id } });
    });

    it('a refused send is the server’s code and sentence on the page, and nothing is saved', async () => {
      const transport = new ActionChatTransport(() => ({ mode: 'instant', signedIn: false }));
      const missing = (await mintChatId()).chatId;
      // No token: the id was never handed out as a new chat, so to this user it does not exist.
      const refused = transport.sendMessages({ chatId: missing, messages: [user('m1', 'hello')], trigger: 'submit-message', messageId: undefined, abortSignal: undefined } as never);
      await expect(refused).rejects.toBeInstanceOf(ChatActionError);
      await expect(refused).rejects.toMatchObject({ code: 'not_found', message: 'This chat does not exist or was deleted. Start a new chat from the sidebar.' });
      expect(await listMessages(missing)).toEqual([]);
    });

    it('answers malformed, foreign and oversized requests with a status and a sentence, before anything runs', async () => {
      const { chatId, token } = await mintChatId();
      const message = (text: string) => ({ trigger: 'submit-message', mode: 'instant', newChatToken: token, message: { id: newId(), text } });
      const cases: Array<[string, Response, number, string, string | RegExp]> = [
        ['not JSON', await post(chatId, '{"trigger":'), 400, 'bad_request', 'The request was malformed. Reload the page and try again.'],
        ['a JSON array', await post(chatId, [message('hi')]), 400, 'bad_request', 'The request was malformed. Reload the page and try again.'],
        ['a bad chat id', await post('../etc', message('hi')), 400, 'bad_request', 'The request was malformed (chatId). Reload the page and try again.'],
        ['an empty message', await post(chatId, message('  ')), 400, 'bad_request', 'Type a message before sending.'],
        ['a message over the limit', await post(chatId, message('x'.repeat(MAX_MESSAGE_CHARS + 1))), 400, 'bad_request', 'Messages can be at most 32,000 characters.'],
        ['another site’s page', await post(chatId, message('hi'), { origin: 'https://evil.example' }), 400, 'bad_request', 'The request was malformed. Reload the page and try again.'],
        ['a body far past any message', await post(chatId, message('x'.repeat(MAX_MESSAGE_CHARS * 7))), 413, 'too_large', 'Messages can be at most 32,000 characters.'],
      ];
      for (const [name, response, status, code, sentence] of cases) {
        expect(response.status, name).toBe(status);
        expect(response.headers.get('cache-control'), name).toBe('no-store');
        const { error } = (await response.json()) as { error: { code: string; message: string } };
        expect(error.code, name).toBe(code);
        expect(error.message, name).toMatch(sentence);
      }
      // The longest allowed message, every character escaped in JSON, still reaches validation.
      const longest = await post(chatId, JSON.stringify(message('\u0001'.repeat(MAX_MESSAGE_CHARS))));
      expect(longest.headers.get('content-type')).toMatch(/^text\/event-stream/);
      // Never stored, and never compressed by the server (a compressor would hold or flush every token).
      expect(longest.headers.get('cache-control')).toBe('no-store, no-transform');
      await longest.body!.cancel();
      await vi.waitFor(() => expect(activeRunForChat(chatId)).toBeUndefined());
    });

    it('without a session asks for one (401), and the page starts a guest session and sends again', async () => {
      const { chatId, token } = await mintChatId();
      actAs(null);
      const response = await post(chatId, { trigger: 'submit-message', mode: 'instant', newChatToken: token, message: { id: 'm1', text: 'hi' } });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');

      // Signed in with an account whose session ended: no guest session, a sentence instead.
      const transport = new ActionChatTransport(() => ({ mode: 'instant', signedIn: true, newChatToken: token }));
      await expect(transport.sendMessages({ chatId, messages: [user('m1', 'hi')], trigger: 'submit-message', messageId: undefined, abortSignal: undefined } as never)).rejects.toMatchObject({
        code: 'unauthenticated',
        message: 'Your session has ended. Sign in again to keep chatting; your chats are safe.',
      });
    });
  });
}
