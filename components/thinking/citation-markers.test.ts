import { describe, expect, it } from 'vitest';
import { citationNumber, linkCitations } from './citation-markers';

const known = (n: number) => n >= 1 && n <= 3;

describe('citation markers', () => {
  it('links markers of known agents, one by one and in runs', () => {
    expect(linkCitations('Brewing takes four minutes [1]. Both agree [2][3].', known)).toBe(
      'Brewing takes four minutes [1](#flint-cite-1). Both agree [2](#flint-cite-2)[3](#flint-cite-3).',
    );
  });

  it('leaves unknown numbers, real links, definitions and code alone', () => {
    const text = 'See [7] … [2](https://example.com) and\n[3]: https://example.com\n`arr[1]` and\n```ts\nconst x = a[2];\n```\nthen [1]';
    expect(linkCitations(text, known)).toBe(
      'See [7] … [2](https://example.com) and\n[3]: https://example.com\n`arr[1]` and\n```ts\nconst x = a[2];\n```\nthen [1](#flint-cite-1)',
    );
  });

  it('leaves an unfinished code block alone while it streams', () => {
    expect(linkCitations('Text [1]\n```py\nx = y[1]', known)).toBe('Text [1](#flint-cite-1)\n```py\nx = y[1]');
  });

  it('reads the agent back from the link, also when the sanitizer made it absolute', () => {
    expect(citationNumber('#flint-cite-2')).toBe(2);
    expect(citationNumber('https://flint.invalid/#flint-cite-12')).toBe(12);
    expect(citationNumber('https://example.com/#section')).toBeUndefined();
    expect(citationNumber(undefined)).toBeUndefined();
  });
});
