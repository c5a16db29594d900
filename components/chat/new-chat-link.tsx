'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * A link to a fresh chat. The / page picks a new chat id on the server each time it renders; a plain
 * client navigation could reuse the last render (and its id), so this also asks for a fresh one.
 */
export function NewChatLink({ onClick, ...props }: Omit<ComponentProps<typeof Link>, 'href'>) {
  const router = useRouter();
  return (
    <Link
      href="/"
      {...props}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        router.push('/');
        router.refresh();
      }}
    />
  );
}
