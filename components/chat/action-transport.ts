// useChat's transport over server actions: sending returns the run's stream of UI message chunks;
// reconnecting rejoins a run still being written. The server loads history from the database, so
// only the new message's id and text travel.
import type { ChatTransport, UIMessageChunk } from 'ai';
import { resumeChatStream, sendChatMessage } from '@/app/(chat)/actions';
import type { ErrorCode } from '@/lib/errors';
import type { ChatMode, FlintUIMessage } from '@/lib/types';

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

/**
 * Starts a guest session for a first-time visitor: Better Auth's anonymous sign-in sets an
 * httpOnly cookie. Done over plain HTTP because a cookie set inside a server action makes Next.js
 * re-render the page in the middle of the send.
 */
async function startGuestSession(): Promise<void> {
  const response = await fetch('/api/auth/sign-in/anonymous', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (response.status === 429) throw new ChatActionError('busy', 'Too many new visitors from your network right now. Wait a minute and try again.');
  if (!response.ok) throw new ChatActionError('internal', 'Could not start a guest session. Reload the page and try again.');
}

function textOf(message: FlintUIMessage) {
  return message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

export class ActionChatTransport implements ChatTransport<FlintUIMessage> {
  constructor(
    private readonly settings: () => TransportSettings,
    private readonly onGuestStarted: () => void = () => {},
  ) {}

  async sendMessages({ chatId, messages, trigger, messageId }: Parameters<ChatTransport<FlintUIMessage>['sendMessages']>[0]) {
    const { mode, model, newChatToken } = this.settings();
    const last = messages.at(-1);
    const input =
      trigger === 'submit-message'
        ? { trigger, chatId, mode, model, newChatToken, message: { id: last?.id ?? '', text: last ? textOf(last) : '' } }
        : { trigger, chatId, mode, model, messageId: messageId ?? last?.id ?? '' };
    let result = await sendChatMessage(input);
    if (!result.ok && result.code === 'unauthenticated') {
      if (this.settings().signedIn) throw new ChatActionError('unauthenticated', 'Your session has ended. Sign in again to keep chatting; your chats are safe.');
      await startGuestSession();
      this.onGuestStarted();
      result = await sendChatMessage(input);
    }
    if (!result.ok) throw new ChatActionError(result.code, result.message);
    return result.value as ReadableStream<UIMessageChunk>;
  }

  async reconnectToStream({ chatId }: { chatId: string }) {
    const result = await resumeChatStream({ chatId });
    if (!result.ok) throw new ChatActionError(result.code, result.message);
    return result.value as ReadableStream<UIMessageChunk> | null;
  }
}
