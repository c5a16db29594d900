import type { LanguageModelV4CallOptions, LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { OfflineModel } from './offline-model';

const FAST = 100_000;

function user(text: string): LanguageModelV4Prompt[number] {
  return { role: 'user', content: [{ type: 'text', text }] };
}

function call(prompt: LanguageModelV4Prompt, extra: Partial<LanguageModelV4CallOptions> = {}): LanguageModelV4CallOptions {
  return { prompt, ...extra };
}

interface Timed {
  part: LanguageModelV4StreamPart;
  at: number;
}

async function collect(model: OfflineModel, options: LanguageModelV4CallOptions) {
  const started = performance.now();
  const { stream } = await model.doStream(options);
  const parts: Timed[] = [];
  let error: unknown;
  const reader = stream.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      parts.push({ part: next.value, at: performance.now() - started });
    }
  } catch (caught) {
    error = caught;
  }
  const types = parts.map((p) => p.part.type);
  const textOf = (kind: 'text-delta' | 'reasoning-delta') =>
    parts.flatMap(({ part }) => (part.type === kind ? [part.delta] : [])).join('');
  return {
    parts,
    types,
    error,
    elapsed: performance.now() - started,
    text: textOf('text-delta'),
    reasoning: textOf('reasoning-delta'),
    finish: parts.map((p) => p.part).find((p) => p.type === 'finish'),
  };
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('offline model', () => {
  it('gives the same answer to the same conversation, and a different one to a different question', async () => {
    const model = new OfflineModel({ tokensPerSecond: FAST });
    const prompt = [user('How do tides work near estuaries?')];
    const first = await collect(model, call(prompt));
    const second = await collect(model, call(prompt));
    const other = await collect(model, call([user('Plan a vegetable garden for a balcony.')]));

    expect(first.text.length).toBeGreaterThan(100);
    expect(second.text).toBe(first.text);
    expect(other.text).not.toBe(first.text);

    const generated = await model.doGenerate(call(prompt));
    expect(generated.content).toEqual([{ type: 'text', text: first.text }]);
  });

  it('says it is the offline demo model and restates the words and counts it received', async () => {
    const model = new OfflineModel({ tokensPerSecond: FAST });
    const question = 'Compare basalt and granite. Which weathers faster?';
    const prompt: LanguageModelV4Prompt = [
      { role: 'system', content: 'You are helpful.' },
      user('Tell me about rocks.'),
      { role: 'assistant', content: [{ type: 'text', text: 'Rocks are a broad topic.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: question },
          { type: 'file', mediaType: 'image/png', filename: 'outcrop.png', data: { type: 'data', data: new Uint8Array([137, 80, 78, 71]) } },
        ],
      },
    ];
    const { text } = await collect(model, call(prompt));

    expect(text).toMatch(/offline demo model/i);
    expect(text).toContain(`> ${question}`);
    expect(text).toMatch(/basalt/);
    expect(text).toMatch(/granite/);
    // 7 words, 50 characters in the latest message; two earlier messages (the system prompt is not one).
    expect(text).toContain(`**7** words and **${question.length}** characters`);
    expect(text).toContain('**2** earlier messages');
    expect(text).toContain('1 attachment**: outcrop.png');
    // It tells the user how to get a real answer rather than pretending to be one.
    expect(text).toContain('OPENAI_API_KEY');
  });

  it('streams the answer in many deltas, no faster than the configured tokens per second', async () => {
    const tokensPerSecond = 200;
    const model = new OfflineModel({ tokensPerSecond });
    const { text, parts, elapsed, types } = await collect(model, call([user('Summarise the water cycle in two sentences.')]));

    const deltas = parts.filter((p) => p.part.type === 'text-delta');
    const tokens = wordCount(text);
    const minimumMs = (tokens / tokensPerSecond) * 1000;
    expect(tokens).toBeGreaterThan(60);
    expect(deltas.length).toBeGreaterThan(10);
    // Timers never fire early by more than a millisecond or so; allow a little slack for rounding.
    expect(elapsed).toBeGreaterThanOrEqual(minimumMs * 0.9);
    // And it is not stuck: a generous ceiling that only an order-of-magnitude slowdown would break.
    expect(elapsed).toBeLessThan(minimumMs * 6 + 2000);
    // The first words arrive long before the last: the answer is streamed, not delivered at once.
    expect(deltas[0]!.at).toBeLessThan(deltas.at(-1)!.at - minimumMs / 2);
    expect(types.slice(0, 3)).toEqual(['stream-start', 'response-metadata', 'text-start']);
    expect(types.slice(-2)).toEqual(['text-end', 'finish']);
  });

  it('stops promptly when the caller aborts mid-stream, failing the stream with the abort reason', async () => {
    const model = new OfflineModel({ tokensPerSecond: 5 });
    const controller = new AbortController();
    const { stream } = await model.doStream(call([user('Write a long essay about lighthouses.')], { abortSignal: controller.signal }));
    const reader = stream.getReader();
    const seen: LanguageModelV4StreamPart[] = [];
    for (;;) {
      const next = await reader.read();
      if (next.done) throw new Error('stream ended before any text');
      seen.push(next.value);
      if (next.value.type === 'text-delta') break;
    }
    const reason = new DOMException('stopped by the user', 'AbortError');
    const abortedAt = performance.now();
    controller.abort(reason);

    await expect(reader.read()).rejects.toBe(reason);
    // At 5 tokens/s the next token would be 200 ms away and the whole answer a minute.
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(seen.filter((p) => p.type === 'text-delta')).toHaveLength(1);
    expect(seen.some((p) => p.type === 'finish')).toBe(false);
  });

  it('does not start at all when the signal is already aborted', async () => {
    const model = new OfflineModel({ tokensPerSecond: 20 });
    const result = await collect(model, call([user('Hello')], { abortSignal: AbortSignal.abort() }));
    expect(result.error).toBeDefined();
    expect(result.types).not.toContain('text-delta');
  });

  it('streams a reasoning trace before the text only when reasoning is requested', async () => {
    const model = new OfflineModel({ tokensPerSecond: FAST });
    const prompt = [user('Why is the sky blue? Keep it short.')];

    const reasoned = await collect(model, call(prompt, { reasoning: 'medium' }));
    expect(reasoned.reasoning).toMatch(/8 words in 2 sentences/);
    const firstReasoning = reasoned.types.indexOf('reasoning-delta');
    const reasoningEnd = reasoned.types.indexOf('reasoning-end');
    const textStart = reasoned.types.indexOf('text-start');
    expect(firstReasoning).toBeGreaterThan(-1);
    expect(reasoningEnd).toBeGreaterThan(firstReasoning);
    expect(textStart).toBeGreaterThan(reasoningEnd);

    for (const reasoning of [undefined, 'none'] as const) {
      const plain = await collect(model, call(prompt, { reasoning }));
      expect(plain.types.filter((t) => t.startsWith('reasoning'))).toEqual([]);
      // Reasoning changes nothing about the answer itself.
      expect(plain.text).toBe(reasoned.text);
    }

    const generated = await model.doGenerate(call(prompt, { reasoning: 'high' }));
    expect(generated.content.map((c) => c.type)).toEqual(['reasoning', 'text']);
  });

  it('answers the title task with a short title instead of an essay', async () => {
    const model = new OfflineModel({ tokensPerSecond: FAST });
    const options = call([user('Can you help me plan a three-day trip to Lisbon in March?')], {
      providerOptions: { offline: { task: 'title' } },
    });

    const streamed = await collect(model, options);
    expect(streamed.text).toBe('Help plan three-day trip Lisbon');

    const generated = await generateText({ model, prompt: 'what is the capital of france', providerOptions: { offline: { task: 'title' } } });
    expect(generated.text).toBe('Capital france');
    expect(wordCount(generated.text)).toBeLessThanOrEqual(5);
    expect(generated.text).not.toMatch(/offline/i);
  });

  it('reports usage that matches what it streamed and what it was sent', async () => {
    const model = new OfflineModel({ tokensPerSecond: FAST });
    const result = await collect(model, call([user('one two three four five')], { reasoning: 'low' }));

    expect(result.finish).toBeDefined();
    if (result.finish?.type !== 'finish') throw new Error('no finish part');
    const { usage } = result.finish;
    expect(usage.inputTokens.total).toBe(5);
    expect(usage.outputTokens.text).toBe(wordCount(result.text));
    expect(usage.outputTokens.reasoning).toBe(wordCount(result.reasoning));
    expect(usage.outputTokens.total).toBe(wordCount(result.text) + wordCount(result.reasoning));
    expect(result.finish.finishReason.unified).toBe('stop');
  });

  it('works as an AI SDK model: streamText delivers the same text and usage', async () => {
    const model = new OfflineModel({ tokensPerSecond: FAST });
    const direct = await collect(model, call([user('Name three uses for copper.')]));

    const result = streamText({ model, prompt: 'Name three uses for copper.' });
    const text = await result.text;
    const usage = await result.totalUsage;
    expect(text).toBe(direct.text);
    expect(usage.outputTokens).toBe(wordCount(text));
    expect(usage.inputTokens).toBe(5);
  });
});
