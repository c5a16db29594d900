export const titleInstructions = [
  "Write a title for a chat that begins with the user's message below.",
  'At most 6 words, in the language of the message, no quotes, no trailing punctuation, no emoji.',
  'Reply with the title only.',
].join('\n');

/** Cleans whatever the model replied into something fit for the sidebar. */
export function cleanTitle(raw: string): string | undefined {
  const line = raw
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  if (!line) return undefined;
  const cleaned = line
    .replace(/^(title|titel|titre)\s*:\s*/i, '')
    .replace(/^["'“”‘’*#\s]+|["'“”‘’*.\s]+$/g, '')
    .trim();
  if (!cleaned) return undefined;
  return cleaned.length > 80 ? `${cleaned.slice(0, 77).trimEnd()}…` : cleaned;
}
