'use client';
import { lazy, Suspense, useMemo, type ComponentType } from 'react';
import { cn } from '@/lib/utils';
import { splitMarkdown } from './markdown-segments';

type Renderer = ComponentType<{ text: string; streaming: boolean; className?: string }>;
const onServer = typeof window === 'undefined';
/** The renderer once its module has arrived. */
let loaded: Renderer | undefined;
const loadRenderer = () => import('./markdown-renderer').then((module) => ((loaded = module.default), module));
const LazyRenderer = lazy(loadRenderer);
// The server loads the renderer at once and renders with it directly (see Markdown).
if (onServer) void loadRenderer();

/** Starts loading the renderer (when the user starts typing), so the first answer renders at once. */
export function preloadMarkdown() {
  void loadRenderer();
}

/** Markdown that renders while it streams. Until the renderer has loaded, the text shows as is. */
export function Markdown({ text, streaming = false, className }: { text: string; streaming?: boolean; className?: string }) {
  const segments = useMemo(() => splitMarkdown(text), [text]);
  const render = (Renderer: Renderer) =>
    segments.length === 1 ? (
      <Renderer text={text} streaming={streaming} className={className} />
    ) : (
      // A long answer: one renderer per segment (markdown-segments.ts), spaced as the blocks of one.
      <div className={cn('space-y-4', className)}>
        {segments.map((segment, index) => (
          <Renderer key={index} text={segment} streaming={streaming && index === segments.length - 1} />
        ))}
      </div>
    );
  // The source, shown while the renderer loads (a new answer's first words, before it arrives).
  // Marked, so a reader (a test) can tell the source shown as is from the rendered answer. In the
  // page's HTML it is hidden: React sends a finished part of more than 500 bytes after the rest
  // once a page passes 12.8 KB and shows its fallback until then (up to 300 ms, as it reveals
  // such parts in batches), which put every longer answer's source on screen as a chat opened.
  // (Rendering the answer as the fallback as well cost the server 70–100 ms on a chat of twelve
  // long answers.)
  const source = (
    <div className={cn('flint-prose whitespace-pre-wrap', onServer && 'invisible', className)} data-markdown-pending="">
      {text}
    </div>
  );
  // The server renders with the renderer directly, so a saved answer is in the page's HTML
  // rendered; the page hydrates it once the renderer has arrived, showing the server's HTML.
  return <Suspense fallback={source}>{render((onServer && loaded) || LazyRenderer)}</Suspense>;
}
