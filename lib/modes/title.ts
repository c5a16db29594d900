// A short title for a new chat, from its first message. Runs beside the answer, never blocks it.
import 'server-only';
import { generateText } from 'ai';
import { offlineTitle } from '@/lib/ai/offline-answers';
import { cleanTitle, titleInstructions } from '@/lib/ai/prompts/title';
import { modelForRole } from '@/lib/ai/routing';

export async function generateTitle(firstMessage: string): Promise<string> {
  try {
    const { model } = await modelForRole('title');
    const { text } = await generateText({
      model,
      instructions: titleInstructions,
      prompt: firstMessage.slice(0, 2000),
      maxOutputTokens: 40,
      maxRetries: 0,
      timeout: 20_000,
      providerOptions: { offline: { task: 'title' } },
    });
    return cleanTitle(text) ?? offlineTitle(firstMessage);
  } catch (error) {
    console.warn('[flint] title generation failed, using the first words instead:', (error as Error).message);
    return offlineTitle(firstMessage);
  }
}
