'use client';
import { useId } from 'react';
import { cn } from '@/lib/utils';

/** Flint's mark: a struck spark. Each instance owns its gradient id (a shared id breaks when the first copy is hidden). */
export function FlintLogo({ className }: { className?: string }) {
  const gradient = useId();
  return (
    <svg viewBox="0 0 32 32" className={cn('size-7', className)} aria-hidden>
      <defs>
        <linearGradient id={gradient} x1="6" y1="28" x2="26" y2="4" gradientUnits="userSpaceOnUse">
          <stop offset="0" stopColor="oklch(0.62 0.2 35)" />
          <stop offset="1" stopColor="oklch(0.8 0.16 75)" />
        </linearGradient>
      </defs>
      <path d="M18.5 2.5 7 18h7.5L12 29.5 25 12.5h-7.8z" fill={`url(#${gradient})`} stroke={`url(#${gradient})`} strokeWidth="1.2" strokeLinejoin="round" />
    </svg>
  );
}
