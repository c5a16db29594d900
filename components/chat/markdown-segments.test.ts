import { describe, expect, it } from 'vitest';
import { SEGMENT_AFTER_CHARS, splitMarkdown } from './markdown-segments';

const paragraph = (n: number) => `Paragraph ${n}: ${'words that fill a line of text '.repeat(6).trim()}.`;

describe('splitMarkdown', () => {
  it('keeps short texts whole', () => {
    expect(splitMarkdown('# Hi\n\nA short answer.')).toEqual(['# Hi\n\nA short answer.']);
  });

  it('splits a long text into segments that join back to it exactly', () => {
    const text = Array.from({ length: 40 }, (_, i) => paragraph(i)).join('\n\n');
    const segments = splitMarkdown(text);
    expect(text.length).toBeGreaterThan(SEGMENT_AFTER_CHARS);
    expect(segments.length).toBeGreaterThan(2);
    expect(segments.join('\n')).toBe(text);
    for (const segment of segments.slice(0, -1)) expect(segment.length).toBeGreaterThanOrEqual(1400);
  });

  it('never splits inside fenced code or display math, or where a list, quote, table or indented block goes on', () => {
    const filler = Array.from({ length: 12 }, (_, i) => paragraph(i)).join('\n\n');
    const code = '```ts\nconst a = 1;\n\nconst b = 2;\n```';
    const math = '$$\nE = mc^2\n\n+ 1\n$$';
    const list = '- one\n\n- two\n\n1. three\n\n2. four';
    const quote = '> a quote\n\n> goes on';
    const table = '| a | b |\n| --- | --- |\n\n| 1 | 2 |';
    const indented = 'Item\n\n    more of it';
    for (const block of [code, math, list, quote, table, indented]) {
      const text = `${filler}\n\n${block}\n\n${filler}`;
      const segments = splitMarkdown(text);
      expect(segments.join('\n')).toBe(text);
      expect(segments.some((segment) => segment.includes(block))).toBe(true);
    }
  });

  it('does not move earlier boundaries as text is appended, so finished segments keep their text', () => {
    const text = Array.from({ length: 40 }, (_, i) => paragraph(i)).join('\n\n');
    const full = splitMarkdown(text);
    for (const cut of [3500, 5000, 7000, text.length - 10]) {
      const partial = splitMarkdown(text.slice(0, cut));
      // Every segment but the one being written is already final.
      expect(partial.slice(0, -1)).toEqual(full.slice(0, partial.length - 1));
    }
  });
});
