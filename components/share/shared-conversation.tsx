'use client';
import type { ReactNode } from 'react';
import { ArtifactWorkspace } from '@/components/artifacts/artifact-workspace';
import { ChatActionsContext, type ChatActions } from '@/components/chat/chat-context';
import { Message, statusOf } from '@/components/chat/message';
import { ImageAccessContext } from '@/components/chat/message-images';
import { FlintStoreProvider, type StoreSeed } from '@/lib/store';
import type { FlintUIMessage } from '@/lib/types';

const readOnly: ChatActions = { busy: false, readOnly: true, regenerate: () => {}, editAndResend: () => {} };
// Thinking answers keep view state (which agent card a citation points at) in the store.
const emptySeed: StoreSeed = { chats: [], nextCursor: null, models: [], viewer: null, quota: null, vision: { available: false, model: null } };

/**
 * A shared chat's messages, rendered exactly like the chat but with nothing to change; its artifacts
 * open in the same panel, served through the share link.
 */
export function SharedConversation({ messages, shareToken, children }: { messages: FlintUIMessage[]; shareToken: string; children?: ReactNode }) {
  return (
    <FlintStoreProvider seed={emptySeed}>
    <ImageAccessContext.Provider value={{ share: shareToken }}>
    <ChatActionsContext.Provider value={readOnly}>
      <ArtifactWorkspace messages={messages} shareToken={shareToken}>
        <main className="scroll-quiet min-h-0 min-w-0 flex-1 overflow-y-auto">
          <div className="mx-auto max-w-3xl px-4 pt-8 pb-16 sm:px-6">
            {children}
            <div className="mt-8 flex flex-col gap-7" data-testid="shared-messages">
              {messages.map((message, index) => (
                <Message key={message.id} message={message} status={statusOf(message, index === messages.length - 1, false)} isLastOfRole={false} />
              ))}
            </div>
          </div>
        </main>
      </ArtifactWorkspace>
    </ChatActionsContext.Provider>
    </ImageAccessContext.Provider>
    </FlintStoreProvider>
  );
}
