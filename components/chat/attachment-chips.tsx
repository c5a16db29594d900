'use client';
import { AlertCircle, ImageIcon, X } from 'lucide-react';
import { useState } from 'react';
import { imageUrl } from '@/lib/files/image-parts';
import { selectAttachmentNotice, selectAttachments, useFlintStore, type Attachment } from '@/lib/store';
import { cn } from '@/lib/utils';

/** A ring that fills with upload progress; spins once the bytes are sent and the server works. */
function Progress({ value }: { value: number }) {
  const radius = 11;
  const circumference = 2 * Math.PI * radius;
  const processing = value >= 1;
  return (
    <svg viewBox="0 0 28 28" className={cn('size-8 -rotate-90 drop-shadow-md', processing && 'animate-spin')} aria-hidden>
      <circle cx="14" cy="14" r={radius} fill="none" stroke="white" strokeOpacity="0.3" strokeWidth="3" />
      <circle
        cx="14"
        cy="14"
        r={radius}
        fill="none"
        stroke="white"
        strokeWidth="3"
        strokeLinecap="round"
        strokeDasharray={circumference}
        strokeDashoffset={processing ? circumference * 0.7 : circumference * (1 - Math.max(0.04, value))}
        className="transition-[stroke-dashoffset] duration-200"
      />
    </svg>
  );
}

function Thumbnail({ attachment }: { attachment: Attachment }) {
  const [broken, setBroken] = useState(false);
  const src = attachment.image ? imageUrl(attachment.image.id, { variant: 'thumb' }) : attachment.previewUrl;
  if (attachment.state === 'error') {
    return (
      <div className="flex size-full flex-col items-center justify-center gap-1 bg-destructive/8 text-destructive">
        <AlertCircle className="size-5" aria-hidden />
        <span className="max-w-full truncate px-1.5 text-[10px] font-medium">{attachment.name.split('.').pop()?.toUpperCase().slice(0, 5) || 'FILE'}</span>
      </div>
    );
  }
  if (!src || broken) {
    return (
      <div className="flex size-full items-center justify-center bg-muted text-muted-foreground">
        <ImageIcon className="size-5" aria-hidden />
      </div>
    );
  }
  // eslint-disable-next-line @next/next/no-img-element -- a local preview or Flint's own thumbnail, already sized
  return <img src={src} alt={attachment.name} onError={() => setBroken(true)} className="size-full object-cover" draggable={false} />;
}

function Chip({ attachment, onRemove }: { attachment: Attachment; onRemove(key: string): void }) {
  const uploading = attachment.state === 'uploading';
  const label =
    attachment.state === 'error'
      ? `${attachment.name}: not attached`
      : uploading
        ? `${attachment.name}: ${attachment.progress >= 1 ? 'processing' : `uploading, ${Math.round(attachment.progress * 100)}%`}`
        : attachment.name;
  return (
    <li
      data-testid="attachment-chip"
      data-state={attachment.state}
      data-name={attachment.name}
      aria-label={label}
      title={attachment.error ?? attachment.name}
      className={cn(
        'group/chip relative size-16 shrink-0 animate-in fade-in-0 zoom-in-95 overflow-hidden rounded-2xl border bg-muted shadow-[0_1px_2px_rgb(0_0_0/0.06)] animation-duration-150',
        attachment.state === 'error' && 'border-destructive/40',
      )}
    >
      <Thumbnail attachment={attachment} />
      {uploading && (
        <div className="absolute inset-0 flex items-center justify-center bg-black/50" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(attachment.progress * 100)}>
          <Progress value={attachment.progress} />
        </div>
      )}
      <button
        type="button"
        data-testid="remove-attachment"
        aria-label={`Remove ${attachment.name}`}
        onClick={() => onRemove(attachment.key)}
        className="absolute top-1 right-1 flex size-5 items-center justify-center rounded-full bg-black/60 text-white opacity-100 backdrop-blur-sm transition-opacity outline-none hover:bg-black/80 focus-visible:ring-2 focus-visible:ring-ring sm:opacity-0 sm:group-hover/chip:opacity-100 sm:focus-visible:opacity-100 [@media(hover:none)]:opacity-100"
      >
        <X className="size-3" strokeWidth={2.5} aria-hidden />
      </button>
    </li>
  );
}

/** The composer's attachments: thumbnails with progress, and what went wrong with any of them. */
export function AttachmentChips({ onRemove }: { onRemove(key: string): void }) {
  const attachments = useFlintStore(selectAttachments);
  const notice = useFlintStore(selectAttachmentNotice);
  const errors = attachments.filter((a) => a.state === 'error' && a.error);
  if (attachments.length === 0 && !notice) return null;
  return (
    <div className="px-1.5 pt-1.5">
      {attachments.length > 0 && (
        <ul aria-label="Attached images" className="scroll-quiet flex gap-2 overflow-x-auto p-0.5 pb-1">
          {attachments.map((attachment) => (
            <Chip key={attachment.key} attachment={attachment} onRemove={onRemove} />
          ))}
        </ul>
      )}
      {(errors.length > 0 || notice) && (
        <ul className="mt-1 space-y-0.5 px-1.5 pb-1 text-[13px] leading-snug text-destructive" aria-live="polite">
          {notice && <li data-testid="attachment-error">{notice}</li>}
          {errors.map((a) => (
            <li key={a.key} data-testid="attachment-error" data-name={a.name}>
              {a.error}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
