'use client';
import type { FileUIPart } from 'ai';
import { createContext, useContext, useState } from 'react';
import { imageIdOf, imageSizeOf, imageUrl } from '@/lib/files/image-parts';
import { cn } from '@/lib/utils';
import { Lightbox } from './lightbox';

/** A shared chat's images are fetched through its share link. */
export const ImageAccessContext = createContext<{ share?: string }>({});

/** The images of a user's message: thumbnails that open full size in a lightbox. */
export function MessageImages({ parts }: { parts: FileUIPart[] }) {
  const { share } = useContext(ImageAccessContext);
  const [open, setOpen] = useState<number | null>(null);
  const images = parts.flatMap((part) => {
    const id = imageIdOf(part);
    if (!id) return [];
    const size = imageSizeOf(part);
    return [{ id, name: part.filename ?? 'Image', thumb: imageUrl(id, { variant: 'thumb', share }), full: imageUrl(id, { share }), ...size }];
  });
  if (images.length === 0) return null;
  const single = images.length === 1;
  const columns = images.length === 2 || images.length === 4 ? 'grid-cols-2' : 'grid-cols-3';

  return (
    <>
      <div className={cn('grid max-w-[85%] gap-1.5', single ? 'grid-cols-1' : columns)} data-testid="message-images">
        {images.map((image, index) => {
          const ratio = image.width && image.height ? image.width / image.height : 4 / 3;
          return (
            <button
              key={image.id}
              type="button"
              onClick={() => setOpen(index)}
              aria-label={`Open ${image.name}`}
              className={cn(
                'group/image relative overflow-hidden rounded-2xl border bg-muted outline-none focus-visible:ring-2 focus-visible:ring-ring/60',
                single ? 'max-h-80 max-w-[min(100%,20rem)]' : 'size-24 sm:size-32',
              )}
              style={single ? { aspectRatio: String(ratio), width: ratio >= 1 ? '20rem' : `${20 * ratio}rem` } : undefined}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- Flint's own thumbnail, sized when stored */}
              <img
                data-testid="message-image"
                data-image-id={image.id}
                src={image.thumb}
                alt={image.name}
                width={image.width}
                height={image.height}
                loading="lazy"
                decoding="async"
                draggable={false}
                className="size-full object-cover transition-transform duration-300 group-hover/image:scale-[1.03]"
              />
            </button>
          );
        })}
      </div>
      <Lightbox
        images={images.map((image) => ({ src: image.full, alt: image.name, width: image.width, height: image.height }))}
        index={open}
        onIndexChange={setOpen}
        onClose={() => setOpen(null)}
      />
    </>
  );
}
