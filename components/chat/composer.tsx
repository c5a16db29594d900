'use client';
import { ArrowUp, Eye, Ghost, Paperclip, ShieldCheck, Square } from 'lucide-react';
import { memo, useEffect, useRef, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Tooltip } from '@/components/ui/tooltip';
import { ACCEPT_ATTRIBUTE } from '@/lib/files/limits';
import { AUTO_MODEL, selectAttachments, selectEffectiveModel, selectModels, selectVision, useFlintStore } from '@/lib/store';
import { cn } from '@/lib/utils';
import { AttachmentChips } from './attachment-chips';
import { ModeToggle } from './mode-toggle';
import { filesFrom, useAttachments } from './use-attachments';

export const MAX_MESSAGE_CHARS = 32_000;

export interface ComposerProps {
  value: string;
  onChange(value: string): void;
  onSend(text: string): void;
  onStop(): void;
  busy: boolean;
  /** A server-side error about the last send, shown under the box. */
  error?: string;
  onDismissError?(): void;
  autoFocus?: boolean;
  /** A temporary chat neither reads nor writes memory. */
  temporary?: boolean;
  onToggleTemporary?(): void;
}

/** When the picked model cannot see images, which model will answer instead. */
function useVisionNote(hasAttachments: boolean): string | null {
  const models = useFlintStore(selectModels);
  const picked = useFlintStore(selectEffectiveModel);
  const vision = useFlintStore(selectVision);
  if (!hasAttachments || picked === AUTO_MODEL) return null;
  const model = models.find((m) => m.id === picked);
  if (!model || model.capabilities.vision || !vision.model) return null;
  return `${model.label} cannot see images, so ${vision.model.label} will answer this message.`;
}

