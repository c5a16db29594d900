// The transport's early send: a new message's request goes out before the page draws it, and
// useChat's own send of that message picks the request up instead of making a second one.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlintUIMessage } from '@/lib/types';

const actions = vi.hoisted(() => ({ sendChatMessage: vi.fn(), resumeChatStream: vi.fn() }));
const guest = vi.hoisted(() => ({ startGuestSession: vi.fn(async () => {}) }));
vi.mock('@/app/(chat)/actions', () => actions);
vi.mock('./guest-session', () => ({ ...guest, GuestSessionError: class extends Error {} }));

const { ActionChatTransport } = await import('./action-transport');

const stream = () => new ReadableStream();
const user = (id: string, text: string): FlintUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const settings = () => ({ mode: 'instant' as const, model: undefined, signedIn: false, newChatToken: 'token' });
const send = (transport: InstanceType<typeof ActionChatTransport>, chatId: string, messages: FlintUIMessage[]) =>
  transport.sendMessages({ chatId, messages, trigger: 'submit-message', messageId: undefined, abortSignal: undefined, body: { temporary: false } } as never);

beforeEach(() => {
  actions.sendChatMessage.mockReset();
  guest.startGuestSession.mockClear();
});

describe('ActionChatTransport.sendEarly', () => {
  it('sends at once, and the same message sent through useChat makes no second request', async () => {
    const answer = stream();
    actions.sendChatMessage.mockResolvedValue({ ok: true, value: answer });
    const transport = new ActionChatTransport(settings);
    transport.sendEarly('chat-1', user('m1', 'Hello'), { temporary: false });
    expect(actions.sendChatMessage).toHaveBeenCalledTimes(1);
    expect(actions.sendChatMessage).toHaveBeenCalledWith({
      trigger: 'submit-message',
      chatId: 'chat-1',
      mode: 'instant',
      model: undefined,
      newChatToken: 'token',
      temporary: false,
      message: { id: 'm1', text: 'Hello', attachments: [] },
    });

    await expect(send(transport, 'chat-1', [user('m0', 'Earlier'), user('m1', 'Hello')])).resolves.toBe(answer);
    expect(actions.sendChatMessage).toHaveBeenCalledTimes(1);
    // Picked up once: the next message asks afresh.
    await send(transport, 'chat-1', [user('m2', 'Again')]);
    expect(actions.sendChatMessage).toHaveBeenCalledTimes(2);
  });

  it('a different message or chat is not answered with the early request', async () => {
    actions.sendChatMessage.mockResolvedValue({ ok: true, value: stream() });
    const transport = new ActionChatTransport(settings);
    transport.sendEarly('chat-1', user('m1', 'Hello'));
    await send(transport, 'chat-2', [user('m1', 'Hello')]);
    expect(actions.sendChatMessage).toHaveBeenCalledTimes(2);
    expect(actions.sendChatMessage.mock.calls[1]![0]).toMatchObject({ chatId: 'chat-2' });
  });

  it('an early request refused for want of a session starts a guest session and sends again', async () => {
    const answer = stream();
    actions.sendChatMessage.mockResolvedValueOnce({ ok: false, code: 'unauthenticated', message: 'no session' }).mockResolvedValueOnce({ ok: true, value: answer });
    const guestStarted = vi.fn();
    const transport = new ActionChatTransport(settings, guestStarted);
    transport.sendEarly('chat-1', user('m1', 'Hello'));
    await expect(send(transport, 'chat-1', [user('m1', 'Hello')])).resolves.toBe(answer);
    expect(guest.startGuestSession).toHaveBeenCalledTimes(1);
    expect(guestStarted).toHaveBeenCalledTimes(1);
    expect(actions.sendChatMessage).toHaveBeenCalledTimes(2);
  });

  it("an early request's error is the send's error, with the server's message", async () => {
    actions.sendChatMessage.mockResolvedValue({ ok: false, code: 'quota', message: "You've used all 20 messages for today." });
    const transport = new ActionChatTransport(settings);
    transport.sendEarly('chat-1', user('m1', 'Hello'));
    await expect(send(transport, 'chat-1', [user('m1', 'Hello')])).rejects.toMatchObject({ code: 'quota', message: "You've used all 20 messages for today." });
    expect(actions.sendChatMessage).toHaveBeenCalledTimes(1);
  });
});

describe('ActionChatTransport.prepare', () => {
  it('asks the server to read ahead for the chat with a plain request (not a server action, which would queue the send behind it), carrying a new chat’s token', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    try {
      new ActionChatTransport(settings).prepare('chat-1');
      new ActionChatTransport(() => ({ ...settings(), newChatToken: undefined })).prepare('chat/2');
      expect(fetch).toHaveBeenCalledWith('/api/chats/chat-1/prepare', expect.objectContaining({ method: 'POST', body: JSON.stringify({ newChatToken: 'token' }) }));
      expect(fetch).toHaveBeenCalledWith('/api/chats/chat%2F2/prepare', expect.objectContaining({ method: 'POST', body: '{}' }));
      expect(actions.sendChatMessage).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a failed request is only a missed chance: nothing is thrown', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      expect(() => new ActionChatTransport(settings).prepare('chat-1')).not.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      vi.unstubAllGlobals();
    }
  });
});
