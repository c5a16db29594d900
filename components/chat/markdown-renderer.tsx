'use client';
// The heavy half of Markdown rendering (Streamdown, Shiki, KaTeX), loaded on demand by markdown.tsx.
import 'katex/dist/katex.min.css';
import { code } from '@streamdown/code';
import { createMathPlugin } from '@streamdown/math';
import { ImageIcon } from 'lucide-react';
import { memo, useMemo } from 'react';
import { defaultRehypePlugins, Streamdown, type Components } from 'streamdown';
import { citationNumber, linkCitations } from '@/components/thinking/citation-markers';
import { CitationLink, useCitations } from '@/components/thinking/citations';
import { cn } from '@/lib/utils';

const math = createMathPlugin({ singleDollarTextMath: true });

// Without rehype-raw, HTML in model output stays literal text: it is shown, never parsed or run.
// Links keep to web and mail protocols; `javascript:` and friends are stripped by harden.
const rehypePlugins = [
  defaultRehypePlugins.sanitize!,
  [
    (defaultRehypePlugins.harden as [unknown, object])[0],
    {
      defaultOrigin: 'https://flint.invalid',
      allowedLinkPrefixes: ['*'],
      allowedImagePrefixes: ['*'],
      allowedProtocols: ['https', 'http', 'mailto'],
      allowDataImages: false,
    },
  ],
] as never;

const components: Components = {
  // Remote images in model output are not fetched automatically: loading one could leak the
  // conversation to whoever wrote the URL. Show a link the user can choose to open.
  img: ({ src, alt }) => (
    <a
      href={typeof src === 'string' ? src : undefined}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="inline-flex items-center gap-1.5 rounded-lg border border-border px-2 py-1 text-sm text-muted-foreground no-underline hover:text-foreground"
    >
      <ImageIcon className="size-4" aria-hidden />
      {alt || 'Image'}
    </a>
  ),
  // Citation markers of a Thinking answer become buttons to the agent's card; other links as usual.
  a: ({ href, children, className, node: _node, ...rest }) => {
    const n = citationNumber(href);
    if (n !== undefined) return <CitationLink n={n}>{children}</CitationLink>;
    return (
      <a
        {...rest}
        className={cn('wrap-anywhere font-medium text-primary underline', className)}
        data-incomplete={href === 'streamdown:incomplete-link'}
        data-streamdown="link"
        href={href}
        rel="noreferrer"
        target="_blank"
      >
        {children}
      </a>
    );
  },
};

// Module constants, not literals in the props: Streamdown memoises each block on its props, and a
// new object on every render would make every finished block of a long answer render again with
// each streamed token (math, code highlighting and all).
const plugins = { code, math };
const shikiTheme: ['github-light', 'github-dark'] = ['github-light', 'github-dark'];
const controls = { code: true, table: true, mermaid: false };
const linkSafety = { enabled: false };

export const MarkdownRenderer = memo(function MarkdownRenderer({ text, streaming, className }: { text: string; streaming: boolean; className?: string }) {
  const citations = useCitations();
  const shown = useMemo(() => (citations ? linkCitations(text, (n) => n in citations.agents) : text), [citations, text]);
  return (
    <Streamdown
      className={cn('flint-prose', className)}
      mode="streaming"
      isAnimating={streaming}
      // Closing unfinished markers (a lone `__`) helps while text streams; a finished answer is
      // rendered exactly as written.
      parseIncompleteMarkdown={streaming}
      plugins={plugins}
      rehypePlugins={rehypePlugins}
      components={components}
      shikiTheme={shikiTheme}
      controls={controls}
      linkSafety={linkSafety}
    >
      {shown}
    </Streamdown>
  );
});

export default MarkdownRenderer;
