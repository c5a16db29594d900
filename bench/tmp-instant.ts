import { startFakeOpenAICompatible } from '../e2e/fake-upstream/openai-compatible';
const up = await startFakeOpenAICompatible({ models: ['bench-model', 'title-model'] });
up.setScript(() => ({ text: 'Zephyr hi there', chunks: 2 }));
Object.assign(process.env, up.env, { OPENAI_COMPATIBLE_MODELS: 'bench-model,title-model', FLINT_INSTANT_MODEL: 'openai-compatible:bench-model', FLINT_OLLAMA_PROBE: 'off' });
const { streamInstantAnswer } = await import('../lib/modes/instant');
const { artifactToolkit } = await import('../lib/ai/tools');
const { rememberTool } = await import('../lib/ai/tools/remember');
const { forgetTool } = await import('../lib/ai/tools/forget');
let calledAt = 0;
const real = globalThis.fetch;
globalThis.fetch = (async (u: any, i: any) => { if (String(u).includes('completions')) calledAt = performance.now(); return real(u, i); }) as any;
const times: number[] = [];
for (let i = 0; i < 200; i++) {
  const ctx = { userId: 'u', chatId: 'c', messageId: `m${i}` };
  const toolkit = artifactToolkit(ctx, []);
  const tools = { ...toolkit.tools, remember: rememberTool(ctx), forget: forgetTool(ctx) };
  const history = [{ id: 'q1', role: 'user' as const, parts: [{ type: 'text' as const, text: 'Question 1: how long until the first token?' }] }, { id: 'a1', role: 'assistant' as const, parts: [{ type: 'text' as const, text: 'Zephyr is the first word; the rest.' }] }, { id: 'q2', role: 'user' as const, parts: [{ type: 'text' as const, text: 'And a follow-up.' }] }];
  const t0 = performance.now();
  await streamInstantAnswer({ messageId: `m${i}`, history, mode: 'instant', signal: new AbortController().signal, userId: 'u', tools, toolInstructions: toolkit.instructions, personal: { aboutMe: '', responseStyle: '', memories: [], canRemember: true } }, () => {});
  if (i >= 20) times.push(calledAt - t0);
}
times.sort((a, b) => a - b);
console.log('start→fetch p50', times[90]!.toFixed(2), 'min', times[0]!.toFixed(2), 'p90', times[162]!.toFixed(2));
await up.close();
process.exit(0);
