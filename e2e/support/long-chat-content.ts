// A long, varied, reproducible conversation for the long-chat test and benchmark: questions and
// answers in mixed Markdown (headings, lists, tables, code, math), the same on every run.
import { prng } from './prng';

const WORDS = 'the model reads each request and answers with care about data time work code test value list table query server client cache index token stream render frame memory image chart build deploy review plan agent result error retry limit budget'.split(' ');

export function conversationWriter(seed = 42) {
  const random = prng(seed);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const sentence = () => `${words(8 + Math.floor(random() * 10))}.`.replace(/^./, (c) => c.toUpperCase());

  const question = (i: number) => `Question ${i}: ${sentence()}`;

  function answer(i: number): string {
    const blocks = [`### Part ${i}`, `${sentence()} ${sentence()} ${sentence()}`];
    blocks.push(Array.from({ length: 3 + (i % 3) }, () => `- **${words(2)}**: ${sentence()}`).join('\n'));
    if (i % 3 === 0) blocks.push('```ts\n' + `export function step${i}(values: number[]): number {\n  const total = values.reduce((sum, v) => sum + v, 0);\n  return total / Math.max(1, values.length); // ${words(4)}\n}\n` + '```');
    if (i % 4 === 1) blocks.push(`The mean is $\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i$ and its error $\\sigma/\\sqrt{n}$.\n\n$$\nE = mc^2 + \\int_0^{${i}} f(t)\\,dt\n$$`);
    if (i % 5 === 2) blocks.push(`| Item | Count | Note |\n| --- | ---: | --- |\n${Array.from({ length: 4 }, (_, r) => `| ${words(1)} | ${r + i} | ${words(3)} |`).join('\n')}`);
    blocks.push(`${sentence()} ${sentence()}`);
    return blocks.join('\n\n');
  }

  /** About `tokens` whitespace-separated tokens of the same mixed Markdown. */
  function longAnswer(tokens: number): string {
    const parts: string[] = [];
    let i = 0;
    while (parts.join(' ').split(/\s+/).length < tokens) parts.push(answer(10_000 + i++));
    // Cut after the `tokens`-th token, keeping the text's own line breaks (its Markdown).
    const text = parts.join('\n\n');
    const boundaries = [...text.matchAll(/\S+/g)];
    const last = boundaries[Math.min(tokens, boundaries.length) - 1]!;
    return text.slice(0, last.index + last[0].length);
  }

  return { question, answer, longAnswer };
}
