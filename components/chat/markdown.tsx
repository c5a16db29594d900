'use client';
import { lazy, Suspense } from 'react';
import { cn } from '@/lib/utils';

const loadRenderer = () => import('./markdown-renderer');
const MarkdownRenderer = lazy(loadRenderer);

/** Starts loading the renderer (when the user starts typing), so the first answer renders at once. */
export function preloadMarkdown() {
  void loadRenderer();
}

/** Markdown that renders while it streams. Until the renderer has loaded, the text shows as is. */
export function Markdown({ text, streaming = false, className }: { text: string; streaming?: boolean; className?: string }) {
  return (
    <Suspense fallback={<div className={cn('flint-prose whitespace-pre-wrap', className)}>{text}</div>}>
      <MarkdownRenderer text={text} streaming={streaming} className={className} />
    </Suspense>
  );
}
