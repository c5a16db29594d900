import { generateText, Output, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { planSchema } from '@/lib/modes/thinking/plan';
import { OfflineModel } from './offline-model';
import { offlinePlan, offlineSynthesis, offlineWorkerAnswer, parseBrief, parseResults } from './offline-thinking';
import { synthesisBrief } from './prompts/synthesizer';
import { workerBrief } from './prompts/worker';

const FAST = 100_000;

describe('offline planner', () => {
  it('splits a compound request into one subtask per part the user named', () => {
    const plan = offlinePlan('Compare three ways to brew coffee: French press, pour-over and espresso.');
    expect(plan.subtasks.map((s) => s.title)).toEqual(['French press', 'Pour-over', 'Espresso']);
    expect(plan.approach).toContain('3 parts');
    expect(offlinePlan('Compare sourdough starters and commercial yeast').subtasks.map((s) => s.title)).toEqual(['Sourdough starters', 'Commercial yeast']);
    expect(offlinePlan('- cost\n- taste\n- effort').subtasks).toHaveLength(3);
    expect(offlinePlan('What is a tide? Why are there two a day? Who first explained them?').subtasks).toHaveLength(3);
  });

  it('gives a simple question one subtask and a greeting none (no fan-out needed)', () => {
    const simple = offlinePlan('Why is the sky blue?');
    expect(simple.subtasks).toHaveLength(1);
    expect(simple.subtasks[0]!.goal).toContain('Why is the sky blue?');
    expect(offlinePlan('Hi there').subtasks).toHaveLength(0);
    expect(offlinePlan('Thanks!').subtasks).toHaveLength(0);
    // Remembering is the answer's job (it has the memory tools): nothing to fan out.
    expect(offlinePlan('Remember that I am vegetarian and live in Porto').subtasks).toHaveLength(0);
  });

  it('is deterministic and only restates: every subtask comes from the user’s words', () => {
    const text = 'Weigh up trams, buses and bicycles for a small town';
    expect(offlinePlan(text)).toEqual(offlinePlan(text));
    for (const subtask of offlinePlan(text).subtasks) expect(text.toLowerCase()).toContain(subtask.title.toLowerCase());
  });

  it('answers a structured-output request with JSON that the plan schema accepts', async () => {
    const { output } = await generateText({
      model: new OfflineModel({ tokensPerSecond: FAST }),
      prompt: 'Compare tea, coffee and cocoa',
      output: Output.object({ schema: planSchema }),
    });
    expect(output.subtasks.map((s) => s.title)).toEqual(['Tea', 'Coffee', 'Cocoa']);
  });
});

describe('offline sub-agent and synthesizer', () => {
  const request = 'Compare three ways to brew coffee: French press, pour-over and espresso. Keep it short.';
  const brief = workerBrief({ index: 2, total: 3, approach: 'Three parts.', subtask: { id: 'a2', title: 'Pour-over', goal: 'Work out what the request asks about pour-over.', returns: 'A short summary.' } });

  it('reads its brief and restates the parts of the request that concern it, claiming nothing', () => {
    expect(parseBrief(brief)).toEqual({ index: 2, total: 3, title: 'Pour-over', goal: 'Work out what the request asks about pour-over.', returns: 'A short summary.' });
    const answer = offlineWorkerAnswer(parseBrief(brief), request);
    expect(answer).toContain('> Compare three ways to brew coffee: French press, pour-over and espresso.');
    expect(answer).not.toContain('Keep it short');
    expect(answer).toContain('cannot add facts');
  });

  it('streams the worker answer with its reasoning and stops at maxOutputTokens', async () => {
    const model = new OfflineModel({ tokensPerSecond: FAST });
    const prompt = [
      { role: 'user' as const, content: request },
      { role: 'user' as const, content: brief },
    ];
    const full = streamText({ model, messages: prompt, reasoning: 'low', providerOptions: { offline: { task: 'worker' } } });
    expect(await full.reasoningText).toContain('My part is “Pour-over”, 2 of 3.');
    expect(await full.text).toContain('**Pour-over**');
    expect(await full.finishReason).toBe('stop');

    const cut = streamText({ model, messages: prompt, maxOutputTokens: 5, providerOptions: { offline: { task: 'worker' } } });
    expect((await cut.text).split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(5);
    expect(await cut.finishReason).toBe('length');
  });

  it('combines results with [n] citations, quotes shared once, and says what is missing', () => {
    const brief = synthesisBrief({
      approach: 'Three parts.',
      agents: [
        { index: 1, title: 'French press', goal: 'g', status: 'done', text: '**French press**\n\n> Compare three ways to brew coffee.\n' },
        { index: 2, title: 'Pour-over', goal: 'g', status: 'done', text: '**Pour-over**\n\n> Compare three ways to brew coffee.\n' },
        { index: 3, title: 'Espresso', goal: 'g', status: 'failed', text: '', error: 'The model provider had an error (HTTP 500).' },
      ],
    });
    expect(parseResults(brief).map((r) => [r.index, r.title, r.status])).toEqual([
      [1, 'French press', 'done'],
      [2, 'Pour-over', 'done'],
      [3, 'Espresso', 'failed'],
    ]);
    const answer = offlineSynthesis(brief);
    expect(answer).toContain('- **French press**: quoted the sentence of your request that concerns it [1]');
    expect(answer).toContain('> Compare three ways to brew coffee. [1][2]');
    expect(answer).toMatch(/### Missing\n\n- \*\*Espresso\*\* \[3\] failed \(The model provider had an error \(HTTP 500\)\.\): this part is not covered\./);
  });

  it('describes the user’s images to the sub-agent and the synthesis, though Flint’s brief comes after them', async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#16a34a' } }).png().toBuffer();
    const model = new OfflineModel({ tokensPerSecond: FAST });
    const withImage = { role: 'user' as const, content: [{ type: 'image' as const, image: new Uint8Array(png), mediaType: 'image/png' }, { type: 'text' as const, text: 'What is in this picture?' }] };
    const synthesis = synthesisBrief({ approach: 'One part.', agents: [{ index: 1, title: 'Picture', goal: 'g', status: 'done', text: 'A green field.' }] });
    for (const [task, last] of [['worker', brief], ['synthesis', synthesis]] as const) {
      const result = streamText({ model, messages: [withImage, { role: 'user', content: last }], providerOptions: { offline: { task } } });
      expect(await result.text).toMatch(/Image 1: PNG, 64 × 48 px; dominant colours green/);
    }
    // Without images in the user's message there is no such section.
    const plain = streamText({ model, messages: [{ role: 'user', content: request }, { role: 'user', content: brief }], providerOptions: { offline: { task: 'worker' } } });
    expect(await plain.text).not.toContain('What the images contain');
  });

  it('summarises results from real sub-agents by their first sentence', () => {
    const brief = synthesisBrief({ approach: 'One part.', agents: [{ index: 1, title: 'Tides', goal: 'g', status: 'done', text: 'The Moon pulls the oceans. More detail follows.' }] });
    expect(offlineSynthesis(brief)).toContain('- **Tides**: The Moon pulls the oceans. [1]');
  });
});
