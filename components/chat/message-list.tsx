'use client';
import { ArrowDown } from 'lucide-react';
import { lazy, Suspense, useMemo, useState } from 'react';
import { StickToBottom, useStickToBottomContext } from 'use-stick-to-bottom';
import { Button } from '@/components/ui/button';
import type { FlintUIMessage } from '@/lib/types';
import { cn } from '@/lib/utils';
import { Message, statusOf } from './message';
import { estimatedHeight } from './message-heights';
import { ScrollIntent } from './scroll-intent';
import { ScrollReleaseProvider } from './scroll-release';

/**
 * The newest messages are always rendered in full (so short chats, find-in-page over the latest
 * exchange, streaming and sticking to the bottom work as in any list); older ones are windowed.
 */
export const RENDERED_TAIL = 24;

/** Chats longer than this let the browser skip their off-screen recent messages. */
const SKIP_OFFSCREEN_AFTER = 12;

// The windowing code loads only for chats long enough to need it.
const OlderMessages = lazy(() => import('./older-messages'));

export function MessageList({ messages, busy }: { messages: FlintUIMessage[]; busy: boolean }) {
  const lastUser = messages.findLast((m) => m.role === 'user')?.id;
  const lastAssistant = messages.findLast((m) => m.role === 'assistant')?.id;
  // While an answer is written the boundary stays put: the question and the answer join the
  // rendered tail, and the windowed part (a virtualizer over up to a thousand messages) is not
  // re-measured in the frames the reader is watching. It catches up when the answer ends.
  const wanted = Math.max(0, messages.length - RENDERED_TAIL);
  const [heldSplit, setHeldSplit] = useState(wanted);
  if (!busy && heldSplit !== wanted) setHeldSplit(wanted);
  const split = busy ? Math.min(heldSplit, wanted) : wanted;
  const older = useMemo(() => messages.slice(0, split), [messages, split]);
  const recent = messages.slice(split);
  return (
    <StickToBottom className="scroll-quiet relative min-h-0 flex-1 overflow-y-auto" resize="smooth" initial="instant">
      <ScrollReleaseProvider>
        <StickToBottom.Content className="mx-auto flex w-full max-w-3xl flex-col gap-7 px-4 pt-6 pb-10 sm:px-6" data-testid="message-list">
          {older.length > 0 && (
            <Suspense fallback={<div style={{ height: older.reduce((sum, m) => sum + estimatedHeight(m), 0) }} />}>
              <OlderMessages messages={older} busy={busy} />
            </Suspense>
          )}
          {recent.map((message, index) => (
            // In a long chat the browser skips laying out and painting the recent messages that are
            // off screen (they keep their last size), so each streamed frame lays out little more
            // than the answer itself.
            <div key={message.id} className={cn(messages.length > SKIP_OFFSCREEN_AFTER && index < recent.length - 2 && 'offscreen-skippable')}>
              <Message message={message} status={statusOf(message, index === recent.length - 1, busy)} isLastOfRole={message.id === (message.role === 'user' ? lastUser : lastAssistant)} />
            </div>
          ))}
        </StickToBottom.Content>
      </ScrollReleaseProvider>
      <ScrollToBottom jump={older.length > 0} />
      <ScrollIntent />
    </StickToBottom>
  );
}

/**
 * Back to the newest message: a smooth scroll in a short chat, a jump in a windowed one (as End
 * does: the older messages measured on the way would stop a smooth scroll half-way).
 */
function ScrollToBottom({ jump }: { jump: boolean }) {
  const { isAtBottom, scrollToBottom } = useStickToBottomContext();
  if (isAtBottom) return null;
  return (
    <div className="pointer-events-none sticky bottom-3 flex justify-center">
      <Button variant="outline" size="icon-sm" className="pointer-events-auto bg-background shadow-md" aria-label="Scroll to the latest message" onClick={() => void scrollToBottom(jump ? 'instant' : undefined)}>
        <ArrowDown aria-hidden />
      </Button>
    </div>
  );
}
