// The transport's early send: a new message's request goes out before the page draws it, and
// useChat's own send of that message picks the request up instead of making a second one. Sends
// are plain requests to the chat's send route; its answers are made here with the AI SDK's own
// stream response, so the transport reads exactly what the server writes.
import { createUIMessageStreamResponse, type UIMessageChunk } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlintUIMessage } from '@/lib/types';

const actions = vi.hoisted(() => ({ resumeChatStream: vi.fn() }));
const guest = vi.hoisted(() => ({ startGuestSession: vi.fn(async () => {}) }));
vi.mock('@/app/(chat)/actions', () => actions);
vi.mock('./guest-session', () => ({ ...guest, GuestSessionError: class extends Error {} }));

const { ActionChatTransport } = await import('./action-transport');

const chunks: UIMessageChunk[] = [
  { type: 'start', messageId: 'a1' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Hello, ' },
  { type: 'text-delta', id: 't', delta: 'line one\n\ndata: not an event' },
  { type: 'data-quota', data: { remaining: 3 } } as UIMessageChunk,
  { type: 'text-end', id: 't' },
  { type: 'finish' },
];
const answer = () => createUIMessageStreamResponse({ stream: new ReadableStream({ start: (c) => (chunks.forEach((chunk) => c.enqueue(chunk)), c.close()) }) });
const refusal = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

async function read(stream: ReadableStream<UIMessageChunk>) {
  const out: UIMessageChunk[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

/** The page's requests: [address, parsed body]. */
const fetch = vi.fn<(url: string, init: RequestInit) => Promise<Response>>();
const sent = () => fetch.mock.calls.map(([url, init]) => [url, JSON.parse(String(init.body))]);
beforeEach(() => {
  fetch.mockReset();
  vi.stubGlobal('fetch', fetch);
  guest.startGuestSession.mockClear();
});
afterEach(() => vi.unstubAllGlobals());

const user = (id: string, text: string): FlintUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const settings = () => ({ mode: 'instant' as const, model: undefined, signedIn: false, newChatToken: 'token' });
const send = (transport: InstanceType<typeof ActionChatTransport>, chatId: string, messages: FlintUIMessage[]) =>
  transport.sendMessages({ chatId, messages, trigger: 'submit-message', messageId: undefined, abortSignal: undefined, body: { temporary: false } } as never);

describe('ActionChatTransport.sendEarly', () => {
  it('sends at once, and the same message sent through useChat makes no second request and reads the answer’s chunks', async () => {
    fetch.mockImplementation(async () => answer());
    const transport = new ActionChatTransport(settings);
    transport.sendEarly('chat-1', user('m1', 'Hello'), { temporary: false });
    expect(sent()).toEqual([
      ['/api/chats/chat-1/messages', { trigger: 'submit-message', mode: 'instant', newChatToken: 'token', temporary: false, message: { id: 'm1', text: 'Hello', attachments: [] } }],
    ]);
    expect(fetch.mock.calls[0]![1]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });

    // Every chunk as the server wrote it (text that looks like an event stays text).
    await expect(send(transport, 'chat-1', [user('m0', 'Earlier'), user('m1', 'Hello')]).then(read)).resolves.toEqual(chunks);
    expect(fetch).toHaveBeenCalledTimes(1);
    // Picked up once: the next message asks afresh.
    await send(transport, 'chat-1', [user('m2', 'Again')]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('a different message or chat is not answered with the early request', async () => {
    fetch.mockImplementation(async () => answer());
    const transport = new ActionChatTransport(settings);
    transport.sendEarly('chat-1', user('m1', 'Hello'));
    await send(transport, 'chat/2', [user('m1', 'Hello')]);
    expect(sent().map(([url]) => url)).toEqual(['/api/chats/chat-1/messages', '/api/chats/chat%2F2/messages']);
  });

  it('an early request refused for want of a session starts a guest session and sends again', async () => {
    fetch.mockResolvedValueOnce(refusal(401, 'unauthenticated', 'no session')).mockImplementationOnce(async () => answer());
    const guestStarted = vi.fn();
    const transport = new ActionChatTransport(settings, guestStarted);
    transport.sendEarly('chat-1', user('m1', 'Hello'));
    await expect(send(transport, 'chat-1', [user('m1', 'Hello')]).then(read)).resolves.toEqual(chunks);
    expect(guest.startGuestSession).toHaveBeenCalledTimes(1);
    expect(guestStarted).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(sent()[1]).toMatchObject(['/api/chats/chat-1/messages', { trigger: 'submit-message', message: { id: 'm1', text: 'Hello' } }]);
  });

  it("an early request's error is the send's error, with the server's message", async () => {
    fetch.mockResolvedValue(refusal(429, 'quota', "You've used all 20 messages for today."));
    const transport = new ActionChatTransport(settings);
    transport.sendEarly('chat-1', user('m1', 'Hello'));
    await expect(send(transport, 'chat-1', [user('m1', 'Hello')])).rejects.toMatchObject({ code: 'quota', message: "You've used all 20 messages for today." });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('an answer from something in front of Flint (a proxy’s error page) says what happened', async () => {
    fetch.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    await expect(send(new ActionChatTransport(settings), 'chat-1', [user('m1', 'Hello')])).rejects.toMatchObject({
      code: 'internal',
      message: 'The server could not take the message (HTTP 502). Your messages are saved; try again in a moment.',
    });
  });

  it('an early request that could not reach the server is the send’s failure, not an unhandled rejection', async () => {
    fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    const transport = new ActionChatTransport(settings);
    await expect(transport.sendEarly('chat-1', user('m1', 'Hello'))).resolves.toBeUndefined();
    await expect(send(transport, 'chat-1', [user('m1', 'Hello')])).rejects.toThrow('Failed to fetch');
  });
});

describe('ActionChatTransport.prepare', () => {
  it('asks the server to read ahead for the chat with a plain request, carrying a new chat’s token', async () => {
    fetch.mockResolvedValue(new Response(null, { status: 204 }));
    new ActionChatTransport(settings).prepare('chat-1');
    new ActionChatTransport(() => ({ ...settings(), newChatToken: undefined })).prepare('chat/2');
    expect(fetch).toHaveBeenCalledWith('/api/chats/chat-1/prepare', expect.objectContaining({ method: 'POST', body: JSON.stringify({ newChatToken: 'token' }) }));
    expect(fetch).toHaveBeenCalledWith('/api/chats/chat%2F2/prepare', expect.objectContaining({ method: 'POST', body: '{}' }));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('a failed request is only a missed chance: nothing is thrown', async () => {
    fetch.mockRejectedValue(new TypeError('offline'));
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      expect(() => new ActionChatTransport(settings).prepare('chat-1')).not.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
