'use client';
import { Dialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

/** A panel sliding in from the left on small screens. */
export function Sheet({ open, onOpenChange, title, children, className }: { open: boolean; onOpenChange(open: boolean): void; title: string; children: ReactNode; className?: string }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40 backdrop-blur-[2px] data-[state=open]:animate-in data-[state=open]:fade-in-0" />
        <Dialog.Content
          data-slot="sheet"
          className={cn(
            'fixed inset-y-0 left-0 z-50 flex w-[85vw] max-w-80 flex-col bg-sidebar shadow-2xl outline-none data-[state=open]:animate-in data-[state=open]:slide-in-from-left',
            className,
          )}
        >
          <Dialog.Title className="sr-only">{title}</Dialog.Title>
          <Dialog.Description className="sr-only">{title}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
