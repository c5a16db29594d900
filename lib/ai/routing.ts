// Role → model. Product code asks for a role ("instant", "worker", …) and gets a fallback-wrapped
// model; which vendor stands behind it is configuration (FLINT_*_MODEL, FLINT_FALLBACK_MODELS).
import 'server-only';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { env, type Env } from '@/lib/env';
import { FlintError } from '@/lib/errors';
import type { ModelOption, ProviderId, Role } from '@/lib/types';
import { createFallbackModel, type Skipped } from './fallback';
import { canSeeImages, imageEdgeFor, OFFLINE_MODEL_ID, providerDefaults } from './models';
import { getProviderSetup, reasoningProviderOptions, type ProviderSetup } from './providers';

/** Which variables name a role's model, most specific first. */
const roleVariables: Record<Role, Array<keyof Env>> = {
  instant: ['FLINT_INSTANT_MODEL'],
  thinking: ['FLINT_THINKING_MODEL'],
  planner: ['FLINT_PLANNER_MODEL', 'FLINT_THINKING_MODEL'],
  synthesizer: ['FLINT_SYNTHESIZER_MODEL', 'FLINT_THINKING_MODEL'],
  worker: ['FLINT_WORKER_MODEL'],
  vision: ['FLINT_VISION_MODEL'],
  title: ['FLINT_TITLE_MODEL'],
};

const hostedOrder = ['anthropic', 'openai', 'google'] as const;

function defaultFor(role: Role, setup: ProviderSetup, e: Env): string {
  for (const provider of hostedOrder) {
    if (setup.configured.includes(provider)) return `${provider}:${providerDefaults[provider][role]}`;
  }
  // Self-hosted servers do not say which of their models is which: use the instant model if one is
  // named, else the first model the server lists (for vision, the first one that can see).
  if (e.FLINT_INSTANT_MODEL && setup.models.has(e.FLINT_INSTANT_MODEL) && role !== 'vision') return e.FLINT_INSTANT_MODEL;
  for (const provider of ['openai-compatible', 'ollama'] as const) {
    const candidates = [...setup.models.values()].filter((m) => m.option.provider === provider);
    const pick = role === 'vision' ? candidates.find((m) => m.option.capabilities.vision) : candidates[0];
    if (pick) return pick.option.id;
  }
  return OFFLINE_MODEL_ID;
}

export interface ResolvedChain {
  links: Array<{ ref: string; option: ModelOption; listed: boolean; create(): LanguageModelV4 }>;
  /** Configured model names that could not be used, with the reason. */
  warnings: string[];
}

export async function resolveChain(role: Role, preferred?: string): Promise<ResolvedChain> {
  const e = env();
  const setup = await getProviderSetup();
  const warnings: string[] = [];
  const named = roleVariables[role].map((key) => e[key] as string | undefined).find((ref): ref is string => Boolean(ref));
  const primary = preferred && setup.models.has(preferred) ? preferred : (named ?? defaultFor(role, setup, e));
  const fallbacks = (e.FLINT_FALLBACK_MODELS ?? '')
    .split(',')
    .map((ref) => ref.trim())
    .filter(Boolean);

  const links: ResolvedChain['links'] = [];
  for (const ref of [primary, ...fallbacks]) {
    if (links.some((link) => link.ref === ref)) continue;
    const model = setup.models.get(ref);
    if (!model) {
      warnings.push(`${ref} is not available: its provider is not configured or does not list it.`);
      continue;
    }
    // The offline demo model only counts as able to see when it is offered (no real provider) or named.
    if (role === 'vision' && !(canSeeImages(model.option) && model.listed)) continue;
    links.push({ ref, option: model.option, listed: model.listed, create: model.create });
  }
  return { links, warnings };
}

export interface RoleModel {
  model: LanguageModelV4;
  /** The first choice (used for labels before the first token arrives). */
  primary: ModelOption;
  options: Map<string, ModelOption>;
  /** The longest image edge every model in the chain takes (see models.ts). */
  imageEdge: number;
  /** Set when the turn has images and the role's model cannot see them: the vision role answers. */
  visionRoute?: { from: ModelOption; to: ModelOption };
}

