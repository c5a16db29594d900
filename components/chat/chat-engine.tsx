'use client';
// The chat's engine: the AI SDK's useChat over Flint's server-action transport. It renders nothing;
// it hands its messages and status to the chat (chat.tsx), which renders them, and its actions
// (send, regenerate, stop…) once it is running. It is loaded right after the page is interactive
// rather than with it: the AI SDK's browser runtime (with zod and its schemas) is about a third of
// the chat's JavaScript, and reading, scrolling and typing do not need it. A send made in the
// moment before it has loaded waits for it.
import { useChat, type UseChatHelpers } from '@ai-sdk/react';
import type { ChatInit, ChatTransport } from 'ai';
import { useLayoutEffect } from 'react';
import type { FlintUIMessage } from '@/lib/types';

export type EngineApi = Pick<UseChatHelpers<FlintUIMessage>, 'sendMessage' | 'regenerate' | 'setMessages' | 'stop' | 'clearError'>;

export interface EngineState {
  messages: FlintUIMessage[];
  status: UseChatHelpers<FlintUIMessage>['status'];
}

export interface ChatEngineProps extends Pick<ChatInit<FlintUIMessage>, 'onData' | 'onFinish' | 'onError'> {
  id: string;
  initialMessages: FlintUIMessage[];
  transport: ChatTransport<FlintUIMessage>;
  /** Rejoin the answer the server is still writing. */
  resume: boolean;
  /** Called before the browser paints each change, so the chat shows it in the same frame. */
  onState(state: EngineState): void;
  onReady(api: EngineApi): void;
}

export default function ChatEngine({ id, initialMessages, transport, resume, onData, onFinish, onError, onState, onReady }: ChatEngineProps) {
  const { messages, status, sendMessage, regenerate, setMessages, stop, clearError } = useChat<FlintUIMessage>({
    id,
    messages: initialMessages,
    transport,
    resume,
    throttle: 32,
    onData,
    onFinish,
    onError,
  });
  useLayoutEffect(() => onState({ messages, status }), [messages, status, onState]);
  useLayoutEffect(() => onReady({ sendMessage, regenerate, setMessages, stop, clearError }), [sendMessage, regenerate, setMessages, stop, clearError, onReady]);
  return null;
}
