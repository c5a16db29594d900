'use client';
import { ArrowLeft, Laptop, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { authClient, describeAuthError } from '@/lib/auth/client';

interface SessionRow {
  id: string;
  token: string;
  userAgent?: string | null;
  createdAt: string | Date;
  updatedAt: string | Date;
  current: boolean;
}

function device(userAgent?: string | null) {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'Browser';
  const os = /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? (/iPhone|iPad/.test(userAgent) ? 'iOS' : 'macOS') : /Android/.test(userAgent) ? 'Android' : /Linux/.test(userAgent) ? 'Linux' : '';
  return os ? `${browser} on ${os}` : browser;
}

export function AccountPanel({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const [sessions, setSessions] = useState<SessionRow[]>();

  const loadSessions = useCallback(async () => {
    const [{ data: list }, { data: current }] = await Promise.all([authClient.listSessions(), authClient.getSession()]);
    setSessions((list ?? []).map((s) => ({ ...s, current: s.token === current?.session.token })) as SessionRow[]);
  }, []);

  useEffect(() => {
    // Loads the session list once the panel is shown (an external system, hence an effect).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void loadSessions();
  }, [loadSessions]);

  const signOut = async () => {
    await authClient.signOut();
    router.replace('/');
    router.refresh();
  };

  return (
    <div className="flex flex-col gap-4" data-testid="account-page">
      <Link href="/" className="inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> Back to chats
      </Link>
      <section className="rounded-3xl border bg-card p-6">
        <h1 className="text-xl font-semibold tracking-tight">{name}</h1>
        <p className="text-sm text-muted-foreground">{email}</p>
        <Button variant="outline" size="sm" className="mt-4" onClick={signOut} data-testid="sign-out">
          Sign out
        </Button>
      </section>
      <ChangePassword onChanged={loadSessions} />
      <section className="rounded-3xl border bg-card p-6">
        <div className="flex items-center justify-between gap-2">
          <h2 className="font-semibold">Where you&apos;re signed in</h2>
          {sessions && sessions.length > 1 && (
            <Button
              variant="ghost"
              size="sm"
              data-testid="revoke-other-sessions"
              onClick={async () => {
                await authClient.revokeOtherSessions();
                toast.success('Signed out everywhere else.');
                await loadSessions();
              }}
            >
              Sign out others
            </Button>
          )}
        </div>
        {!sessions ? (
          <Loader2 className="mt-4 size-4 animate-spin text-muted-foreground" aria-hidden />
        ) : (
          <ul className="mt-3 flex flex-col divide-y" data-testid="session-list">
            {sessions.map((session) => (
              <li key={session.id} className="flex items-center gap-3 py-3" data-testid="session-item">
                <Laptop className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">
                    {device(session.userAgent)} {session.current && <span className="ml-1 rounded-full bg-accent-soft px-2 py-0.5 text-[11px] text-accent">This device</span>}
                  </p>
                  <p className="text-xs text-muted-foreground">Last active {new Date(session.updatedAt).toLocaleString()}</p>
                </div>
                {!session.current && (
                  <Button
                    variant="outline"
                    size="sm"
                    data-testid="revoke-session"
                    onClick={async () => {
                      await authClient.revokeSession({ token: session.token });
                      await loadSessions();
                    }}
                  >
                    Sign out
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function ChangePassword({ onChanged }: { onChanged(): void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const newPassword = String(form.get('newPassword') ?? '');
    if (newPassword !== String(form.get('confirm') ?? '')) {
      setError('The new passwords do not match.');
      return;
    }
    setPending(true);
    setError(undefined);
    const { error: failure } = await authClient.changePassword({
      currentPassword: String(form.get('currentPassword') ?? ''),
      newPassword,
      revokeOtherSessions: true,
    });
    setPending(false);
    if (failure) {
      setError(describeAuthError(failure));
      return;
    }
    formElement.reset();
    toast.success('Password changed. Other devices were signed out.');
    onChanged();
  };
  const input =
    'h-10 rounded-xl border bg-background px-3 text-[15px] font-normal outline-none focus:border-foreground/30 focus:ring-2 focus:ring-ring/30';
  return (
    <section className="rounded-3xl border bg-card p-6">
      <h2 className="font-semibold">Change password</h2>
      <form onSubmit={submit} className="mt-4 flex flex-col gap-3" data-testid="change-password">
        <label className="flex flex-col gap-1.5 text-sm font-medium">
          Current password
          <input name="currentPassword" type="password" autoComplete="current-password" required className={input} />
        </label>
        <label className="flex flex-col gap-1.5 text-sm font-medium">
          New password
          <input name="newPassword" type="password" autoComplete="new-password" minLength={8} required className={input} />
        </label>
        <label className="flex flex-col gap-1.5 text-sm font-medium">
          Repeat new password
          <input name="confirm" type="password" autoComplete="new-password" minLength={8} required className={input} />
        </label>
        {error && (
          <p role="alert" data-testid="auth-error" className="rounded-xl bg-destructive/10 px-3 py-2 text-sm text-destructive">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="h-10" disabled={pending}>
          {pending && <Loader2 className="animate-spin" aria-hidden />}
          Change password
        </Button>
      </form>
    </section>
  );
}