/** Memoised: the chat renders on every streamed frame, and the box only changes with its own props. */
export const Composer = memo(function Composer({ value, onChange, onSend, onStop, busy, error, onDismissError, autoFocus, temporary = false, onToggleTemporary }: ComposerProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { addFiles, remove } = useAttachments();
  const attachments = useFlintStore(selectAttachments);
  const uploading = attachments.some((a) => a.state === 'uploading');
  const ready = attachments.filter((a) => a.state === 'ready').length;
  const tooLong = value.length > MAX_MESSAGE_CHARS;
  const empty = value.trim().length === 0 && ready === 0;
  const canSend = !busy && !empty && !tooLong && !uploading;
  const visionNote = useVisionNote(attachments.length > 0);

  useEffect(() => {
    if (autoFocus && window.matchMedia('(pointer: fine)').matches) ref.current?.focus();
  }, [autoFocus]);

  const submit = () => {
    if (!canSend) return;
    onSend(value);
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = filesFrom(event.clipboardData);
    if (files.length === 0) return;
    // A screenshot on the clipboard becomes an attachment; any text on it is pasted as usual.
    if (!event.clipboardData.types.includes('text/plain')) event.preventDefault();
    addFiles(files);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const inlineError = tooLong
    ? `Your message is ${value.length.toLocaleString('en')} characters; the limit is ${MAX_MESSAGE_CHARS.toLocaleString('en')}. Shorten it or split it into parts.`
    : error;

  return (
    <div className="mx-auto w-full max-w-3xl px-3 pb-3 sm:px-4 sm:pb-4">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        className={cn(
          'rounded-[26px] border bg-card p-2 shadow-[0_2px_12px_-4px_rgb(0_0_0/0.08)] transition-colors focus-within:border-foreground/25 dark:shadow-none',
          tooLong && 'border-destructive/60 focus-within:border-destructive/70',
        )}
      >
        <AttachmentChips onRemove={remove} />
        <label htmlFor="chat-input" className="sr-only">
          Message Flint
        </label>
        <textarea
          id="chat-input"
          ref={ref}
          data-testid="chat-input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          placeholder={attachments.length ? 'Ask about the images' : 'Ask anything'}
          rows={1}
          aria-invalid={tooLong || undefined}
          aria-describedby={inlineError ? 'composer-error' : undefined}
          className="block max-h-[40vh] min-h-11 w-full resize-none bg-transparent px-3 pt-2.5 pb-1 text-[15px] leading-6 outline-none [field-sizing:content] placeholder:text-muted-foreground/80"
        />
        <div className="flex items-center justify-between gap-2 pl-1">
          <div className="flex items-center gap-1">
            <Tooltip label="Add images (or drop or paste them)">
              <Button data-testid="attach-button" variant="ghost" size="icon-sm" aria-label="Add images" onClick={() => fileInput.current?.click()}>
                <Paperclip aria-hidden />
              </Button>
            </Tooltip>
            <input
              ref={fileInput}
              data-testid="attach-input"
              type="file"
              accept={ACCEPT_ATTRIBUTE}
              multiple
              hidden
              onChange={(event) => {
                addFiles([...(event.target.files ?? [])]);
                event.target.value = '';
              }}
            />
            <ModeToggle />
            {onToggleTemporary && (
              <Tooltip label={temporary ? 'Temporary chat: memory is off here. Click to turn memory back on.' : 'Temporary chat: don’t use or save memories'}>
                <button
                  type="button"
                  data-testid="temporary-chat"
                  aria-pressed={temporary}
                  aria-label="Temporary chat"
                  onClick={onToggleTemporary}
                  className={cn(
                    'flex h-7 items-center gap-1.5 rounded-full px-2.5 text-[13px] font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring/60',
                    temporary ? 'bg-foreground text-background' : 'text-muted-foreground hover:bg-muted hover:text-foreground',
                  )}
                >
                  <Ghost className="size-3.5" aria-hidden />
                  {temporary && <span>Temporary</span>}
                </button>
              </Tooltip>
            )}
          </div>
          <div className="flex items-center gap-2">
            {value.length > MAX_MESSAGE_CHARS * 0.9 && (
              <span className={cn('text-xs tabular-nums', tooLong ? 'text-destructive' : 'text-muted-foreground')}>
                {value.length.toLocaleString('en')} / {MAX_MESSAGE_CHARS.toLocaleString('en')}
              </span>
            )}
            {busy ? (
              <Tooltip label="Stop (Esc)">
                <Button data-testid="stop-button" variant="primary" size="icon" onClick={onStop} aria-label="Stop generating">
                  <Square className="fill-current !size-3.5" aria-hidden />
                </Button>
              </Tooltip>
            ) : (
              <Tooltip label={tooLong ? 'Message too long' : uploading ? 'Waiting for images to upload' : empty ? 'Type a message' : 'Send (Enter)'}>
                <span tabIndex={canSend ? -1 : 0}>
                  <Button data-testid="send-button" type="submit" variant="primary" size="icon" disabled={!canSend} aria-label="Send message">
                    <ArrowUp aria-hidden />
                  </Button>
                </span>
              </Tooltip>
            )}
          </div>
        </div>
      </form>
      {inlineError ? (
        <p id="composer-error" role="alert" data-testid="composer-error" className="mt-2 flex items-start justify-between gap-3 px-3 text-[13px] text-destructive">
          <span>{inlineError}</span>
          {!tooLong && onDismissError && (
            <button type="button" className="shrink-0 underline underline-offset-2" onClick={onDismissError}>
              Dismiss
            </button>
          )}
        </p>
      ) : attachments.length > 0 ? (
        <div className="mt-2 space-y-0.5 px-3 text-center text-xs text-muted-foreground">
          {visionNote && (
            <p className="flex items-center justify-center gap-1 text-foreground/80">
              <Eye className="size-3.5 shrink-0 text-accent" aria-hidden />
              <span data-testid="vision-note">{visionNote}</span>
            </p>
          )}
          <p data-testid="privacy-note" className="flex items-center justify-center gap-1">
            <ShieldCheck className="size-3.5 shrink-0 text-accent" aria-hidden />
            Location, camera and other hidden details are removed from images before they are stored.
          </p>
        </div>
      ) : (
        <p className="mt-2 hidden text-center text-xs text-muted-foreground sm:block">Flint can make mistakes. Check important facts.</p>
      )}
    </div>
  );
});
