// The provider registry: which providers exist, built from the environment. This is the ONLY file
// that imports @ai-sdk/* provider packages; the rest of Flint asks routing.ts for a role.
import 'server-only';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { env, type Env } from '@/lib/env';
import type { ModelOption, ProviderId } from '@/lib/types';
import { catalogue, inferCapabilities, OFFLINE_HINT, OFFLINE_MODEL_ID, offlineEntry, parseModelRef, providerLabels } from './models';
import { OfflineModel } from './offline-model';

/**
 * The fetch model calls go out with: Node's own, not the wrapper Next.js puts around the global
 * fetch in its server (for its data cache and its tracing spans, neither of which a model call
 * uses). The wrapper's work sat between asking the model and the request going out: the server's
 * share of the first-token latency was 0.5–2.9 ms lower without it, six runs out of six
 * (bench/first-token-server.ts). Looked up per call, so it is right whenever Next.js patched fetch.
 */
const unpatchedFetch: typeof globalThis.fetch = (input, init) => ((globalThis.fetch as NextPatchedFetch)._nextOriginalFetch ?? globalThis.fetch)(input, init);
type NextPatchedFetch = typeof globalThis.fetch & { _nextOriginalFetch?: typeof globalThis.fetch };

export interface AvailableModel {
  option: ModelOption;
  /** Shown in the model menu (the offline model hides once a real provider exists, unless referenced). */
  listed: boolean;
  /** The model, built on first use and then shared by every request (provider models hold no per-call state). */
  create(): LanguageModelV4;
}

/**
 * `create`, called once. Building a provider's model is not free: the OpenAI-compatible one builds
 * the zod schema its stream chunks are checked against, and zod compiles a schema on its first
 * parse, so a model built per request cost 0.85–1.1 ms before the request (on an idle server) and
 * more on its first chunk, on the path to the first token.
 */
function once(create: () => LanguageModelV4): () => LanguageModelV4 {
  let model: LanguageModelV4 | undefined;
  return () => (model ??= create());
}

export interface ProviderSetup {
  configured: ProviderId[];
  models: Map<string, AvailableModel>;
}

const DISCOVERY_TTL_MS = 60_000;

function trimSlash(url: string) {
  return url.replace(/\/+$/, '');
}

async function fetchJson(url: string, init: RequestInit & { timeoutMs: number }): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs) });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
  return response.json();
}

/** `id`, `id+vision`, `id+vision+reasoning` */
function parseModelList(list: string): Array<{ id: string; flags: string[] }> {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [id, ...flags] = item.split('+');
      return { id: id!.trim(), flags: flags.map((flag) => flag.trim().toLowerCase()) };
    });
}

async function discoverOpenAICompatible(e: Env): Promise<Array<{ id: string; flags: string[] }>> {
  if (e.OPENAI_COMPATIBLE_MODELS) return parseModelList(e.OPENAI_COMPATIBLE_MODELS);
  try {
    const body = (await fetchJson(`${trimSlash(e.OPENAI_COMPATIBLE_BASE_URL!)}/models`, {
      headers: e.OPENAI_COMPATIBLE_API_KEY ? { authorization: `Bearer ${e.OPENAI_COMPATIBLE_API_KEY}` } : {},
      timeoutMs: 3000,
    })) as { data?: Array<{ id?: unknown }> };
    return (body.data ?? []).flatMap((m) => (typeof m.id === 'string' ? [{ id: m.id, flags: [] }] : []));
  } catch (error) {
    console.warn(`[flint] could not list models at OPENAI_COMPATIBLE_BASE_URL: ${(error as Error).message}`);
    return [];
  }
}

function ollamaRoot(e: Env): string | undefined {
  if (e.OLLAMA_BASE_URL) return trimSlash(e.OLLAMA_BASE_URL).replace(/\/v1$/, '');
  return e.FLINT_OLLAMA_PROBE === 'on' ? 'http://127.0.0.1:11434' : undefined;
}

async function discoverOllama(root: string, explicit: boolean): Promise<Array<{ id: string; flags: string[] }> | undefined> {
  try {
    const body = (await fetchJson(`${root}/api/tags`, { timeoutMs: explicit ? 3000 : 800 })) as {
      models?: Array<{ name?: unknown; details?: { families?: unknown } }>;
    };
    return (body.models ?? []).flatMap((m) => {
      if (typeof m.name !== 'string') return [];
      const families = Array.isArray(m.details?.families) ? (m.details.families as string[]) : [];
      const vision = families.some((f) => /clip|mllama|vision/i.test(f));
      return [{ id: m.name, flags: vision ? ['vision'] : [] }];
    });
  } catch (error) {
    if (explicit) console.warn(`[flint] could not reach Ollama at ${root}: ${(error as Error).message}`);
    return undefined;
  }
}

/** Model ids named in any FLINT_*_MODEL or FLINT_FALLBACK_MODELS variable. */
export function referencedModels(e: Env): string[] {
  const refs = [
    e.FLINT_INSTANT_MODEL,
    e.FLINT_THINKING_MODEL,
    e.FLINT_WORKER_MODEL,
    e.FLINT_VISION_MODEL,
    e.FLINT_PLANNER_MODEL,
    e.FLINT_SYNTHESIZER_MODEL,
    e.FLINT_TITLE_MODEL,
    ...(e.FLINT_FALLBACK_MODELS ?? '').split(','),
  ];
  return refs.map((ref) => ref?.trim()).filter((ref): ref is string => Boolean(ref));
}

