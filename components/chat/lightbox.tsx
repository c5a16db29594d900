'use client';
import { ChevronLeft, ChevronRight, ExternalLink, X } from 'lucide-react';
import { Dialog as D } from 'radix-ui';
import { useEffect, useState } from 'react';
import { cn } from '@/lib/utils';

export interface LightboxImage {
  src: string;
  alt: string;
  width?: number;
  height?: number;
}

/** Images full size over the page; arrows (and ← →) move between the images of one message. */
export function Lightbox({ images, index, onIndexChange, onClose }: { images: LightboxImage[]; index: number | null; onIndexChange(index: number): void; onClose(): void }) {
  const open = index !== null;
  const current = open ? images[index] : undefined;
  const many = images.length > 1;
  const [loaded, setLoaded] = useState<string | null>(null);

  useEffect(() => {
    if (!open || !many) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowRight') onIndexChange((index + 1) % images.length);
      if (event.key === 'ArrowLeft') onIndexChange((index - 1 + images.length) % images.length);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, many, index, images.length, onIndexChange]);

  return (
    <D.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-50 bg-black/90 backdrop-blur-md data-[state=open]:animate-in data-[state=open]:fade-in-0" />
        <D.Content
          data-testid="lightbox"
          className="fixed inset-0 z-50 flex flex-col outline-none data-[state=open]:animate-in data-[state=open]:fade-in-0 data-[state=open]:zoom-in-[0.98]"
          onClick={(event) => {
            if (event.target === event.currentTarget) onClose();
          }}
        >
          <div className="flex h-14 shrink-0 items-center gap-3 px-3 text-white sm:px-5">
            <D.Title className="min-w-0 flex-1 truncate text-sm font-medium">{current?.alt}</D.Title>
            <D.Description className="sr-only">The image at full size</D.Description>
            {many && (
              <span className="text-xs tabular-nums text-white/70">
                {index! + 1} of {images.length}
              </span>
            )}
            {current && (
              <a
                href={current.src}
                target="_blank"
                rel="noopener"
                className="inline-flex h-8 items-center gap-1.5 rounded-full px-3 text-[13px] text-white/85 hover:bg-white/10 hover:text-white"
              >
                <ExternalLink className="size-3.5" aria-hidden /> Original
              </a>
            )}
            <D.Close aria-label="Close" data-testid="lightbox-close" className="rounded-full p-2 text-white/85 outline-none hover:bg-white/10 hover:text-white focus-visible:ring-2 focus-visible:ring-white/60">
              <X className="size-5" aria-hidden />
            </D.Close>
          </div>
          <div
            className={cn('relative flex min-h-0 flex-1 items-center justify-center px-3 pb-6 sm:px-16', many && 'pb-16 sm:pb-6')}
            onClick={(event) => {
              if (event.target === event.currentTarget) onClose();
            }}
          >
            {current && (
              // eslint-disable-next-line @next/next/no-img-element -- the stored full image, served by Flint with its own caching
              <img
                key={current.src}
                data-testid="lightbox-image"
                src={current.src}
                alt={current.alt}
                width={current.width}
                height={current.height}
                onLoad={() => setLoaded(current.src)}
                className={cn(
                  'h-auto max-h-full w-auto max-w-full rounded-lg object-contain shadow-2xl transition-opacity duration-200',
                  loaded === current.src ? 'opacity-100' : 'opacity-0',
                )}
              />
            )}
            {many && (
              <>
                <button
                  type="button"
                  aria-label="Previous image"
                  onClick={() => onIndexChange((index! - 1 + images.length) % images.length)}
                  className="absolute bottom-3 left-1/2 flex size-10 -translate-x-[calc(100%+0.5rem)] items-center justify-center rounded-full bg-white/10 text-white backdrop-blur hover:bg-white/20 sm:top-1/2 sm:bottom-auto sm:left-4 sm:-translate-x-0 sm:-translate-y-1/2"
                >
                  <ChevronLeft className="size-5" aria-hidden />
                </button>
                <button
                  type="button"
                  aria-label="Next image"
                  onClick={() => onIndexChange((index! + 1) % images.length)}
                  className="absolute right-1/2 bottom-3 flex size-10 translate-x-[calc(100%+0.5rem)] items-center justify-center rounded-full bg-white/10 text-white backdrop-blur hover:bg-white/20 sm:top-1/2 sm:right-4 sm:bottom-auto sm:translate-x-0 sm:-translate-y-1/2"
                >
                  <ChevronRight className="size-5" aria-hidden />
                </button>
              </>
            )}
          </div>
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
