'use client';
import { ChatActionsContext, type ChatActions } from '@/components/chat/chat-context';
import { Message, statusOf } from '@/components/chat/message';
import { FlintStoreProvider, type StoreSeed } from '@/lib/store';
import type { FlintUIMessage } from '@/lib/types';

const readOnly: ChatActions = { busy: false, readOnly: true, regenerate: () => {}, editAndResend: () => {} };
// Thinking answers keep view state (which agent card a citation points at) in the store.
const emptySeed: StoreSeed = { chats: [], nextCursor: null, models: [], viewer: null, quota: null };

/** A shared chat's messages, rendered exactly like the chat but with nothing to change. */
export function SharedConversation({ messages }: { messages: FlintUIMessage[] }) {
  return (
    <FlintStoreProvider seed={emptySeed}>
      <ChatActionsContext.Provider value={readOnly}>
        <div className="flex flex-col gap-7" data-testid="shared-messages">
          {messages.map((message, index) => (
            <Message key={message.id} message={message} status={statusOf(message, index === messages.length - 1, false)} isLastOfRole={false} />
          ))}
        </div>
      </ChatActionsContext.Provider>
    </FlintStoreProvider>
  );
}