async function build(e: Env): Promise<ProviderSetup> {
  const models = new Map<string, AvailableModel>();
  const configured: ProviderId[] = [];
  const add = (provider: ProviderId, modelId: string, label: string, capabilities: ModelOption['capabilities'], create: () => LanguageModelV4) => {
    const id = `${provider}:${modelId}`;
    if (models.has(id)) return;
    models.set(id, { option: { id, provider, label, providerLabel: providerLabels[provider], capabilities }, listed: true, create: once(create) });
  };
  const referenced = referencedModels(e);
  const referencedIds = (provider: ProviderId) =>
    referenced.map(parseModelRef).flatMap((ref) => (ref && ref.provider === provider ? [ref.modelId] : []));

  if (e.ANTHROPIC_API_KEY) {
    configured.push('anthropic');
    const anthropic = createAnthropic({ apiKey: e.ANTHROPIC_API_KEY, baseURL: e.ANTHROPIC_BASE_URL, fetch: unpatchedFetch });
    for (const [id, entry] of Object.entries(catalogue.anthropic)) add('anthropic', id, entry.label, entry.capabilities, () => anthropic(id));
    for (const id of referencedIds('anthropic')) add('anthropic', id, id, inferCapabilities(id, ['vision', 'reasoning']), () => anthropic(id));
  }
  if (e.OPENAI_API_KEY) {
    configured.push('openai');
    const openai = createOpenAI({ apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, fetch: unpatchedFetch });
    for (const [id, entry] of Object.entries(catalogue.openai)) add('openai', id, entry.label, entry.capabilities, () => openai.responses(id));
    for (const id of referencedIds('openai')) add('openai', id, id, inferCapabilities(id, ['vision']), () => openai.responses(id));
  }
  if (e.GOOGLE_GENERATIVE_AI_API_KEY) {
    configured.push('google');
    const google = createGoogleGenerativeAI({ apiKey: e.GOOGLE_GENERATIVE_AI_API_KEY, baseURL: e.GOOGLE_GENERATIVE_AI_BASE_URL, fetch: unpatchedFetch });
    for (const [id, entry] of Object.entries(catalogue.google)) add('google', id, entry.label, entry.capabilities, () => google(id));
    for (const id of referencedIds('google')) add('google', id, id, inferCapabilities(id, ['vision', 'reasoning']), () => google(id));
  }
  if (e.OPENAI_COMPATIBLE_BASE_URL) {
    configured.push('openai-compatible');
    const compatible = createOpenAICompatible({
      name: 'openai-compatible',
      baseURL: trimSlash(e.OPENAI_COMPATIBLE_BASE_URL),
      apiKey: e.OPENAI_COMPATIBLE_API_KEY,
      includeUsage: true,
      fetch: unpatchedFetch,
    });
    const listed = await discoverOpenAICompatible(e);
    for (const { id, flags } of [...listed, ...referencedIds('openai-compatible').map((id) => ({ id, flags: [] }))]) {
      add('openai-compatible', id, id, inferCapabilities(id, flags), () => compatible.chatModel(id));
    }
  }
  const root = ollamaRoot(e);
  if (root) {
    const listed = await discoverOllama(root, Boolean(e.OLLAMA_BASE_URL));
    if (listed) {
      configured.push('ollama');
      const ollama = createOpenAICompatible({ name: 'ollama', baseURL: `${root}/v1`, includeUsage: true, fetch: unpatchedFetch });
      for (const { id, flags } of [...listed, ...referencedIds('ollama').map((id) => ({ id, flags: [] }))]) {
        add('ollama', id, id, inferCapabilities(id, flags), () => ollama.chatModel(id));
      }
    }
  }

  const offlineReferenced = referenced.includes(OFFLINE_MODEL_ID);
  models.set(OFFLINE_MODEL_ID, {
    option: {
      id: OFFLINE_MODEL_ID,
      provider: 'offline',
      label: offlineEntry.label,
      providerLabel: providerLabels.offline,
      capabilities: offlineEntry.capabilities,
      hint: OFFLINE_HINT,
    },
    listed: configured.length === 0 || offlineReferenced,
    create: once(() => new OfflineModel({ tokensPerSecond: e.FLINT_OFFLINE_TOKENS_PER_SECOND })),
  });
  configured.push('offline');
  return { configured, models };
}

const cacheKey = Symbol.for('flint.providers');
type Cache = { at: number; setup: Promise<ProviderSetup> };
type GlobalWithCache = typeof globalThis & { [cacheKey]?: Cache };

/** The current provider setup; discovery results are reused for a minute. */
export function getProviderSetup(): Promise<ProviderSetup> {
  const g = globalThis as GlobalWithCache;
  const cached = g[cacheKey];
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.setup;
  const setup = build(env());
  g[cacheKey] = { at: Date.now(), setup };
  // A failed refresh keeps serving the previous result.
  if (cached) setup.catch(() => (g[cacheKey] = cached));
  return setup;
}

export function resetProvidersForTests() {
  (globalThis as GlobalWithCache)[cacheKey] = undefined;
}

/**
 * Vendor-specific options that make reasoning visible. The standard `reasoning` call option sets the
 * effort; some providers additionally need to be asked to return their thoughts.
 */
export function reasoningProviderOptions(provider: ProviderId): Record<string, Record<string, unknown>> | undefined {
  if (provider === 'google') return { google: { thinkingConfig: { includeThoughts: true } } };
  return undefined;
}
