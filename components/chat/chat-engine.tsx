'use client';
// The chat's engine: the AI SDK's useChat over Flint's server-action transport. It renders nothing;
// it hands its messages and status to the chat (chat.tsx), which renders them, and its actions
// (send, regenerate, stop…) once it is running. It is loaded right after the page is interactive
// rather than with it: the AI SDK's browser runtime (with zod and its schemas) is about a third of
// the chat's JavaScript, and reading, scrolling and typing do not need it. A send made in the
// moment before it has loaded waits for it.
import { useChat, type UseChatHelpers } from '@ai-sdk/react';
import type { ChatInit, ChatTransport } from 'ai';
import { useEffect, useLayoutEffect, useRef, useTransition } from 'react';
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

/** How often more text of an answer already on screen is rendered. */
const TEXT_EVERY_MS = 32;

const hasText = (message: FlintUIMessage | undefined) => Boolean(message?.parts.some((part) => (part.type === 'text' || part.type === 'reasoning') && part.text.length > 0));

/** A change the reader is waiting for: a message more or less, a new status, an answer's first words. */
function isUrgent(before: EngineState | undefined, after: EngineState) {
  return !before || before.status !== after.status || before.messages.length !== after.messages.length || hasText(before.messages.at(-1)) !== hasText(after.messages.at(-1));
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
  // Chunks arrive many per frame. What the reader waits for (a new message, a status, an answer's
  // first words) is rendered at once, as it arrives: the next frame then only has to paint it. More
  // text of an answer already on screen is rendered at most every TEXT_EVERY_MS, in an animation
  // frame, as a transition: React renders it in slices of a few milliseconds between frames, so a
  // long answer's Markdown never holds the main thread (typing, scrolling and clicks stay instant
  // while it streams), and the next slice of text waits until the last one is on screen. A hidden
  // tab gets no frames: a timer stands in.
  const [rendering, startRendering] = useTransition();
  const renderingRef = useRef(false);
  const latest = useRef<EngineState>({ messages, status });
  const shown = useRef<{ at: number; state?: EngineState }>({ at: 0 });
  const scheduled = useRef<{ frame: number; timer: ReturnType<typeof setTimeout> } | null>(null);
  const urgentQueued = useRef(false);
  useLayoutEffect(() => {
    renderingRef.current = rendering;
  }, [rendering]);
  useLayoutEffect(() => {
    latest.current = { messages, status };
    const cancel = () => {
      if (!scheduled.current) return;
      cancelAnimationFrame(scheduled.current.frame);
      clearTimeout(scheduled.current.timer);
      scheduled.current = null;
    };
    const show = (next: EngineState, urgent: boolean) => {
      shown.current = { at: performance.now(), state: next };
      if (urgent) flushSync(() => onState(next));
      else {
        renderingRef.current = true;
        startRendering(() => onState(next));
      }
    };
    if (isUrgent(shown.current.state, latest.current)) {
      cancel();
      if (urgentQueued.current) return;
      urgentQueued.current = true;
      // Right after this commit (React does not render inside its own effects).
      queueMicrotask(() => {
        urgentQueued.current = false;
        show(latest.current, true);
      });
      return;
    }
    if (scheduled.current) return;
    // More text only: anything urgent has been shown at once (above), cancelling this.
    const flush = () => {
      if (!scheduled.current) return;
      cancel();
      if (renderingRef.current || performance.now() - shown.current.at < TEXT_EVERY_MS) {
        scheduled.current = { frame: requestAnimationFrame(flush), timer: setTimeout(flush, 100) };
        return;
      }
      show(latest.current, false);
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
