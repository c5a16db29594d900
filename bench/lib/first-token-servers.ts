// What both first-token benchmarks run against: a fake OpenAI-compatible upstream that waits a
// known time before its first token (whose first word is MARK), and a production Flint server that
// uses it for answers and titles, with a guest allowance no benchmark reaches.
import { startFakeOpenAICompatible } from '../../e2e/fake-upstream/openai-compatible';
import { startFlint } from '../../e2e/support/flint-server';

export const UPSTREAM_DELAY_MS = 200;
/** The first word of every answer. */
export const MARK = 'Zephyr';

export async function startFirstTokenServers() {
  const upstream = await startFakeOpenAICompatible({ models: ['bench-model', 'title-model'] });
  upstream.setScript((request) =>
    request.model === 'title-model'
      ? { text: 'Bench chat' }
      : { text: `${MARK} is the first word; the rest of this short answer follows it quickly.`, chunks: 10, firstTokenDelayMs: UPSTREAM_DELAY_MS, chunkDelayMs: 5 },
  );
  const flint = await startFlint({
    env: {
      ...upstream.env,
      OPENAI_COMPATIBLE_MODELS: 'bench-model,title-model',
      FLINT_INSTANT_MODEL: 'openai-compatible:bench-model',
      FLINT_TITLE_MODEL: 'openai-compatible:title-model',
      FLINT_GUEST_MESSAGES_PER_DAY: '100000',
    },
  });
  return { upstream, flint };
}
