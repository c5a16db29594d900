// Citation markers in a synthesis: `[n]` in the model's Markdown becomes a link the renderer shows
// as a button to agent n's card. Pure text functions, shared by the renderer and its tests.

const CITE_PREFIX = '#flint-cite-';

/**
 * Turns `[n]` markers (n a known agent) into links the renderer shows as citation buttons. Code
 * (fenced blocks and inline spans) is left alone, and so are real links (`[1](…)`, `[1]: …`).
 */
export function linkCitations(text: string, known: (n: number) => boolean): string {
  return text
    .split(/(```[\s\S]*?(?:```|$)|`[^`\n]*`)/g)
    .map((segment, i) => (i % 2 === 1 ? segment : segment.replace(/\[(\d{1,2})\](?![(:])/g, (match, n: string) => (known(Number(n)) ? `[${n}](${CITE_PREFIX}${n})` : match))))
    .join('');
}

/** The citation number a rendered link points at, if it is one (the sanitizer may make hrefs absolute). */
export function citationNumber(href: string | undefined): number | undefined {
  const match = href ? /#flint-cite-(\d+)$/.exec(href) : null;
  return match ? Number(match[1]) : undefined;
}
