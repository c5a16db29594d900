// What the offline demo model says. Pure functions of the input: the same prompt always gives the
// same answer, and nothing here claims knowledge the model does not have. It restates, counts and
// structures what it received, which is enough to exercise every rendering and streaming path.

export interface OfflineInput {
  /** Text of the latest user message. */
  text: string;
  /** Earlier messages in the conversation (user and assistant). */
  priorMessages: number;
  /** Files attached to the latest user message. */
  files: Array<{ mediaType: string; filename?: string }>;
  /** Facts about attached images, when the caller could compute them. */
  imageFacts?: string[];
  /** What Flint remembers about the user, as given in the system prompt. */
  memories?: string[];
}

export const STOP_WORDS = new Set(
  'a am an and are as at be been but by can could do does for from has have how i if in into is it its me my no not of on or our so that the their them then there these they this to was we were what when where which who why will with would you your please tell about explain give write make show'.split(
    ' ',
  ),
);

export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

export function keyTerms(text: string, limit = 5): Array<{ term: string; count: number }> {
  const counts = new Map<string, number>();
  for (const word of words(text)) {
    const key = word.toLowerCase();
    if (key.length < 3 || STOP_WORDS.has(key)) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([term, count]) => ({ term, count }));
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function quote(text: string): string {
  const clipped = text.length > 400 ? `${text.slice(0, 400)}…` : text;
  return clipped
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export const OFFLINE_INTRO =
  "I'm Flint's **offline demo model**. I can't look anything up or know facts about the world, so I won't guess. Here is what I can do: restate and organise what you sent.";

/** The reasoning trace shown (collapsed) when Thinking is on. */
export function offlineReasoning(input: OfflineInput): string {
  const w = words(input.text);
  const terms = keyTerms(input.text, 3).map((t) => t.term);
  return [
    `The message has ${plural(w.length, 'word')} in ${plural(sentences(input.text).length, 'sentence')}.`,
    terms.length ? `Its key terms are ${terms.join(', ')}.` : 'It has no distinctive terms.',
    input.priorMessages ? `There are ${plural(input.priorMessages, 'earlier message')} for context.` : 'This is the start of the conversation.',
    'I have no knowledge source, so the honest answer is a structured restatement.',
  ].join(' ');
}

export function offlineAnswer(input: OfflineInput): string {
  const text = input.text.trim();
  const w = words(text);
  const lower = text.toLowerCase();
  const parts: string[] = [OFFLINE_INTRO, '', '### What you asked', quote(text || (input.files.length ? '(no text, only attachments)' : '(an empty message)')), ''];

  parts.push('### What I received');
  parts.push(`- **${w.length}** words and **${text.length}** characters in your message`);
  parts.push(`- **${input.priorMessages}** earlier messages in this conversation`);
  if (input.files.length) {
    parts.push(`- **${plural(input.files.length, 'attachment')}**: ${input.files.map((f) => f.filename ?? f.mediaType).join(', ')}`);
  }
  parts.push('');
  if (input.imageFacts?.length) {
    parts.push('### What the images contain', 'Measured from their pixels (I cannot recognise objects or read text):', '');
    for (const fact of input.imageFacts) parts.push(`- ${fact}`);
    parts.push('');
  }

  if (input.memories?.length) {
    parts.push('### What I remember about you', ...input.memories.map((memory) => `- ${memory}`), '');
  }

  const terms = keyTerms(text);
  if (terms.length) {
    parts.push('### Key terms', '', '| Term | Times used |', '| --- | ---: |');
    for (const { term, count } of terms) parts.push(`| ${term} | ${count} |`);
    parts.push('');
  }

  const split = sentences(text);
  if (split.length > 1) {
    parts.push('### Your request, point by point');
    split.slice(0, 12).forEach((sentence, i) => parts.push(`${i + 1}. ${sentence} _(${plural(words(sentence).length, 'word')})_`));
    parts.push('');
  }

  if (/\b(code|function|program|script|typescript|javascript|python)\b/.test(lower)) {
    const sample = JSON.stringify(text.slice(0, 60));
    parts.push(
      '### Code',
      'A function that counts the words in your message, the way I just did:',
      '',
      '```ts',
      'export function countWords(text: string): number {',
      "  return text.match(/[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*/gu)?.length ?? 0;",
      '}',
      '',
      `countWords(${sample}); // ${words(text.slice(0, 60)).length}`,
      '```',
      '',
    );
  }

  if (/\b(math|equation|formula|latex|average|mean)\b/.test(lower)) {
    const mean = w.length ? w.reduce((sum, word) => sum + word.length, 0) / w.length : 0;
    parts.push(
      '### Math',
      `Your words average $\\bar{\\ell} = ${mean.toFixed(2)}$ letters. In general:`,
      '',
      '$$',
      '\\bar{\\ell} = \\frac{1}{n} \\sum_{i=1}^{n} \\ell_i',
      '$$',
      '',
    );
  }

  parts.push(
    '### To get a real answer',
    'Connect a model: set `OPENAI_API_KEY`, `ANTHROPIC_API_KEY` or `GOOGLE_GENERATIVE_AI_API_KEY`, or point `OLLAMA_BASE_URL` at a local Ollama, then restart Flint.',
  );
  return parts.join('\n');
}

/** A short chat title from the first message: its first meaningful words. */
export function offlineTitle(text: string): string {
  const meaningful = words(text).filter((word) => !STOP_WORDS.has(word.toLowerCase()));
  const chosen = (meaningful.length ? meaningful : words(text)).slice(0, 5);
  if (!chosen.length) return 'New chat';
  const title = chosen.join(' ');
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** Splits text into the pieces the model streams: a word with its trailing whitespace. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [];
}
