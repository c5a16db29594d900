'use client';
import { useEffect, useState } from 'react';
import { formatDuration } from './board-state';

/**
 * A duration that counts on while `running`. It starts from the server's figure and adds the time
 * since it arrived, so the browser's and the server's clocks never need to agree. Re-mount it (a
 * `key`) when the server sends a new figure.
 */
export function Elapsed({ ms, running, className }: { ms: number; running: boolean; className?: string }) {
  const [extra, setExtra] = useState(0);
  useEffect(() => {
    if (!running) return;
    const start = performance.now();
    const timer = setInterval(() => setExtra(performance.now() - start), 500);
    return () => clearInterval(timer);
  }, [running]);
  return (
    <span className={className} data-testid="elapsed">
      {formatDuration(ms + (running ? extra : 0))}
    </span>
  );
}
