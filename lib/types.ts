// Types shared by server and browser. lib/ never imports from components/ or app/.
import type { UIMessage } from 'ai';

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
export interface MessageMetadata {
  status?: MessageStatus;
  mode?: ChatMode;
  /** The model that actually answered. */
  model?: string;
  modelLabel?: string;
  /** Models tried before `model`, with why they were skipped. */
  fallbacks?: Array<{ model: string; reason: string }>;
  /** The turn had images and the chosen model cannot see: the vision model answered instead. */
  visionRoute?: { from: string; fromLabel: string; to: string; toLabel: string };
  createdAt?: number;
  /** Milliseconds from the request to the first token. */
  firstTokenMs?: number;
  durationMs?: number;
  reasoningMs?: number;
  usage?: { inputTokens?: number; outputTokens?: number; reasoningTokens?: number };
  error?: string;
  /** Set when the user edited this (user) message. */
  edited?: boolean;
  /** Memories the model was given for this answer. */
  memories?: Array<{ id: string; content: string }>;
}

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

// ── Thinking runs ───────────────────────────────────────────────────────────────────────────────
// A Thinking answer carries its agent board as data parts: one `data-run` (phase, timings, budgets),
// one `data-plan`, and one `data-agent` per sub-agent. A part written again with the same id replaces
// the earlier one, so status updates are cheap. Agent text streams as transient `data-agent-delta`
// chunks the browser accumulates; throttled `data-agent` snapshots carry the full text for saving
// and for readers that join later.

export const agentStatuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

export const runPhases = ['planning', 'working', 'synthesizing', 'done', 'stopped', 'failed'] as const;
export type RunPhase = (typeof runPhases)[number];

/** Which budget ended a part of the run. */
export type BudgetLimit = 'tokens' | 'time';

export interface RunBudgets {
  maxAgents: number;
  concurrency: number;
  agentMaxTokens: number;
  maxSeconds: number;
}

export interface ThinkingRunData {
  phase: RunPhase;
  /** Server clock, epoch ms. */
  startedAt: number;
  budgets: RunBudgets;
  /** Time since the start when this was written (the browser counts on from here; clocks may differ). */
  elapsedMs?: number;
  planMs?: number;
  workMs?: number;
  synthesisMs?: number;
  durationMs?: number;
  /** Tokens of every call in the run (planner, sub-agents, synthesis). */
  usage?: Usage;
  /** Set when the run's wall time ran out. */
  limit?: BudgetLimit;
  /** Things the board should say, e.g. that the planner failed and one agent took the whole request. */
  notes?: string[];
}

export interface PlannedSubtask {
  /** Agent id, `a1`, `a2`… */
  id: string;
  title: string;
  goal: string;
  /** What the sub-agent should return. */
  returns: string;
}

export interface ThinkingPlanData {
  approach: string;
  subtasks: PlannedSubtask[];
  /** The planner decided no fan-out is needed: one focused answer follows. */
  direct: boolean;
  /** How many subtasks the planner proposed, when more than the limit allowed. */
  proposed?: number;
  model?: string;
  modelLabel?: string;
  usage?: Usage;
}

export interface AgentData extends PlannedSubtask {
  /** 1-based; the number citations use: [1], [2]… */
  index: number;
  status: AgentStatus;
  /** 1 for the first try, +1 per retry. */
  attempt: number;
  text: string;
  reasoning?: string;
  /** Time spent so far in this attempt, at the moment of the snapshot. */
  elapsedMs: number;
  usage?: Usage;
  error?: string;
  limit?: BudgetLimit;
  model?: string;
  modelLabel?: string;
}

/** Output tokens of streamed text, estimated (≈4 characters a token): the server's budget guard and the cards' live count. */
export const estimateTokens = (chars: number) => Math.ceil(chars / 4);

/** A piece of one agent's streamed output (transient: never saved, the snapshots are). */
export interface AgentDeltaData {
  messageId: string;
  agentId: string;
  attempt: number;
  text?: string;
  reasoning?: string;
}

export type FlintDataTypes = {
  'chat-title': ChatTitleData;
  run: ThinkingRunData;
  plan: ThinkingPlanData;
  agent: AgentData;
  'agent-delta': AgentDeltaData;
  quota: QuotaStatus;
};

/** What an artifact is: decides how the sandbox shows it and what a download is called. */
export const artifactKinds = ['html', 'svg', 'mermaid', 'markdown', 'chart'] as const;
export type ArtifactKind = (typeof artifactKinds)[number];

/** Input of the create_artifact tool, as the model writes it (streamed, so partial while it arrives). */
export interface CreateArtifactInput {
  title: string;
  kind: ArtifactKind;
  content: string;
}

/** Input of the update_artifact tool: the complete new content of an existing artifact. */
export interface UpdateArtifactInput {
  id: string;
  title?: string;
  content: string;
}

/** What both artifact tools return once the version is saved. */
export interface ArtifactToolOutput {
  artifactId: string;
  version: number;
  title: string;
  kind: ArtifactKind;
}

export type FlintUITools = {
  create_artifact: { input: CreateArtifactInput; output: ArtifactToolOutput };
  update_artifact: { input: UpdateArtifactInput; output: ArtifactToolOutput };
  remember: { input: { memory: string; pinned?: boolean }; output: RememberOutput };
  forget: { input: { memory: string }; output: ForgetOutput };
};

export type FlintUIMessage = UIMessage<MessageMetadata, FlintDataTypes, FlintUITools>;
export type FlintPart = FlintUIMessage['parts'][number];
export type ArtifactToolPart = Extract<FlintPart, { type: 'tool-create_artifact' | 'tool-update_artifact' }>;

export interface ChatSummary {
  id: string;
  title: string | null;
  updatedAt: string;
  /** Search results: a passage of a matching message, with matches wrapped in « ». */
  snippet?: string;
  /** An answer is being written in this chat right now (by any server instance). */
  generating?: boolean;
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
