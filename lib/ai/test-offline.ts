// Test support: a test file that calls answerWithOfflineModel() at its top runs every answer on the built-in offline
// model, at a pace that does not slow the tests, and gets its environment back afterwards.
import { afterAll, beforeAll } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { resetProvidersForTests } from './providers';

const PROVIDER_VARIABLES = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY', 'OPENAI_COMPATIBLE_BASE_URL', 'OLLAMA_BASE_URL'];

export function answerWithOfflineModel({ tokensPerSecond = 100_000 }: { tokensPerSecond?: number } = {}) {
  const saved = { ...process.env };
  beforeAll(() => {
    for (const name of PROVIDER_VARIABLES) delete process.env[name];
    process.env.FLINT_OFFLINE_TOKENS_PER_SECOND = String(tokensPerSecond);
    resetEnvForTests();
    resetProvidersForTests();
  });
  afterAll(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetEnvForTests();
    resetProvidersForTests();
  });
}
