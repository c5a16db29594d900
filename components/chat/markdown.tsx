'use client';
import { lazy, Suspense, useMemo } from 'react';
import { cn } from '@/lib/utils';
import { splitMarkdown } from './markdown-segments';

const loadRenderer = () => import('./markdown-renderer');
const MarkdownRenderer = lazy(loadRenderer);

/** Starts loading the renderer (when the user starts typing), so the first answer renders at once. */
export function preloadMarkdown() {
  void loadRenderer();
}

/** Markdown that renders while it streams. Until the renderer has loaded, the text shows as is. */
export function Markdown({ text, streaming = false, className }: { text: string; streaming?: boolean; className?: string }) {
  const segments = useMemo(() => splitMarkdown(text), [text]);
  // Marked, so a reader (a test) can tell the source shown as is from the rendered answer.
  const fallback = (
    <div className={cn('flint-prose whitespace-pre-wrap', className)} data-markdown-pending="">
      {text}
    </div>
  );
  if (segments.length === 1) {
    return (
      <Suspense fallback={fallback}>
        <MarkdownRenderer text={text} streaming={streaming} className={className} />
      </Suspense>
    );
  }
  // A long answer: one renderer per segment (markdown-segments.ts), spaced as the blocks of one.
  return (
    <Suspense fallback={fallback}>
      <div className={cn('space-y-4', className)}>
        {segments.map((segment, index) => (
          <MarkdownRenderer key={index} text={segment} streaming={streaming && index === segments.length - 1} />
        ))}
      </div>
    </Suspense>
  );
}
