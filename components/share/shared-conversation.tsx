'use client';
import { ChatActionsContext, type ChatActions } from '@/components/chat/chat-context';
import { Message, statusOf } from '@/components/chat/message';
import { ImageAccessContext } from '@/components/chat/message-images';
import { FlintStoreProvider, type StoreSeed } from '@/lib/store';
import type { FlintUIMessage } from '@/lib/types';

const readOnly: ChatActions = { busy: false, readOnly: true, regenerate: () => {}, editAndResend: () => {} };
// Thinking answers keep view state (which agent card a citation points at) in the store.
const emptySeed: StoreSeed = { chats: [], nextCursor: null, models: [], viewer: null, quota: null, vision: { available: false, model: null } };

/** A shared chat's messages, rendered exactly like the chat but with nothing to change; images load through the link. */
export function SharedConversation({ messages, token }: { messages: FlintUIMessage[]; token: string }) {
  return (
    <FlintStoreProvider seed={emptySeed}>
    <ImageAccessContext.Provider value={{ share: token }}>
      <ChatActionsContext.Provider value={readOnly}>
        <div className="flex flex-col gap-7" data-testid="shared-messages">
          {messages.map((message, index) => (
            <Message key={message.id} message={message} status={statusOf(message, index === messages.length - 1, false)} isLastOfRole={false} />
          ))}
        </div>
      </ChatActionsContext.Provider>
    </ImageAccessContext.Provider>
    </FlintStoreProvider>
  );
}
