import { createServer } from 'node:net';
import { streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { FlintError } from '@/lib/errors';
import { roles, type Role } from '@/lib/types';
import { resetProvidersForTests } from './providers';
import { listModelOptions, modelForRole, reasoningOptionsFor, resolveChain, visionModelFor } from './routing';

const MANAGED = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'GOOGLE_GENERATIVE_AI_API_KEY',
  'GOOGLE_GENERATIVE_AI_BASE_URL',
  'OPENAI_COMPATIBLE_BASE_URL',
  'OPENAI_COMPATIBLE_API_KEY',
  'OPENAI_COMPATIBLE_MODELS',
  'OLLAMA_BASE_URL',
  'FLINT_OLLAMA_PROBE',
  'FLINT_INSTANT_MODEL',
  'FLINT_THINKING_MODEL',
  'FLINT_WORKER_MODEL',
  'FLINT_VISION_MODEL',
  'FLINT_PLANNER_MODEL',
  'FLINT_SYNTHESIZER_MODEL',
  'FLINT_TITLE_MODEL',
  'FLINT_FALLBACK_MODELS',
  'FLINT_FIRST_TOKEN_TIMEOUT_MS',
  'FLINT_OFFLINE_TOKENS_PER_SECOND',
];
const saved = Object.fromEntries(MANAGED.map((name) => [name, process.env[name]]));

/** Starts from a clean slate: only these variables are set, and nothing probes the network. */
function configure(vars: Record<string, string> = {}) {
  for (const name of MANAGED) delete process.env[name];
  Object.assign(process.env, { FLINT_OLLAMA_PROBE: 'off', ...vars });
  resetEnvForTests();
  resetProvidersForTests();
}

beforeAll(() => configure());
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
  resetProvidersForTests();
});

async function refs(role: Role, preferred?: string) {
  return (await resolveChain(role, preferred)).links.map((link) => link.ref);
}

async function listed() {
  return (await listModelOptions()).map((option) => option.id);
}

