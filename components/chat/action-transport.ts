// useChat's transport: sending posts to the chat's send route (POST /api/chats/<id>/messages),
// which answers with the run's stream of UI message chunks as server-sent events; reconnecting
// rejoins a run still being written (a server action). The server loads history from the database,
// so only the new message's id, text and image ids travel (image bytes were uploaded before).
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { ChatTransport, UIMessageChunk } from 'ai';
import { resumeChatStream } from '@/app/(chat)/actions';
import type { SendMessageInput } from '@/app/(chat)/schema';
import { errorCodes, type ActionResult, type ErrorCode } from '@/lib/errors';
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

type SendResult = ActionResult<ReadableStream<UIMessageChunk>>;

/** The chunks of a UI message stream response (the AI SDK's SSE format: `data: <json>` events). */
function chunksOf(body: ReadableStream<Uint8Array>): ReadableStream<UIMessageChunk> {
  return body
    .pipeThrough(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>)
    .pipeThrough(new EventSourceParserStream())
    .pipeThrough(
      new TransformStream<{ data: string }, UIMessageChunk>({
        transform({ data }, controller) {
          // The server writes these chunks itself: parsed, not validated again.
          if (data !== '[DONE]') controller.enqueue(JSON.parse(data) as UIMessageChunk);
        },
      }),
    );
}

/** The server's { error: { code, message } }, or a sentence for a response that is not one (a proxy's error page). */
async function refusal(response: Response): Promise<SendResult> {
  try {
    const { error } = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (error && (errorCodes as readonly unknown[]).includes(error.code) && typeof error.message === 'string') {
      return { ok: false, code: error.code as ErrorCode, message: error.message };
    }
  } catch {
    // Not JSON: answered by something in front of Flint.
  }
  return { ok: false, code: 'internal', message: `The server could not take the message (HTTP ${response.status}). Your messages are saved; try again in a moment.` };
}

/** Posts a send to the chat's send route. Rejects only when the server could not be reached. */
async function postSend({ chatId, ...body }: SendMessageInput): Promise<SendResult> {
  const response = await fetch(`/api/chats/${encodeURIComponent(chatId)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok || !response.body) return refusal(response);
  return { ok: true, value: chunksOf(response.body) };
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
  private early?: { chatId: string; messageId: string; result: Promise<SendResult> };

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
    const result = postSend(this.submitInput(chatId, message, body));
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
    const input: SendMessageInput = trigger === 'submit-message' ? this.submitInput(chatId, last, body) : { trigger, chatId, mode, model, messageId: messageId ?? last?.id ?? '' };
    const early = this.early;
    this.early = undefined;
    let result = await (early && trigger === 'submit-message' && early.chatId === chatId && early.messageId === last?.id ? early.result : postSend(input));
    if (!result.ok && result.code === 'unauthenticated') {
      if (this.settings().signedIn) throw new ChatActionError('unauthenticated', 'Your session has ended. Sign in again to keep chatting; your chats are safe.');
      try {
        await startGuestSession();
      } catch (error) {
        if (error instanceof GuestSessionError) throw new ChatActionError(error.code, error.message);
        throw error;
      }
      this.onGuestStarted();
      result = await postSend(input);
    }
    if (!result.ok) throw new ChatActionError(result.code, result.message);
    return result.value;
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
