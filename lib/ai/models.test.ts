import { describe, expect, it } from 'vitest';
import { roles } from '@/lib/types';
import { catalogue, inferCapabilities, parseModelRef, providerDefaults } from './models';

describe('parseModelRef', () => {
  it.each([
    ['openai:gpt-5.4-mini', 'openai', 'gpt-5.4-mini'],
    ['ollama:qwen3:8b', 'ollama', 'qwen3:8b'],
    ['ollama:hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M', 'ollama', 'hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M'],
    ['openai-compatible:meta-llama/Llama-3.3-70B-Instruct', 'openai-compatible', 'meta-llama/Llama-3.3-70B-Instruct'],
    ['offline:demo', 'offline', 'demo'],
  ])('splits %s at the first colon only', (ref, provider, modelId) => {
    expect(parseModelRef(ref)).toEqual({ provider, modelId });
  });

  it.each(['gpt-5.4', ':gpt-5.4', 'openai:', ''])('rejects %j, which names no provider or no model', (ref) => {
    expect(parseModelRef(ref)).toBeUndefined();
  });
});

describe('inferCapabilities', () => {
  it.each([
    ['llava:13b', { vision: true, reasoning: false }],
    ['qwen2.5vl:7b', { vision: true, reasoning: false }],
    ['gemma3:4b', { vision: true, reasoning: false }],
    ['llama3.2-vision:11b', { vision: true, reasoning: false }],
    ['Qwen/Qwen2.5-VL-7B-Instruct', { vision: true, reasoning: false }],
    ['qwen3:8b', { vision: false, reasoning: true }],
    ['qwen3-vl:8b', { vision: true, reasoning: true }],
    ['deepseek-r1:14b', { vision: false, reasoning: true }],
    ['gpt-oss:20b', { vision: false, reasoning: true }],
    ['qwq:32b', { vision: false, reasoning: true }],
    ['llama3.1:8b', { vision: false, reasoning: false }],
    ['mistral:7b', { vision: false, reasoning: false }],
    ['phi3:mini', { vision: false, reasoning: false }],
  ])('recognises %s by its family name', (id, capabilities) => {
    expect(inferCapabilities(id)).toEqual(capabilities);
  });

  it('does not mistake names that merely contain the letters for capabilities', () => {
    // "r1" only counts as its own segment; "vl" only at the start of a segment.
    expect(inferCapabilities('coder1:7b').reasoning).toBe(false);
    expect(inferCapabilities('mixtral-r10:8x7b').reasoning).toBe(false);
    expect(inferCapabilities('devlin-7b').vision).toBe(false);
  });

  it('lets explicit +vision / +reasoning flags override the name', () => {
    expect(inferCapabilities('my-finetune', ['vision'])).toEqual({ vision: true, reasoning: false });
    expect(inferCapabilities('my-finetune', ['reasoning'])).toEqual({ vision: false, reasoning: true });
    expect(inferCapabilities('my-finetune', ['vision', 'reasoning'])).toEqual({ vision: true, reasoning: true });
  });
});

describe('provider defaults', () => {
  const hosted = Object.keys(providerDefaults) as Array<keyof typeof providerDefaults>;

  it.each(hosted)('%s: every role has a default, and it is a model the menu lists', (provider) => {
    for (const role of roles) {
      const id = providerDefaults[provider][role];
      expect(catalogue[provider], `${provider} default for ${role}`).toHaveProperty([id]);
    }
  });

  it.each(hosted)('%s: the thinking roles default to reasoning models and the vision role to a model that can see', (provider) => {
    for (const role of ['thinking', 'planner', 'synthesizer'] as const) {
      expect(catalogue[provider][providerDefaults[provider][role]]!.capabilities.reasoning, role).toBe(true);
    }
    expect(catalogue[provider][providerDefaults[provider].vision]!.capabilities.vision).toBe(true);
  });
});
