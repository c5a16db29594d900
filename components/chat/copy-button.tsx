'use client';
import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Tooltip } from '@/components/ui/tooltip';

export function CopyButton({ text, label = 'Copy', testId }: { text: string; label?: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error('Could not copy: the browser blocked clipboard access. Select the text and copy it by hand.');
    }
  };
  return (
    <Tooltip label={copied ? 'Copied' : label}>
      <Button variant="ghost" size="icon-sm" onClick={copy} aria-label={label} data-testid={testId} data-copied={copied || undefined}>
        {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      </Button>
    </Tooltip>
  );
}
