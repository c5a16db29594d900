'use client';
import { lazy, Suspense, useMemo } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { cn } from '@/lib/utils';
import { splitMarkdown } from './markdown-segments';

const loadRenderer = () => import('./markdown-renderer');
const MarkdownRenderer = lazy(loadRenderer);

let warmed = false;

/**
 * Starts loading the renderer (when the user starts typing), so the first answer renders at once,
 * and once it is loaded renders a sample off screen while the page is idle: the first answer's
 * first words then meet warm code (the parser and its plugins, compiled and set up) instead of
 * setting it up while the reader waits.
 */
export function preloadMarkdown() {
  void loadRenderer().then(({ default: Renderer }) => {
    if (warmed) return;
    warmed = true;
    const whenIdle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
    whenIdle(() => {
      const root = createRoot(document.createElement('div'));
      try {
        flushSync(() => root.render(<Renderer text={'Warming **up** the `renderer`: [a link](https://flint.invalid) and\n\n- a list'} streaming />));
      } catch {
        // Only a warm-up: the real render reports its own errors.
      } finally {
        root.unmount();
      }
    });
  });
}

/** Markdown that renders while it streams. Until the renderer has loaded, the text shows as is. */
export function Markdown({ text, streaming = false, className }: { text: string; streaming?: boolean; className?: string }) {
  const segments = useMemo(() => splitMarkdown(text), [text]);
  const fallback = <div className={cn('flint-prose whitespace-pre-wrap', className)}>{text}</div>;
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
