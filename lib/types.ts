// Types shared by server and browser. lib/ never imports from components/ or app/.
import type { UIMessage } from 'ai';
import { z } from 'zod';

export const chatModes = ['instant', 'thinking'] as const;
export type ChatMode = (typeof chatModes)[number];

export const messageStatuses = ['streaming', 'done', 'stopped', 'error', 'interrupted'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const providerIds = ['anthropic', 'openai', 'google', 'openai-compatible', 'ollama', 'offline'] as const;
export type ProviderId = (typeof providerIds)[number];

export const roles = ['instant', 'thinking', 'planner', 'worker', 'synthesizer', 'vision', 'title'] as const;
export type Role = (typeof roles)[number];

export interface ModelCapabilities {
  vision: boolean;
  reasoning: boolean;
}

/** What the browser knows about a model: enough to list and pick it. */
export interface ModelOption {
  /** `provider:model-id` */
  id: string;
  provider: ProviderId;
  label: string;
  providerLabel: string;
  capabilities: ModelCapabilities;
  /** One line shown under the label, e.g. the offline model's hint on connecting a real one. */
  hint?: string;
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
}

/** Per-message facts the server attaches while streaming; persisted with the message. */
export const messageMetadataSchema = z.object({
  status: z.enum(messageStatuses).optional(),
  mode: z.enum(chatModes).optional(),
  /** The model that actually answered. */
  model: z.string().optional(),
  modelLabel: z.string().optional(),
  /** Models tried before `model`, with why they were skipped. */
  fallbacks: z.array(z.object({ model: z.string(), reason: z.string() })).optional(),
  /** The turn had images and the chosen model cannot see: the vision model answered instead. */
  visionRoute: z.object({ from: z.string(), fromLabel: z.string(), to: z.string(), toLabel: z.string() }).optional(),
  createdAt: z.number().optional(),
  /** Milliseconds from the request to the first token. */
  firstTokenMs: z.number().optional(),
  durationMs: z.number().optional(),
  reasoningMs: z.number().optional(),
  usage: z
    .object({
      inputTokens: z.number().optional(),
      outputTokens: z.number().optional(),
      reasoningTokens: z.number().optional(),
    })
    .optional(),
  error: z.string().optional(),
  /** Set when the user edited this (user) message. */
  edited: z.boolean().optional(),
  /** Memories the model was given for this answer. */
  memories: z.array(z.object({ id: z.string(), content: z.string() })).optional(),
});
export type MessageMetadata = z.infer<typeof messageMetadataSchema>;

export type RememberOutput =
  | { saved: true; id: string; content: string; duplicate?: boolean }
  | { saved: false; content: string; reason: string };

export type ForgetOutput = { forgotten: true; id: string; content: string } | { forgotten: false; content: string; reason: string };

export interface MemoryItem {
  id: string;
  content: string;
  pinned: boolean;
  createdAt: string;
  /** The chat it came from, if that chat still exists. */
  source: { chatId: string; title: string | null } | null;
}

export interface ChatTitleData {
  chatId: string;
  title: string;
}

export type FlintDataTypes = {
  'chat-title': ChatTitleData;
  quota: QuotaStatus;
};

export type FlintUIMessage = UIMessage<MessageMetadata, FlintDataTypes>;
export type FlintPart = FlintUIMessage['parts'][number];

export interface ChatSummary {
  id: string;
  title: string | null;
  updatedAt: string;
  /** Search results: a passage of a matching message, with matches wrapped in « ». */
  snippet?: string;
}

export interface ChatPage {
  chats: ChatSummary[];
  /** Pass back to get the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** The signed-in person (or guest) as the browser sees them. */
export interface Viewer {
  name: string;
  email: string | null;
  isGuest: boolean;
}

export interface QuotaStatus {
  /** Messages allowed per rolling 24 hours; null when unlimited. */
  limit: number | null;
  used: number;
  /** When the oldest counted message leaves the window (ISO), if any. */
  resetsAt: string | null;
  isGuest: boolean;
}
