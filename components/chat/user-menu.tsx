'use client';
import { Brain, ChevronsUpDown, LogIn, LogOut, Settings, UserPlus } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { selectViewer, useFlintStore } from '@/lib/store';
import { ThemeToggle } from './theme-toggle';

function initials(name: string) {
  return (
    name
      .split(/\s+/)
      .map((part) => part[0])
      .join('')
      .slice(0, 2)
      .toUpperCase() || '?'
  );
}

export function UserMenu() {
  const viewer = useFlintStore(selectViewer);
  const router = useRouter();
  const signedIn = viewer && !viewer.isGuest;

  const signOut = async () => {
    const { authClient } = await import('@/lib/auth/client');
    await authClient.signOut();
    router.replace('/');
    router.refresh();
  };

  return (
    <div className="border-t p-2">
      <DropdownMenu>
        <DropdownMenuTrigger data-testid="user-menu" className="flex w-full min-w-0 items-center gap-2.5 rounded-xl px-2 py-1.5 text-left outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring/60 data-[state=open]:bg-muted">
          <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent">{signedIn ? initials(viewer.name) : 'G'}</span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium">{signedIn ? viewer.name : 'Guest'}</span>
            <span className="block truncate text-xs text-muted-foreground">{signedIn ? viewer.email : 'Sign up to keep your chats'}</span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent side="top" align="start" className="w-64">
          <div className="flex items-center justify-between px-2.5 py-1.5">
            <span className="text-sm text-muted-foreground">Theme</span>
            <ThemeToggle />
          </div>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/memory" data-testid="memory-link">
              <Brain className="size-4" aria-hidden /> Memory
            </Link>
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          {signedIn ? (
            <>
              <DropdownMenuLabel className="truncate">{viewer.email}</DropdownMenuLabel>
              <DropdownMenuItem asChild>
                <Link href="/account" data-testid="account-link">
                  <Settings className="size-4" aria-hidden /> Account and sessions
                </Link>
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem data-testid="sign-out" onSelect={() => void signOut()}>
                <LogOut className="size-4" aria-hidden /> Sign out
              </DropdownMenuItem>
            </>
          ) : (
            <>
              <DropdownMenuLabel>You are chatting as a guest. Create an account to keep your chats on every device.</DropdownMenuLabel>
              <DropdownMenuItem asChild>
                <Link href="/sign-up" data-testid="open-sign-up">
                  <UserPlus className="size-4" aria-hidden /> Create account
                </Link>
              </DropdownMenuItem>
              <DropdownMenuItem asChild>
                <Link href="/sign-in" data-testid="open-sign-in">
                  <LogIn className="size-4" aria-hidden /> Sign in
                </Link>
              </DropdownMenuItem>
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
