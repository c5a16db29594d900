'use client';
import { ImagePlus } from 'lucide-react';
import { useRef, useState, type ComponentProps, type DragEvent } from 'react';
import { cn } from '@/lib/utils';
import { filesFrom, useAttachments } from './use-attachments';

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/** The chat area: images dropped anywhere on it are attached to the message being written. */
export function DropZone({ className, children, ...props }: ComponentProps<'div'>) {
  const { addFiles } = useAttachments();
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when the pointer left.
  const depth = useRef(0);

  return (
    <div
      {...props}
      className={cn('relative', className)}
      onDragEnter={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (!carriesFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        addFiles(filesFrom(event.dataTransfer));
      }}
    >
      {children}
      {over && (
        <div data-testid="drop-zone" className="pointer-events-none absolute inset-2 z-30 flex animate-in flex-col items-center justify-center gap-3 rounded-[28px] border-2 border-dashed border-accent/70 bg-background/85 text-center backdrop-blur-sm fade-in-0 sm:inset-4">
          <span className="flex size-14 items-center justify-center rounded-2xl bg-accent-soft text-accent">
            <ImagePlus className="size-7" aria-hidden />
          </span>
          <div>
            <p className="text-lg font-semibold tracking-tight">Drop images to attach</p>
            <p className="mt-1 text-sm text-muted-foreground">JPEG, PNG, WebP, GIF, HEIC or AVIF · up to 6 images, 20 MB each</p>
          </div>
        </div>
      )}
    </div>
  );
}
