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
}

function textOf(message: FlintUIMessage) {
  return message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

export class ActionChatTransport implements ChatTransport<FlintUIMessage> {
  constructor(private readonly settings: () => TransportSettings) {}

  async sendMessages({ chatId, messages, trigger, messageId }: Parameters<ChatTransport<FlintUIMessage>['sendMessages']>[0]) {
    const { mode, model } = this.settings();
    const last = messages.at(-1);
    const input =
      trigger === 'submit-message'
        ? { trigger, chatId, mode, model, message: { id: last?.id ?? '', text: last ? textOf(last) : '' } }
        : { trigger, chatId, mode, model, messageId: messageId ?? last?.id ?? '' };
    const result = await sendChatMessage(input);
    if (!result.ok) throw new ChatActionError(result.code, result.message);
    return result.value as ReadableStream<UIMessageChunk>;
  }

  async reconnectToStream({ chatId }: { chatId: string }) {
    const result = await resumeChatStream({ chatId });
    if (!result.ok) throw new ChatActionError(result.code, result.message);
    return result.value as ReadableStream<UIMessageChunk> | null;
  }
}
