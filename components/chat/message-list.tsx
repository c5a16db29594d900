'use client';
import { ArrowDown } from 'lucide-react';
import { StickToBottom, useStickToBottomContext } from 'use-stick-to-bottom';
import { Button } from '@/components/ui/button';
import type { FlintUIMessage } from '@/lib/types';
import { Message, statusOf } from './message';
import { ScrollReleaseProvider } from './scroll-release';

export function MessageList({ messages, busy }: { messages: FlintUIMessage[]; busy: boolean }) {
  const lastUser = messages.findLast((m) => m.role === 'user')?.id;
  const lastAssistant = messages.findLast((m) => m.role === 'assistant')?.id;
  return (
    <StickToBottom className="scroll-quiet relative min-h-0 flex-1 overflow-y-auto" resize="smooth" initial="instant">
      <ScrollReleaseProvider>
        <StickToBottom.Content className="mx-auto flex w-full max-w-3xl flex-col gap-7 px-4 pt-6 pb-10 sm:px-6" data-testid="message-list">
          {messages.map((message, index) => (
            <Message
              key={message.id}
              message={message}
              status={statusOf(message, index === messages.length - 1, busy)}
              isLastOfRole={message.id === (message.role === 'user' ? lastUser : lastAssistant)}
            />
          ))}
        </StickToBottom.Content>
      </ScrollReleaseProvider>
      <ScrollToBottom />
    </StickToBottom>
  );
}

function ScrollToBottom() {
  const { isAtBottom, scrollToBottom } = useStickToBottomContext();
  if (isAtBottom) return null;
  return (
    <div className="pointer-events-none sticky bottom-3 flex justify-center">
      <Button variant="outline" size="icon-sm" className="pointer-events-auto bg-background shadow-md" aria-label="Scroll to the latest message" onClick={() => scrollToBottom()}>
        <ArrowDown aria-hidden />
      </Button>
    </div>
  );
}