/** A loopback port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('with no provider configured', () => {
  it('answers every role with the offline model, without warnings, and lists only it', async () => {
    configure();
    for (const role of roles) {
      const chain = await resolveChain(role);
      expect(chain.links.map((l) => l.ref), role).toEqual(['offline:demo']);
      expect(chain.warnings, role).toEqual([]);
    }
    const options = await listModelOptions();
    expect(options.map((o) => o.id)).toEqual(['offline:demo']);
    expect(options[0]!.hint).toMatch(/OPENAI_API_KEY/);
  });

  it('gives a working model that reports which model answered', async () => {
    configure({ FLINT_OFFLINE_TOKENS_PER_SECOND: '100000' });
    const onSelected = vi.fn();
    const { model, primary } = await modelForRole('instant', { onSelected });
    expect(primary.id).toBe('offline:demo');

    const result = streamText({ model, prompt: 'Sort these: pear, apple, fig', maxRetries: 0 });
    expect(await result.text).toMatch(/offline demo model/);
    expect(onSelected).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: 'offline:demo', provider: 'offline' }), []);
  });
});

describe('with hosted providers', () => {
  it("uses the provider's defaults per role; planner and synthesizer follow the thinking model", async () => {
    configure({ ANTHROPIC_API_KEY: 'sk-ant-test' });
    expect(await refs('instant')).toEqual(['anthropic:claude-haiku-5-5']);
    expect(await refs('thinking')).toEqual(['anthropic:claude-sonnet-5-5']);
    expect(await refs('worker')).toEqual(['anthropic:claude-haiku-5-5']);
    expect(await refs('title')).toEqual(['anthropic:claude-haiku-5-5']);

    configure({ OPENAI_API_KEY: 'sk-test', FLINT_THINKING_MODEL: 'openai:gpt-5.4' });
    expect(await refs('thinking')).toEqual(['openai:gpt-5.4']);
    expect(await refs('planner')).toEqual(['openai:gpt-5.4']);
    expect(await refs('synthesizer')).toEqual(['openai:gpt-5.4']);
    expect(await refs('instant')).toEqual(['openai:gpt-5.4-mini']);
    expect(await refs('worker')).toEqual(['openai:gpt-5.4-mini']);
  });

  it('prefers Anthropic, then OpenAI, then Google for defaults when several keys are set', async () => {
    configure({ GOOGLE_GENERATIVE_AI_API_KEY: 'g-test', OPENAI_API_KEY: 'sk-test' });
    expect(await refs('instant')).toEqual(['openai:gpt-5.4-mini']);
    configure({ GOOGLE_GENERATIVE_AI_API_KEY: 'g-test', OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant-test' });
    expect(await refs('instant')).toEqual(['anthropic:claude-haiku-5-5']);
    configure({ GOOGLE_GENERATIVE_AI_API_KEY: 'g-test' });
    expect(await refs('vision')).toEqual(['google:gemini-flash-latest']);
  });

  it('lets a specific role variable win over the shared thinking model', async () => {
    configure({
      OPENAI_API_KEY: 'sk-test',
      FLINT_THINKING_MODEL: 'openai:gpt-5.5',
      FLINT_PLANNER_MODEL: 'openai:gpt-5.4-nano',
      FLINT_INSTANT_MODEL: 'openai:gpt-5.4',
    });
    expect(await refs('planner')).toEqual(['openai:gpt-5.4-nano']);
    expect(await refs('synthesizer')).toEqual(['openai:gpt-5.5']);
    expect(await refs('instant')).toEqual(['openai:gpt-5.4']);
  });

  it('appends FLINT_FALLBACK_MODELS in order, trimmed and without repeating a model', async () => {
    configure({
      ANTHROPIC_API_KEY: 'sk-ant-test',
      OPENAI_API_KEY: 'sk-test',
      FLINT_INSTANT_MODEL: 'openai:gpt-5.4-mini',
      FLINT_FALLBACK_MODELS: ' anthropic:claude-haiku-5-5 , openai:gpt-5.4-mini,, offline:demo ',
    });
    const chain = await resolveChain('instant');
    expect(chain.links.map((l) => l.ref)).toEqual(['openai:gpt-5.4-mini', 'anthropic:claude-haiku-5-5', 'offline:demo']);
    expect(chain.warnings).toEqual([]);
  });

  it('warns about configured models whose provider is not set up, and skips them', async () => {
    configure({
      ANTHROPIC_API_KEY: 'sk-ant-test',
      FLINT_INSTANT_MODEL: 'openai:gpt-5.5',
      FLINT_FALLBACK_MODELS: 'google:gemini-flash-latest,anthropic:claude-haiku-5-5',
    });
    const chain = await resolveChain('instant');
    expect(chain.links.map((l) => l.ref)).toEqual(['anthropic:claude-haiku-5-5']);
    expect(chain.warnings).toEqual([
      expect.stringMatching(/^openai:gpt-5\.5 is not available/),
      expect.stringMatching(/^google:gemini-flash-latest is not available/),
    ]);
    expect((await modelForRole('instant')).primary.id).toBe('anthropic:claude-haiku-5-5');
  });

  it('refuses a role whose every configured model is unavailable, saying which and why', async () => {
    configure({ ANTHROPIC_API_KEY: 'sk-ant-test', FLINT_INSTANT_MODEL: 'openai:gpt-5.5' });
    const error = await modelForRole('instant').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FlintError);
    expect(error).toMatchObject({ code: 'no_model' });
    expect((error as FlintError).userMessage).toContain('openai:gpt-5.5 is not available');
    expect((error as FlintError).userMessage).toContain('FLINT_*_MODEL');
  });

  it("uses the user's pick when it is available, and ignores one that is not", async () => {
    configure({ ANTHROPIC_API_KEY: 'sk-ant-test', OPENAI_API_KEY: 'sk-test', FLINT_INSTANT_MODEL: 'anthropic:claude-sonnet-5-5' });
    expect(await refs('instant', 'openai:gpt-5.5')).toEqual(['openai:gpt-5.5']);
    expect(await refs('instant', 'openai:no-such-model')).toEqual(['anthropic:claude-sonnet-5-5']);
    expect(await refs('instant', 'google:gemini-pro-latest')).toEqual(['anthropic:claude-sonnet-5-5']);
    expect((await resolveChain('instant', 'google:gemini-pro-latest')).warnings).toEqual([]);
  });

  it('makes a model named in the configuration available even when the catalogue does not list it', async () => {
    configure({ ANTHROPIC_API_KEY: 'sk-ant-test', FLINT_THINKING_MODEL: 'anthropic:claude-next-preview' });
    expect(await refs('thinking')).toEqual(['anthropic:claude-next-preview']);
    expect(await listed()).toContain('anthropic:claude-next-preview');
  });

  it('fails loudly, naming the variable, when a model reference is malformed', async () => {
    configure({ OPENAI_API_KEY: 'sk-test', FLINT_INSTANT_MODEL: 'gpt-5.4' });
    await expect(resolveChain('instant')).rejects.toThrow(/FLINT_INSTANT_MODEL: must look like provider:model-id/);
  });
});

describe('listModelOptions: the offline model', () => {
  it('is hidden once a real provider is configured', async () => {
    configure({ OPENAI_API_KEY: 'sk-test' });
    const ids = await listed();
    expect(ids).toContain('openai:gpt-5.5');
    expect(ids).not.toContain('offline:demo');
    for (const role of roles) expect(await refs(role), role).not.toContain('offline:demo');
  });

  it('stays listed when the configuration refers to it', async () => {
    configure({ OPENAI_API_KEY: 'sk-test', FLINT_FALLBACK_MODELS: 'offline:demo' });
    expect(await listed()).toContain('offline:demo');
    configure({ OPENAI_API_KEY: 'sk-test', FLINT_TITLE_MODEL: 'offline:demo' });
    expect(await listed()).toContain('offline:demo');
    expect(await refs('title')).toEqual(['offline:demo']);
  });

  it('is hidden when only a self-hosted server is configured', async () => {
    configure({ OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:1/v1', OPENAI_COMPATIBLE_MODELS: 'llama3.1:8b' });
    expect(await listed()).toEqual(['openai-compatible:llama3.1:8b']);
  });
});

describe('with a self-hosted OpenAI-compatible server', () => {
  const models = 'llama3.1:8b, qwen3:8b, llava:13b+vision';

  it('defaults to the first listed model, and for vision to the first one that can see', async () => {
    configure({ OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:1/v1', OPENAI_COMPATIBLE_MODELS: models });
    expect(await refs('instant')).toEqual(['openai-compatible:llama3.1:8b']);
    expect(await refs('thinking')).toEqual(['openai-compatible:llama3.1:8b']);
    expect(await refs('vision')).toEqual(['openai-compatible:llava:13b']);
    const options = await listModelOptions();
    expect(options.find((o) => o.id === 'openai-compatible:qwen3:8b')?.capabilities).toEqual({ vision: false, reasoning: true });
    expect(options.find((o) => o.id === 'openai-compatible:llava:13b')?.capabilities.vision).toBe(true);
  });

  it('uses the named instant model for the other roles, except vision', async () => {
    configure({
      OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:1/v1',
      OPENAI_COMPATIBLE_MODELS: models,
      FLINT_INSTANT_MODEL: 'openai-compatible:qwen3:8b',
    });
    expect(await refs('worker')).toEqual(['openai-compatible:qwen3:8b']);
    expect(await refs('title')).toEqual(['openai-compatible:qwen3:8b']);
    expect(await refs('vision')).toEqual(['openai-compatible:llava:13b']);
  });

  it('leaves models that cannot see out of the vision chain', async () => {
    configure({
      OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:1/v1',
      OPENAI_COMPATIBLE_MODELS: models,
      FLINT_VISION_MODEL: 'openai-compatible:llama3.1:8b',
      FLINT_FALLBACK_MODELS: 'openai-compatible:qwen3:8b,openai-compatible:llava:13b',
    });
    expect(await refs('vision')).toEqual(['openai-compatible:llava:13b']);
  });

  it('falls back along the chain when the server is down, and says which model was skipped', async () => {
    const port = await closedPort();
    configure({
      OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${port}/v1`,
      OPENAI_COMPATIBLE_MODELS: 'llama3.1:8b',
      FLINT_FALLBACK_MODELS: 'offline:demo',
      FLINT_OFFLINE_TOKENS_PER_SECOND: '100000',
    });
    const onSelected = vi.fn();
    const { model, primary } = await modelForRole('instant', { onSelected });
    expect(primary.id).toBe('openai-compatible:llama3.1:8b');

    const result = streamText({ model, prompt: 'hello', maxRetries: 0 });
    expect(await result.text).toMatch(/offline demo model/);
    expect(onSelected).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: 'offline:demo' }), [
      { model: 'openai-compatible:llama3.1:8b', reason: expect.stringMatching(/Could not reach the model provider/) },
    ]);
  });
});

describe('turns with images', () => {
  const compatible = { OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:1/v1', OPENAI_COMPATIBLE_MODELS: 'qwen3:8b, llava:13b+vision' };

  it('go to the chosen model when it can see, with only seeing models as fallbacks', async () => {
    configure({ ...compatible, FLINT_INSTANT_MODEL: 'openai-compatible:llava:13b', FLINT_FALLBACK_MODELS: 'openai-compatible:qwen3:8b,offline:demo' });
    const role = await modelForRole('instant', { needsVision: true });
    expect([...role.options.keys()]).toEqual(['openai-compatible:llava:13b', 'offline:demo']);
    expect(role.visionRoute).toBeUndefined();
    // Without images the blind fallback stays in the chain.
    expect([...(await modelForRole('instant')).options.keys()]).toEqual(['openai-compatible:llava:13b', 'openai-compatible:qwen3:8b', 'offline:demo']);
  });

  it('go to the vision role when the chosen model cannot see, and say from which model to which', async () => {
    configure({ ...compatible, FLINT_INSTANT_MODEL: 'openai-compatible:qwen3:8b' });
    const role = await modelForRole('instant', { needsVision: true });
    expect(role.primary.id).toBe('openai-compatible:llava:13b');
    expect(role.visionRoute).toMatchObject({ from: { id: 'openai-compatible:qwen3:8b' }, to: { id: 'openai-compatible:llava:13b' } });
    // The user's own pick is routed the same way.
    expect((await modelForRole('thinking', { preferred: 'openai-compatible:qwen3:8b', needsVision: true })).visionRoute?.from.id).toBe('openai-compatible:qwen3:8b');
    expect((await visionModelFor('instant'))?.id).toBe('openai-compatible:llava:13b');
  });

  it('are refused with a clear message when no configured model can see (the offline model does not count once hidden)', async () => {
    configure({ OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:1/v1', OPENAI_COMPATIBLE_MODELS: 'qwen3:8b' });
    const refusal = await modelForRole('instant', { needsVision: true }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(FlintError);
    expect(refusal).toMatchObject({ code: 'no_vision', userMessage: expect.stringMatching(/None of the configured models can see images/) });
    expect(await visionModelFor('instant')).toBeNull();
    expect(await refs('vision')).toEqual([]);
    // Named explicitly, the offline model sees (it reports facts measured from the pixels).
    configure({ OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:1/v1', OPENAI_COMPATIBLE_MODELS: 'qwen3:8b', FLINT_VISION_MODEL: 'offline:demo' });
    expect((await visionModelFor('instant'))?.id).toBe('offline:demo');
  });

  it('are sized for the most limited provider in the chain', async () => {
    configure({ ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o', GOOGLE_GENERATIVE_AI_API_KEY: 'g', FLINT_INSTANT_MODEL: 'google:gemini-flash-latest' });
    expect((await modelForRole('instant', { needsVision: true })).imageEdge).toBe(3072);
    configure({ ANTHROPIC_API_KEY: 'a', GOOGLE_GENERATIVE_AI_API_KEY: 'g', FLINT_INSTANT_MODEL: 'google:gemini-flash-latest', FLINT_FALLBACK_MODELS: 'anthropic:claude-haiku-5-5' });
    expect((await modelForRole('instant', { needsVision: true })).imageEdge).toBe(1568);
    configure();
    expect((await modelForRole('instant', { needsVision: true })).imageEdge).toBe(2048);
  });
});

describe('reasoningOptionsFor', () => {
  it('asks Google to return its thoughts and adds nothing for providers that need no extra option', () => {
    expect(reasoningOptionsFor(['anthropic', 'google', 'openai'])).toEqual({ google: { thinkingConfig: { includeThoughts: true } } });
    expect(reasoningOptionsFor(['anthropic', 'openai', 'offline'])).toEqual({});
  });
});

describe('model instances', () => {
  it('are built once and shared by every request, until the configuration is read again', async () => {
    configure({ OPENAI_API_KEY: 'sk-test', FLINT_FALLBACK_MODELS: 'offline:demo' });
    const [primary, offline] = (await resolveChain('instant')).links;
    const again = (await resolveChain('instant')).links;
    expect(primary!.create()).toBe(again[0]!.create());
    expect(offline!.create()).toBe(again[1]!.create());
    const before = primary!.create();
    configure({ OPENAI_API_KEY: 'sk-test' });
    expect((await resolveChain('instant')).links[0]!.create()).not.toBe(before);
  });
});
