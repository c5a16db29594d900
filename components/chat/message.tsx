'use client';
import type { FileUIPart } from 'ai';
import { AlertTriangle, CircleSlash, CornerDownRight, Eye, Pencil, RefreshCw, Unplug } from 'lucide-react';
import { memo, useMemo, useState } from 'react';
import { AgentBoard } from '@/components/thinking/agent-board';
import { readBoard } from '@/components/thinking/board-state';
import { CitationContext, type CitationTargets } from '@/components/thinking/citations';
import { ArtifactCard } from '@/components/artifacts/artifact-card';
import { Button } from '@/components/ui/button';
import { Tooltip } from '@/components/ui/tooltip';
import { isArtifactToolPart } from '@/lib/artifacts/collect';
import type { FlintUIMessage, MessageStatus } from '@/lib/types';
import { useChatActions } from './chat-context';
import { MemoriesUsed } from '@/components/memory/memories-used';
import { MemoryChip } from '@/components/memory/memory-chip';
import { CopyButton } from './copy-button';
import { Markdown } from './markdown';
import { MessageImages } from './message-images';
import { Reasoning } from './reasoning';

export function messageText(message: FlintUIMessage) {
  return message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n\n');
}

interface MessageProps {
  message: FlintUIMessage;
  status: MessageStatus;
  /** The last message of its role: it can be regenerated (assistant) or edited (user). */
  isLastOfRole: boolean;
}

export const Message = memo(function Message({ message, status, isLastOfRole }: MessageProps) {
  return message.role === 'user' ? (
    <UserMessage message={message} editable={isLastOfRole} />
  ) : (
    <AssistantMessage message={message} status={status} isLast={isLastOfRole} />
  );
});

function UserMessage({ message, editable }: { message: FlintUIMessage; editable: boolean }) {
  const { editAndResend, busy, readOnly } = useChatActions();
  const text = messageText(message);
  const files = message.parts.filter((part): part is FileUIPart => part.type === 'file');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);

  if (editing) {
    return (
      <div data-testid="message-user" data-editing className="flex justify-end">
        <form
          className="w-full max-w-[85%] rounded-3xl border bg-card p-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (!draft.trim()) return;
            setEditing(false);
            editAndResend(message.id, draft);
          }}
        >
          <textarea
            data-testid="edit-input"
            autoFocus
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setEditing(false);
              if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
            className="block max-h-[50vh] w-full resize-none bg-transparent px-3 py-2 text-[15px] leading-6 outline-none [field-sizing:content]"
          />
          <div className="flex justify-end gap-2 p-1">
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button size="sm" variant="primary" type="submit" data-testid="edit-submit" disabled={!draft.trim() || draft.length > 32_000}>
              Send
            </Button>
          </div>
        </form>
      </div>
    );
  }

  return (
    <div data-testid="message-user" data-message-id={message.id} className="group flex flex-col items-end gap-1">
      {files.length > 0 && <MessageImages parts={files} />}
      {text && <div className="max-w-[85%] rounded-3xl rounded-br-lg bg-muted px-4 py-2.5 text-[15px] leading-6 break-words whitespace-pre-wrap">{text}</div>}
      <div className="flex items-center gap-0.5 opacity-100 transition-opacity sm:opacity-0 sm:group-hover:opacity-100 sm:focus-within:opacity-100">
        {message.metadata?.edited && <span className="mr-1 text-xs text-muted-foreground">Edited</span>}
        {text && <CopyButton text={text} label="Copy message" testId="copy-message" />}
        {editable && text && !busy && !readOnly && (
          <Tooltip label="Edit and resend">
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label="Edit message"
              data-testid="edit-message"
              onClick={() => {
                setDraft(text);
                setEditing(true);
              }}
            >
              <Pencil aria-hidden />
            </Button>
          </Tooltip>
        )}
      </div>
    </div>
  );
}

