// Data only: which models Flint knows, what they can do, and each provider's default per role.
// Every capability question ("can this model see images?") is answered here and nowhere else.
import type { ModelCapabilities, ProviderId, Role } from '@/lib/types';

export interface CatalogueEntry {
  label: string;
  capabilities: ModelCapabilities;
}

export const providerLabels: Record<ProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  google: 'Google',
  'openai-compatible': 'OpenAI-compatible',
  ollama: 'Ollama',
  offline: 'Built-in',
};

const all = { vision: true, reasoning: true } satisfies ModelCapabilities;

/** Models listed for hosted providers once their key is configured. */
export const catalogue: Record<'anthropic' | 'openai' | 'google', Record<string, CatalogueEntry>> = {
  anthropic: {
    'claude-opus-5-5': { label: 'Claude Opus 5.5', capabilities: all },
    'claude-sonnet-5-5': { label: 'Claude Sonnet 5.5', capabilities: all },
    'claude-haiku-5-5': { label: 'Claude Haiku 5.5', capabilities: all },
    'claude-sonnet-4-5': { label: 'Claude Sonnet 4.5', capabilities: all },
    'claude-haiku-4-5': { label: 'Claude Haiku 4.5', capabilities: all },
  },
  openai: {
    'gpt-5.5': { label: 'GPT-5.5', capabilities: all },
    'gpt-5.4': { label: 'GPT-5.4', capabilities: all },
    'gpt-5.4-mini': { label: 'GPT-5.4 mini', capabilities: all },
    'gpt-5.4-nano': { label: 'GPT-5.4 nano', capabilities: all },
    'gpt-4.1-mini': { label: 'GPT-4.1 mini', capabilities: { vision: true, reasoning: false } },
  },
  google: {
    'gemini-pro-latest': { label: 'Gemini Pro (latest)', capabilities: all },
    'gemini-flash-latest': { label: 'Gemini Flash (latest)', capabilities: all },
    'gemini-flash-lite-latest': { label: 'Gemini Flash-Lite (latest)', capabilities: all },
    'gemini-2.5-pro': { label: 'Gemini 2.5 Pro', capabilities: all },
    'gemini-2.5-flash': { label: 'Gemini 2.5 Flash', capabilities: all },
  },
};

type RoleDefaults = Record<Role, string>;

/** Sensible defaults when a provider is configured and FLINT_*_MODEL does not say otherwise. */
export const providerDefaults: Record<'anthropic' | 'openai' | 'google', RoleDefaults> = {
  anthropic: {
    instant: 'claude-haiku-5-5',
    thinking: 'claude-sonnet-5-5',
    planner: 'claude-sonnet-5-5',
    synthesizer: 'claude-sonnet-5-5',
    worker: 'claude-haiku-5-5',
    vision: 'claude-sonnet-5-5',
    title: 'claude-haiku-5-5',
  },
  openai: {
    instant: 'gpt-5.4-mini',
    thinking: 'gpt-5.5',
    planner: 'gpt-5.5',
    synthesizer: 'gpt-5.5',
    worker: 'gpt-5.4-mini',
    vision: 'gpt-5.4',
    title: 'gpt-5.4-nano',
  },
  google: {
    instant: 'gemini-flash-latest',
    thinking: 'gemini-pro-latest',
    planner: 'gemini-pro-latest',
    synthesizer: 'gemini-pro-latest',
    worker: 'gemini-flash-latest',
    vision: 'gemini-flash-latest',
    title: 'gemini-flash-lite-latest',
  },
};

export const OFFLINE_MODEL_ID = 'offline:demo';
export const offlineEntry: CatalogueEntry = {
  label: 'Offline demo model',
  capabilities: { vision: true, reasoning: true },
};
export const OFFLINE_HINT = 'Answers from your words only. Set a provider key (e.g. OPENAI_API_KEY) to use a real model.';

/** Whether a model can be given images. */
export function canSeeImages(option: { capabilities: ModelCapabilities }): boolean {
  return option.capabilities.vision;
}

/**
 * The longest image edge a provider takes without shrinking the image again on its side (their
 * documented limits: Anthropic resizes beyond 1568 px, OpenAI fits into 2048 × 2048, Gemini into
 * 3072 × 3072). Self-hosted servers and the offline model get the default.
 */
export const DEFAULT_IMAGE_EDGE = 2048;
const imageEdges: Partial<Record<ProviderId, number>> = { anthropic: 1568, openai: 2048, google: 3072 };

export function imageEdgeFor(provider: ProviderId): number {
  return imageEdges[provider] ?? DEFAULT_IMAGE_EDGE;
}

/**
 * Capabilities of a model served by an OpenAI-compatible server or Ollama, which do not describe
 * themselves. An explicit `+vision` / `+reasoning` suffix in OPENAI_COMPATIBLE_MODELS wins; otherwise
 * well-known model families are recognised by name.
 */
export function inferCapabilities(modelId: string, explicit: string[] = []): ModelCapabilities {
  const id = modelId.toLowerCase();
  const vision =
    explicit.includes('vision') ||
    /(^|[-_:/.])(vl|vision|llava|bakllava|pixtral|moondream|minicpm-v|gemma3|gemma-3|llama3\.2-vision|qwen2\.5vl|qwen3-vl|internvl|granite3\.2-vision|mistral-small3\.1)/.test(id);
  const reasoning =
    explicit.includes('reasoning') ||
    /(qwen3|deepseek-r1|(^|[-_:/])r1([-_:]|$)|qwq|gpt-oss|reason|think|magistral|phi4-reasoning|cogito|exaone-deep)/.test(id);
  return { vision, reasoning };
}

/** Splits `provider:model-id` at the first colon (Ollama ids such as `qwen3:8b` contain colons). */
export function parseModelRef(ref: string): { provider: string; modelId: string } | undefined {
  const index = ref.indexOf(':');
  if (index <= 0 || index === ref.length - 1) return undefined;
  return { provider: ref.slice(0, index), modelId: ref.slice(index + 1) };
}
