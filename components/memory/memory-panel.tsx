'use client';
import { Check, Loader2, Pencil, Pin, Plus, Trash2, X } from 'lucide-react';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { addMemory, editMemory, removeAllMemories, removeMemory, saveCustomInstructions, setMemoryEnabled } from '@/app/(chat)/memory/actions';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { withGuestSession } from '@/components/chat/guest-session';
import type { MemoryItem } from '@/lib/types';
import { cn } from '@/lib/utils';

interface Preferences {
  memoryEnabled: boolean;
  aboutMe: string;
  responseStyle: string;
}

const field = 'w-full rounded-2xl border bg-background px-3.5 py-2.5 text-[15px] outline-none placeholder:text-muted-foreground/70 focus:border-foreground/30 focus:ring-2 focus:ring-ring/30';

export function MemoryPanel({ initialMemories, initialPreferences }: { initialMemories: MemoryItem[]; initialPreferences: Preferences }) {
  const [memories, setMemories] = useState(initialMemories);
  const [preferences, setPreferences] = useState(initialPreferences);
  const [draft, setDraft] = useState('');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string>();

  const toggle = async () => {
    const next = !preferences.memoryEnabled;
    setPreferences((p) => ({ ...p, memoryEnabled: next }));
    const result = await withGuestSession(() => setMemoryEnabled({ enabled: next }));
    if (!result.ok) {
      setPreferences((p) => ({ ...p, memoryEnabled: !next }));
      toast.error(result.message);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setAdding(true);
    setError(undefined);
    const result = await withGuestSession(() => addMemory({ content: draft }));
    setAdding(false);
    if (!result.ok) return setError(result.message);
    setMemories((list) => [result.value, ...list]);
    setDraft('');
  };

  return (
    <div data-testid="memory-page" className="scroll-quiet min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto flex w-full max-w-2xl flex-col gap-5 px-4 pt-4 pb-16 sm:px-6">
        <header className="flex items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Memory</h1>
            <p className="mt-1 text-sm text-muted-foreground">
              What Flint remembers about you. The most relevant memories are given to the model with each message, and every answer that used one says so.
            </p>
          </div>
          <button
            type="button"
            role="switch"
            aria-checked={preferences.memoryEnabled}
            aria-label="Memory on"
            data-testid="memory-toggle"
            onClick={toggle}
            className={cn('relative mt-1 inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors', preferences.memoryEnabled ? 'bg-accent' : 'bg-muted-foreground/30')}
          >
            <span className={cn('inline-block size-5 rounded-full bg-white shadow transition-transform', preferences.memoryEnabled ? 'translate-x-5.5' : 'translate-x-0.5')} />
          </button>
        </header>
        {!preferences.memoryEnabled && (
          <p data-testid="memory-off" className="rounded-2xl bg-muted px-4 py-3 text-sm text-muted-foreground">
            Memory is off: Flint neither uses nor saves memories. Your saved memories stay here until you delete them.
          </p>
        )}

        <section className="rounded-3xl border bg-card p-5">
          <form onSubmit={add} className="flex gap-2">
            <input
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              placeholder="Add a memory, e.g. “I’m vegetarian”"
              aria-label="New memory"
              data-testid="memory-add-input"
              maxLength={300}
              className={field}
            />
            <Button type="submit" variant="primary" className="h-11 shrink-0" disabled={adding || draft.trim().length < 2} aria-label="Add memory">
              {adding ? <Loader2 className="animate-spin" aria-hidden /> : <Plus aria-hidden />}
              <span className="hidden sm:inline">Add</span>
            </Button>
          </form>
          {error && (
            <p role="alert" data-testid="memory-error" className="mt-2 text-sm text-destructive">
              {error}
            </p>
          )}
          {memories.length === 0 ? (
            <p className="mt-5 text-sm text-muted-foreground">No memories yet. Tell Flint things like “remember that I teach physics” and they will appear here.</p>
          ) : (
            <ul className="mt-4 flex flex-col divide-y">
              {memories.map((memory) => (
                <MemoryRow
                  key={memory.id}
                  memory={memory}
                  onChange={(updated) => setMemories((list) => list.map((m) => (m.id === updated.id ? updated : m)))}
                  onDelete={() => setMemories((list) => list.filter((m) => m.id !== memory.id))}
                />
              ))}
            </ul>
          )}
          {memories.length > 0 && (
            <Dialog>
              <DialogTrigger asChild>
                <Button variant="ghost" size="sm" className="mt-3 text-destructive hover:text-destructive" data-testid="memory-delete-all">
                  Delete all memories
                </Button>
              </DialogTrigger>
              <DialogContent title="Delete all memories?" description="Flint will forget everything it remembers about you. This cannot be undone.">
                <div className="mt-5 flex justify-end gap-2">
                  <DialogClose asChild>
                    <Button variant="outline">Cancel</Button>
                  </DialogClose>
                  <DialogClose asChild>
                    <Button
                      variant="primary"
                      className="bg-destructive text-white hover:bg-destructive/90"
                      data-testid="memory-delete-all-confirm"
                      onClick={async () => {
                        const result = await removeAllMemories();
                        if (result.ok) setMemories([]);
                        else toast.error(result.message);
                      }}
                    >
                      Delete all
                    </Button>
                  </DialogClose>
                </div>
              </DialogContent>
            </Dialog>
          )}
        </section>

        <CustomInstructions preferences={preferences} onSaved={setPreferences} />
      </div>
    </div>
  );
}

function MemoryRow({ memory, onChange, onDelete }: { memory: MemoryItem; onChange(memory: MemoryItem): void; onDelete(): void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(memory.content);
  const [error, setError] = useState<string>();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await editMemory({ id: memory.id, content: draft });
    if (!result.ok) return setError(result.message);
    onChange(result.value);
    setEditing(false);
    setError(undefined);
  };
  return (
    <li data-testid="memory-item" data-memory-id={memory.id} className="flex items-start gap-3 py-3">
      <div className="min-w-0 flex-1">
        {editing ? (
          <form onSubmit={save} className="flex gap-2">
            <input autoFocus value={draft} onChange={(e) => setDraft(e.target.value)} aria-label="Edit memory" data-testid="memory-edit-input" className={cn(field, 'py-1.5')} maxLength={300} />
            <Button type="submit" size="icon-sm" variant="primary" aria-label="Save memory">
              <Check aria-hidden />
            </Button>
            <Button size="icon-sm" variant="ghost" aria-label="Cancel" onClick={() => (setEditing(false), setDraft(memory.content))}>
              <X aria-hidden />
            </Button>
          </form>
        ) : (
          <p className="text-[15px]">
            {memory.pinned && <Pin className="mr-1.5 inline size-3.5 text-accent" aria-label="Used in every chat" />}
            {memory.content}
          </p>
        )}
        {error && <p className="mt-1 text-sm text-destructive">{error}</p>}
        <p className="mt-0.5 text-xs text-muted-foreground">
          {new Date(memory.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}
          {memory.source ? (
            <>
              {' · from '}
              <Link href={`/c/${memory.source.chatId}`} className="underline-offset-2 hover:underline">
                {memory.source.title ?? 'a chat'}
              </Link>
            </>
          ) : (
            ' · added by you'
          )}
        </p>
      </div>
      {!editing && (
        <div className="flex shrink-0 gap-0.5">
          <Button variant="ghost" size="icon-sm" aria-label="Edit memory" data-testid="memory-edit" onClick={() => setEditing(true)}>
            <Pencil aria-hidden />
          </Button>
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label="Delete memory"
            data-testid="memory-delete"
            onClick={async () => {
              const result = await removeMemory({ id: memory.id });
              if (result.ok || result.code === 'not_found') onDelete();
              else toast.error(result.message);
            }}
          >
            <Trash2 aria-hidden />
          </Button>
        </div>
      )}
    </li>
  );
}

function CustomInstructions({ preferences, onSaved }: { preferences: Preferences; onSaved(preferences: Preferences): void }) {
  const [aboutMe, setAboutMe] = useState(preferences.aboutMe);
  const [responseStyle, setResponseStyle] = useState(preferences.responseStyle);
  const [saving, setSaving] = useState(false);
  const dirty = aboutMe !== preferences.aboutMe || responseStyle !== preferences.responseStyle;
  return (
    <section className="rounded-3xl border bg-card p-5" data-testid="custom-instructions">
      <h2 className="font-semibold">Custom instructions</h2>
      <p className="mt-1 text-sm text-muted-foreground">Applied to every chat, including temporary ones.</p>
      <form
        className="mt-4 flex flex-col gap-4"
        onSubmit={async (event) => {
          event.preventDefault();
          setSaving(true);
          const result = await withGuestSession(() => saveCustomInstructions({ aboutMe, responseStyle }));
          setSaving(false);
          if (!result.ok) return toast.error(result.message);
          onSaved(result.value);
          toast.success('Custom instructions saved.');
        }}
      >
        <label className="flex flex-col gap-1.5 text-sm font-medium">
          About you
          <textarea value={aboutMe} onChange={(e) => setAboutMe(e.target.value)} rows={3} maxLength={2000} placeholder="Where you live, what you do, what you’re learning…" className={field} data-testid="about-me" />
        </label>
        <label className="flex flex-col gap-1.5 text-sm font-medium">
          How Flint should respond
          <textarea value={responseStyle} onChange={(e) => setResponseStyle(e.target.value)} rows={3} maxLength={2000} placeholder="Tone, length, format, units…" className={field} data-testid="response-style" />
        </label>
        <Button type="submit" variant="primary" className="h-10 self-end" disabled={!dirty || saving} data-testid="save-instructions">
          {saving && <Loader2 className="animate-spin" aria-hidden />}
          Save
        </Button>
      </form>
    </section>
  );
}
