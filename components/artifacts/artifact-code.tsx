'use client';
// The Code tab: the artifact's source with line numbers, highlighted by Shiki through the same
// plugin that highlights code in answers (loaded on demand with this file). While an artifact
// streams, highlighting catches up a couple of times a second and the view follows the end.
import { code as highlighter } from '@streamdown/code';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { artifactLanguage } from '@/lib/artifacts/document';
import type { ArtifactKind } from '@/lib/types';

interface Token {
  content: string;
  htmlStyle?: Record<string, string>;
}

interface Highlighted {
  source: string;
  lines: Token[][];
}

const THEMES = ['github-light', 'github-dark'] as const;
const STREAMING_INTERVAL_MS = 500;

function highlight(source: string, kind: ArtifactKind, incomplete: boolean, done: (result: Highlighted) => void) {
  const result = highlighter.highlight({ code: source, language: artifactLanguage(kind), themes: [...THEMES], isIncomplete: incomplete }, (async) =>
    done({ source, lines: async.tokens as Token[][] }),
  );
  if (result) done({ source, lines: result.tokens as Token[][] });
}

export function ArtifactCode({ content, kind, streaming }: { content: string; kind: ArtifactKind; streaming: boolean }) {
  const [highlighted, setHighlighted] = useState<Highlighted | null>(null);
  const last = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    const wait = streaming ? Math.max(0, last.current + STREAMING_INTERVAL_MS - Date.now()) : 0;
    const timer = setTimeout(() => {
      last.current = Date.now();
      highlight(content, kind, streaming, (result) => !cancelled && setHighlighted(result));
    }, wait);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [content, kind, streaming]);

  useLayoutEffect(() => {
    if (streaming && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [content, streaming]);

  const lines = useMemo(() => content.split('\n'), [content]);
  // Highlighting lags a streaming artifact: use it for the lines it covers that have not changed since.
  const usable = highlighted && content.startsWith(highlighted.source) ? highlighted : null;
  const covered = usable ? Math.min(usable.lines.length, usable.source.split('\n').length - (content === usable.source ? 0 : 1)) : 0;

  return (
    <div ref={scroller} data-testid="artifact-code" data-highlighted={usable && covered === lines.length ? '' : undefined} className="flint-code scroll-quiet size-full overflow-auto">
      <pre className="min-w-max py-3 font-mono text-[12.5px] leading-5">
        <code>
          {lines.map((line, index) => (
            <Line key={index} number={index + 1} text={line} tokens={index < covered ? usable!.lines[index] : undefined} />
          ))}
        </code>
      </pre>
    </div>
  );
}

const Line = memo(function Line({ number, text, tokens }: { number: number; text: string; tokens?: Token[] }) {
  return (
    <span className="flex">
      <span className="sticky left-0 w-12 shrink-0 bg-background pr-4 text-right text-muted-foreground/60 select-none" aria-hidden>
        {number}
      </span>
      <span className="pr-6 whitespace-pre">
        {tokens
          ? tokens.map((token, i) => (
              <span key={i} style={token.htmlStyle}>
                {token.content}
              </span>
            ))
          : text || ' '}
        {'\n'}
      </span>
    </span>
  );
});

export default ArtifactCode;
