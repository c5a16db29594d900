// useChat's transport over server actions: sending returns the run's stream of UI message chunks;
// reconnecting rejoins a run still being written. The server loads history from the database, so
// only the new message's id, text and image ids travel (image bytes were uploaded before).
import type { ChatTransport, UIMessageChunk } from 'ai';
import { resumeChatStream, sendChatMessage } from '@/app/(chat)/actions';
import type { ErrorCode } from '@/lib/errors';
import { imageIdOf } from '@/lib/files/image-parts';
import type { ChatMode, FlintUIMessage } from '@/lib/types';
import { GuestSessionError, startGuestSession } from './guest-session';

export class ChatActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ChatActionError';
  }
}

export interface TransportSettings {
  mode: ChatMode;
  /** A picked model id, or undefined for the mode's configured model. */
  model?: string;
  /** Someone signed in with an account (not a guest, not a first-time visitor). */
  signedIn: boolean;
  /** For a chat not created yet: the server's signature of its id. */
  newChatToken?: string;
}

function textOf(message: Pick<FlintUIMessage, 'parts'>) {
  return message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

function attachmentsOf(message: Pick<FlintUIMessage, 'parts'>) {
  return message.parts.flatMap((part) => (part.type === 'file' ? (imageIdOf(part) ?? []) : []));
}

export class ActionChatTransport implements ChatTransport<FlintUIMessage> {
  /** Reconnecting replays the run from its first chunk, so the SDK starts the message afresh. */
  readonly resumeStreamIsReplay = true;

  constructor(
    private readonly settings: () => TransportSettings,
    private readonly onGuestStarted: () => void = () => {},
    /**
     * Called when reconnecting found the answer still being written (live) or not; then with the
     * chat's newest saved message, which may have ended since the page was rendered.
     */
    private readonly onResume: (live: boolean, latest?: FlintUIMessage | null) => void = () => {},
  ) {}

  /** A new message's request, sent before useChat was handed the message (see sendEarly). */
  private early?: { chatId: string; messageId: string; result: ReturnType<typeof sendChatMessage> };

  private submitInput(chatId: string, message: Pick<FlintUIMessage, 'id' | 'parts'> | undefined, body: unknown) {
    const { mode, model, newChatToken } = this.settings();
    // Per-request options from sendMessage(…, { body }): whether a new chat starts as temporary.
    const temporary = (body as { temporary?: boolean } | undefined)?.temporary;
    const text = message ? textOf(message) : '';
    const attachments = message ? attachmentsOf(message) : [];
    return { trigger: 'submit-message' as const, chatId, mode, model, newChatToken, temporary, message: { id: message?.id ?? '', text, attachments } };
  }

  /**
   * Sends a new message at once, before the page renders it: the chat then hands the same message
   * (same id) to useChat, whose sendMessages picks this request up instead of making another. So
   * the server is working on the answer while the browser is still drawing the question.
   * Settles once the server has answered the request (with the answer's stream or an error).
   */
  sendEarly(chatId: string, message: Pick<FlintUIMessage, 'id' | 'parts'>, body?: unknown) {
    const result = sendChatMessage(this.submitInput(chatId, message, body));
    this.early = { chatId, messageId: message.id, result };
    // Awaited by sendMessages; what is returned here handles a failure, so an unclaimed one is not
    // an unhandled rejection.
    return result.then(
      () => {},
      () => {},
    );
  }

  /**
   * Tells the server a message to this chat is coming, so it reads what the send will need now
   * (POST /api/chats/<id>/prepare). A plain request, not a server action: Next.js runs server
   * actions one at a time, and the send must not wait behind this. Failures only mean the send
   * reads for itself.
   */
  prepare(chatId: string) {
    const { newChatToken } = this.settings();
    void fetch(`/api/chats/${encodeURIComponent(chatId)}/prepare`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newChatToken ? { newChatToken } : {}),
    }).catch(() => {});
  }

  async sendMessages({ chatId, messages, trigger, messageId, body }: Parameters<ChatTransport<FlintUIMessage>['sendMessages']>[0]) {
    const last = messages.at(-1);
    const { mode, model } = this.settings();
    const input = trigger === 'submit-message' ? this.submitInput(chatId, last, body) : { trigger, chatId, mode, model, messageId: messageId ?? last?.id ?? '' };
    const early = this.early;
    this.early = undefined;
    let result = await (early && trigger === 'submit-message' && early.chatId === chatId && early.messageId === last?.id ? early.result : sendChatMessage(input));
    if (!result.ok && result.code === 'unauthenticated') {
      if (this.settings().signedIn) throw new ChatActionError('unauthenticated', 'Your session has ended. Sign in again to keep chatting; your chats are safe.');
      try {
        await startGuestSession();
      } catch (error) {
        if (error instanceof GuestSessionError) throw new ChatActionError(error.code, error.message);
        throw error;
      }
      this.onGuestStarted();
      result = await sendChatMessage(input);
    }
    if (!result.ok) throw new ChatActionError(result.code, result.message);
    return result.value as ReadableStream<UIMessageChunk>;
  }

  async reconnectToStream({ chatId }: { chatId: string }) {
    const result = await resumeChatStream({ chatId });
    if (!result.ok) {
      this.onResume(false);
      throw new ChatActionError(result.code, result.message);
    }
    const { stream, latest } = result.value;
    this.onResume(stream !== null, latest);
    return stream as ReadableStream<UIMessageChunk> | null;
  }
}
