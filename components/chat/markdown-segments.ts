// A long answer is rendered as several Markdown segments, each memoised on its text, so a streamed
// token re-parses only the segment it lands in (the last), not the whole answer: a 2,000-token
// answer would otherwise be lexed and completed again on every frame. Segments end at a blank line
// between top-level blocks (never inside fenced code or a $$ block, never where the next line
// continues a list, a quote, a table or an indented block), so each renders exactly as it would
// as part of the whole. Boundaries depend only on the text before them: appending text never moves
// an earlier one, so finished segments stay as they are while the answer streams.

/** Texts shorter than this are one segment. */
export const SEGMENT_AFTER_CHARS = 3000;
/** A segment ends at the first safe boundary after this many characters. */
const MIN_SEGMENT_CHARS = 1500;

const CONTINUES_BLOCK = /^(\s|[-*+][ \t]|\d+[.)][ \t]|>|\|)/;

export function splitMarkdown(text: string, minChars = MIN_SEGMENT_CHARS): string[] {
  if (text.length < SEGMENT_AFTER_CHARS) return [text];
  const lines = text.split('\n');
  const segments: string[] = [];
  let start = 0;
  let chars = 0;
  let fence: string | null = null;
  let math = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (fence) {
      if (trimmed.startsWith(fence)) fence = null;
    } else if (trimmed.startsWith('```') || trimmed.startsWith('~~~')) {
      fence = trimmed.slice(0, 3);
    } else if (trimmed === '$$') {
      math = !math;
    }
    chars += line.length + 1;
    if (fence || math || trimmed !== '' || chars < minChars) continue;
    const next = lines[i + 1];
    if (next === undefined || next.trim() === '' || CONTINUES_BLOCK.test(next)) continue;
    segments.push(lines.slice(start, i + 1).join('\n'));
    start = i + 1;
    chars = 0;
  }
  segments.push(lines.slice(start).join('\n'));
  return segments;
}
