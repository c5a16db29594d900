'use client';
// The chat's engine: the AI SDK's useChat over Flint's server-action transport. It renders nothing;
// it hands its messages and status to the chat (chat.tsx), which renders them, and its actions
// (send, regenerate, stop…) once it is running. It is loaded right after the page is interactive
// rather than with it: the AI SDK's browser runtime (with zod and its schemas) is about a third of
// the chat's JavaScript, and reading, scrolling and typing do not need it. A send made in the
// moment before it has loaded waits for it.
import { useChat, type UseChatHelpers } from '@ai-sdk/react';
import type { ChatInit, ChatTransport } from 'ai';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
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
  /** Called at most once per animation frame, rendered before that frame is painted. */
  onState(state: EngineState): void;
  onReady(api: EngineApi): void;
}

export default function ChatEngine({ id, initialMessages, transport, resume, onData, onFinish, onError, onState, onReady }: ChatEngineProps) {
  const { messages, status, sendMessage, regenerate, setMessages, stop, clearError } = useChat<FlintUIMessage>({
    id,
    messages: initialMessages,
    transport,
    resume,
    onData,
    onFinish,
    onError,
  });
  // Chunks arrive many per frame; the chat renders the latest state once per frame, inside the
  // frame's animation callback so it is painted in that very frame (a throttle would hold the first
  // token back until its timer fired). A hidden tab gets no frames: a timer stands in.
  const latest = useRef<EngineState>({ messages, status });
  const scheduled = useRef<{ frame: number; timer: ReturnType<typeof setTimeout> } | null>(null);
  useLayoutEffect(() => {
    latest.current = { messages, status };
    if (scheduled.current) return;
    const flush = () => {
      if (!scheduled.current) return;
      cancelAnimationFrame(scheduled.current.frame);
      clearTimeout(scheduled.current.timer);
      scheduled.current = null;
      flushSync(() => onState(latest.current));
    };
    scheduled.current = { frame: requestAnimationFrame(flush), timer: setTimeout(flush, 100) };
  }, [messages, status, onState]);
  useEffect(
    () => () => {
      if (!scheduled.current) return;
      cancelAnimationFrame(scheduled.current.frame);
      clearTimeout(scheduled.current.timer);
    },
    [],
  );
  useLayoutEffect(() => onReady({ sendMessage, regenerate, setMessages, stop, clearError }), [sendMessage, regenerate, setMessages, stop, clearError, onReady]);
  return null;
}