export const noVisionMessage =
  'None of the configured models can see images. Remove the images to send this message, or configure a model that can see them (FLINT_VISION_MODEL, or a provider key such as ANTHROPIC_API_KEY).';

/**
 * The links that answer a turn. With images, a chain whose first model can see keeps only the
 * models that can see; otherwise the turn goes to the vision role's chain (and says so).
 */
async function chainFor(role: Role, preferred: string | undefined, needsVision: boolean) {
  const { links, warnings } = await resolveChain(role, preferred);
  if (!needsVision || links.length === 0) return { links, warnings };
  const seeing = (list: ResolvedChain['links']) => list.filter((link) => canSeeImages(link.option) && link.listed);
  if (canSeeImages(links[0]!.option) && links[0]!.listed) return { links: seeing(links), warnings };
  const vision = seeing((await resolveChain('vision')).links);
  if (vision.length === 0) throw new FlintError('no_vision', noVisionMessage);
  return { links: vision, warnings, visionRoute: { from: links[0]!.option, to: vision[0]!.option } };
}

/** The model that will see the images of a turn for this role, or null when no model can. */
export async function visionModelFor(role: Role, preferred?: string): Promise<ModelOption | null> {
  try {
    return (await chainFor(role, preferred, true)).links[0]?.option ?? null;
  } catch (error) {
    if (error instanceof FlintError && error.code === 'no_vision') return null;
    throw error;
  }
}

/** For the browser: whether images can be sent at all, and which model answers them for a model that cannot see. */
export async function visionSupport(): Promise<{ available: boolean; model: ModelOption | null }> {
  const model = (await resolveChain('vision')).links[0]?.option ?? null;
  const available = Boolean(model || (await visionModelFor('instant')) || (await visionModelFor('thinking')));
  return { available, model };
}

/** A model for the role, wrapped so that it falls back along the configured chain. */
export async function modelForRole(
  role: Role,
  {
    preferred,
    onSelected,
    needsVision = false,
  }: {
    preferred?: string;
    onSelected?: (option: ModelOption, skipped: Skipped[]) => void;
    /** The request carries images: only models that can see them may answer. */
    needsVision?: boolean;
  } = {},
): Promise<RoleModel> {
  const { links, warnings, visionRoute } = await chainFor(role, preferred, needsVision);
  if (links.length === 0) {
    throw new FlintError(
      'no_model',
      `No model is available for ${role} answers. ${warnings.join(' ')} Check the FLINT_*_MODEL settings and provider keys.`,
    );
  }
  const options = new Map(links.map((link) => [link.ref, link.option]));
  const model = createFallbackModel(
    links.map((link) => ({ ref: link.ref, model: link.create() })),
    {
      firstTokenTimeoutMs: env().FLINT_FIRST_TOKEN_TIMEOUT_MS,
      onSelected: (ref, skipped) => onSelected?.(options.get(ref)!, skipped),
    },
  );
  const imageEdge = Math.min(...links.map((link) => imageEdgeFor(link.option.provider)));
  return { model, primary: links[0]!.option, options, imageEdge, ...(visionRoute ? { visionRoute } : {}) };
}

/** Every model a user may pick, in menu order. */
export async function listModelOptions(): Promise<ModelOption[]> {
  const setup = await getProviderSetup();
  return [...setup.models.values()].filter((m) => m.listed).map((m) => m.option);
}

export async function modelOption(ref: string): Promise<ModelOption | undefined> {
  return (await getProviderSetup()).models.get(ref)?.option;
}

/** Provider options for a call with reasoning on, merged for every provider in the chain. */
export function reasoningOptionsFor(providers: Iterable<ProviderId>) {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const provider of providers) Object.assign(merged, reasoningProviderOptions(provider));
  return merged;
}
