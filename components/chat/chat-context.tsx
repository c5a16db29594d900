'use client';
import { createContext, useContext } from 'react';

/** What a message can ask of the chat it is in, without threading props through the list. */
export interface ChatActions {
  /** Absent in a read-only view. */
  chatId?: string;
  regenerate(messageId: string): void;
  editAndResend(messageId: string, text: string): void;
  busy: boolean;
  /** A shared (public) chat: nothing can be changed. */
  readOnly?: boolean;
}

export const ChatActionsContext = createContext<ChatActions | null>(null);

export function useChatActions(): ChatActions {
  const value = useContext(ChatActionsContext);
  if (!value) throw new Error('useChatActions outside a chat');
  return value;
}