function AssistantMessage({ message, status, isLast }: { message: FlintUIMessage; status: MessageStatus; isLast: boolean }) {
  const { regenerate, busy: chatBusy, readOnly } = useChatActions();
  const busy = chatBusy || Boolean(readOnly);
  const metadata = message.metadata ?? {};
  const streaming = status === 'streaming';
  const text = messageText(message);
  const hasContent = message.parts.some((p) => ((p.type === 'text' || p.type === 'reasoning') && p.text.length > 0) || p.type.startsWith('tool-'));
  const lastPart = message.parts.at(-1);
  const board = readBoard(message);
  const agents = board?.agents;
  const citations = useMemo<CitationTargets | null>(
    () => (agents ? { messageId: message.id, agents: Object.fromEntries(agents.map((a) => [a.index, { id: a.id, title: a.title }])) } : null),
    [agents, message.id],
  );

  return (
    <CitationContext.Provider value={citations}>
      <article data-testid="message-assistant" data-status={status} data-message-id={message.id} data-mode={metadata.mode} className="group">
        {board && <AgentBoard message={message} board={board} status={status} />}
        {!hasContent && streaming && !board && <TypingIndicator />}
        {message.parts.map((part, index) => {
          if (part.type === 'reasoning' && part.text) {
            return <Reasoning key={index} text={part.text} streaming={streaming && part === lastPart} durationMs={metadata.reasoningMs} />;
          }
          if (part.type === 'text' && part.text) {
            return <Markdown key={index} text={part.text} streaming={streaming && part === lastPart} />;
          }
          if (isArtifactToolPart(part)) return <ArtifactCard key={part.toolCallId} part={part} />;
          if (part.type === 'tool-remember' || part.type === 'tool-forget') {
            return <MemoryChip key={index} part={part as never} readOnly={readOnly} />;
          }
          return null;
        })}

        {status === 'stopped' && (
          <p data-testid="message-stopped" className="mt-2 inline-flex items-center gap-1.5 rounded-full bg-muted px-2.5 py-1 text-xs font-medium text-muted-foreground">
            <CircleSlash className="size-3.5" aria-hidden /> Stopped
          </p>
        )}
        {status === 'error' && (
          <div data-testid="message-error" role="alert" className="mt-3 flex items-start gap-2.5 rounded-2xl border border-destructive/25 bg-destructive/5 px-3.5 py-3 text-sm">
            <AlertTriangle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
            <div className="flex-1">
              <p className="text-foreground">{metadata.error ?? 'The answer failed. Try again.'}</p>
              {hasContent && <p className="mt-1 text-muted-foreground">The text above was received before the error and is kept.</p>}
            </div>
            {isLast && !busy && (
              <Button size="sm" variant="outline" onClick={() => regenerate(message.id)}>
                Try again
              </Button>
            )}
          </div>
        )}
        {status === 'interrupted' && (
          <div data-testid="message-interrupted" className="mt-3 flex items-start gap-2.5 rounded-2xl border border-warning/40 bg-warning/10 px-3.5 py-3 text-sm">
            <Unplug className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
            <p className="flex-1">This answer was cut off when the server stopped. What was written until then is kept; Continue writes the answer again.</p>
            {isLast && !busy && (
              <Button size="sm" variant="outline" data-testid="continue-button" onClick={() => regenerate(message.id)}>
                Continue
              </Button>
            )}
          </div>
        )}

        {!streaming && (
          <div className="mt-1.5 flex flex-wrap items-center gap-x-1 gap-y-1 text-xs text-muted-foreground">
            {text && <CopyButton text={text} label="Copy answer" testId="copy-message" />}
            {isLast && !busy && status !== 'error' && status !== 'interrupted' && (
              <Tooltip label="Regenerate">
                <Button variant="ghost" size="icon-sm" aria-label="Regenerate answer" data-testid="regenerate" onClick={() => regenerate(message.id)}>
                  <RefreshCw aria-hidden />
                </Button>
              </Tooltip>
            )}
            <ModelLabel metadata={metadata} />
            {metadata.memories && metadata.memories.length > 0 && <MemoriesUsed memories={metadata.memories} />}
          </div>
        )}
      </article>
    </CitationContext.Provider>
  );
}

function ModelLabel({ metadata }: { metadata: NonNullable<FlintUIMessage['metadata']> }) {
  if (!metadata.modelLabel) return null;
  const fallbacks = metadata.fallbacks ?? [];
  const route = metadata.visionRoute;
  return (
    <span data-testid="answered-by" data-model={metadata.model} className="ml-1 inline-flex flex-wrap items-center gap-1.5">
      <span>{metadata.modelLabel}</span>
      {route && (
        <Tooltip label={`${route.fromLabel} cannot see images, so ${route.toLabel} answered this message.`}>
          <span data-testid="vision-route-note" className="inline-flex cursor-help items-center gap-1 rounded-full bg-accent-soft px-2 py-0.5 text-[11px] font-medium text-foreground/80">
            <Eye className="size-3" aria-hidden />
            for the images, instead of {route.fromLabel}
          </span>
        </Tooltip>
      )}
      {fallbacks.length > 0 && (
        <Tooltip label={fallbacks.map((f) => `${f.model}: ${f.reason}`).join('\n')}>
          <span data-testid="fallback-note" className="inline-flex cursor-help items-center gap-1 rounded-full bg-warning/15 px-2 py-0.5 text-[11px] font-medium text-foreground/80">
            <CornerDownRight className="size-3" aria-hidden />
            fallback: {fallbacks.map((f) => f.model).join(', ')} unavailable
          </span>
        </Tooltip>
      )}
    </span>
  );
}

function TypingIndicator() {
  return (
    <div data-testid="typing" className="flex h-7 items-center gap-1" aria-label="Flint is writing">
      {[0, 1, 2].map((i) => (
        <span key={i} className="size-1.5 animate-bounce rounded-full bg-muted-foreground/60" style={{ animationDelay: `${i * 120}ms` }} />
      ))}
    </div>
  );
}

export function statusOf(message: FlintUIMessage, isLast: boolean, chatBusy: boolean): MessageStatus {
  const stored = message.metadata?.status;
  if (isLast && chatBusy) return 'streaming';
  if (stored === 'streaming') return chatBusy ? 'streaming' : 'interrupted';
  return stored ?? 'done';
}
