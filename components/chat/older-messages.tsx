'use client';
// The older part of a long chat, windowed: only the messages near the viewport are rendered (and
// their Markdown parsed), each measured as it renders, inside the message list's own scroll
// container. A chat of a thousand messages opens as fast as a short one, and an answer streaming at
// the end never re-renders this part (it is memoised on the messages' identity).
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useStickToBottomContext } from 'use-stick-to-bottom';
import type { FlintUIMessage } from '@/lib/types';
import { Message, statusOf } from './message';
import { estimatedHeight } from './message-heights';

const OlderMessages = memo(
  function OlderMessages({ messages, busy }: { messages: FlintUIMessage[]; busy: boolean }) {
    const { scrollRef } = useStickToBottomContext();
    const container = useRef<HTMLDivElement>(null);
    // Where this block starts inside the scroll container (the list's top padding).
    const [margin, setMargin] = useState(0);
    useLayoutEffect(() => setMargin(container.current?.offsetTop ?? 0), []);
    const virtualizer = useVirtualizer({
      count: messages.length,
      getScrollElement: () => scrollRef.current,
      estimateSize: (index) => estimatedHeight(messages[index]!),
      getItemKey: (index) => messages[index]!.id,
      overscan: 4,
      scrollMargin: margin,
    });
    return (
      <div ref={container} data-testid="older-messages" data-count={messages.length} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const message = messages[item.index]!;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="absolute top-0 left-0 w-full pb-7"
              style={{ transform: `translateY(${item.start - margin}px)` }}
            >
              <Message message={message} status={statusOf(message, false, busy)} isLastOfRole={false} />
            </div>
          );
        })}
      </div>
    );
  },
  (before, after) => before.busy === after.busy && before.messages.length === after.messages.length && before.messages.every((m, i) => m === after.messages[i]),
);

export default OlderMessages;
