'use client';
import { Check, Copy, Link2, Loader2, Share } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { getChatShare, revokeChatShare, shareChat } from '@/app/(chat)/actions';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { Tooltip } from '@/components/ui/tooltip';

type Link = { token: string; createdAt: string } | null;

export function ShareDialog({ chatId }: { chatId: string }) {
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<Link | undefined>();
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const url = link ? `${window.location.origin}/share/${link.token}` : '';

  const load = async () => {
    setLink(undefined);
    const result = await getChatShare({ chatId });
    if (result.ok) setLink(result.value);
    else {
      toast.error(result.message);
      setOpen(false);
    }
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    run(async () => {
      const result = await shareChat({ chatId });
      if (result.ok) setLink(result.value);
      else toast.error(result.message);
    });

  const revoke = () =>
    run(async () => {
      const result = await revokeChatShare({ chatId });
      if (result.ok) {
        setLink(null);
        toast.success('The link no longer works.');
      } else toast.error(result.message);
    });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void load();
      }}
    >
      <Tooltip label="Share">
        <DialogTrigger asChild>
          <Button variant="ghost" size="icon" aria-label="Share this chat" data-testid="share-button">
            <Share aria-hidden />
          </Button>
        </DialogTrigger>
      </Tooltip>
      <DialogContent title="Share this chat" description="Anyone with the link can read the chat as it is when you create the link. Your other chats and your account stay private.">
        <div className="mt-5" data-testid="share-dialog">
          {link === undefined ? (
            <Loader2 className="size-5 animate-spin text-muted-foreground" aria-hidden />
          ) : link ? (
            <div className="flex flex-col gap-3">
              <div className="flex items-center gap-2 rounded-2xl border bg-background p-1.5 pl-3">
                <Link2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                <input readOnly value={url} data-testid="share-url" aria-label="Share link" className="min-w-0 flex-1 bg-transparent text-sm outline-none" onFocus={(e) => e.currentTarget.select()} />
                <Button
                  variant="primary"
                  size="sm"
                  data-testid="share-copy"
                  onClick={async () => {
                    await navigator.clipboard.writeText(url).catch(() => toast.error('Copy the link from the box by hand.'));
                    setCopied(true);
                    setTimeout(() => setCopied(false), 1500);
                  }}
                >
                  {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              </div>
              <p className="text-xs text-muted-foreground">Shared {new Date(link.createdAt).toLocaleString()}. Later messages are not included until you update the link.</p>
              <div className="flex justify-between gap-2">
                <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" disabled={busy} onClick={revoke} data-testid="share-revoke">
                  Stop sharing
                </Button>
                <Button variant="outline" size="sm" disabled={busy} onClick={create} data-testid="share-update">
                  Update link
                </Button>
              </div>
            </div>
          ) : (
            <Button variant="primary" className="h-10 w-full" disabled={busy} onClick={create} data-testid="share-create">
              {busy && <Loader2 className="animate-spin" aria-hidden />}
              Create public link
            </Button>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}
