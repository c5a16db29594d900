'use client';
import { Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { authClient, describeAuthError } from '@/lib/auth/client';

export function AuthForm({ mode, isGuest }: { mode: 'sign-in' | 'sign-up'; isGuest: boolean }) {
  const router = useRouter();
  const next = useSafeNext();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const name = String(form.get('name') ?? '').trim();
    setPending(true);
    setError(undefined);
    const { error: failure } =
      mode === 'sign-up'
        ? await authClient.signUp.email({ email, password, name: name || email.split('@')[0]! })
        : await authClient.signIn.email({ email, password });
    if (failure) {
      setPending(false);
      setError(describeAuthError(failure));
      return;
    }
    router.replace(next);
    router.refresh();
  };

  const signUp = mode === 'sign-up';
  return (
    <div className="rounded-3xl border bg-card p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight">{signUp ? 'Create your account' : 'Welcome back'}</h1>
      <p className="mt-1.5 text-sm text-muted-foreground">
        {signUp
          ? isGuest
            ? 'Your chats so far come with you.'
            : 'Keep your chats on every device.'
          : isGuest
            ? 'Chats you started as a guest move into your account.'
            : 'Sign in to see your chats.'}
      </p>
      <form onSubmit={submit} className="mt-6 flex flex-col gap-4" noValidate={false}>
        {signUp && (
          <Field label="Name" name="name" type="text" autoComplete="name" placeholder="Optional" />
        )}
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete={signUp ? 'new-password' : 'current-password'}
          required
          minLength={signUp ? 8 : undefined}
          hint={signUp ? 'At least 8 characters.' : undefined}
        />
        {error && (
          <p role="alert" data-testid="auth-error" className="rounded-xl bg-destructive/10 px-3 py-2 text-sm text-destructive">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" size="md" className="mt-1 h-10" disabled={pending} data-testid={mode}>
          {pending && <Loader2 className="animate-spin" aria-hidden />}
          {signUp ? 'Create account' : 'Sign in'}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        {signUp ? 'Already have an account? ' : 'New to Flint? '}
        <Link href={`${signUp ? '/sign-in' : '/sign-up'}${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} className="font-medium text-foreground underline underline-offset-4">
          {signUp ? 'Sign in' : 'Create an account'}
        </Link>
      </p>
    </div>
  );
}

function Field({ label, hint, ...props }: { label: string; hint?: string } & React.ComponentProps<'input'>) {
  return (
    <label className="flex flex-col gap-1.5 text-sm font-medium">
      {label}
      <input
        {...props}
        className="h-10 rounded-xl border bg-background px-3 text-[15px] font-normal outline-none transition-colors placeholder:text-muted-foreground/70 focus:border-foreground/30 focus:ring-2 focus:ring-ring/30"
      />
      {hint && <span className="text-xs font-normal text-muted-foreground">{hint}</span>}
    </label>
  );
}

/** Where to go after signing in: a path on this site only (never an open redirect). */
function useSafeNext(): string {
  const next = useSearchParams().get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
