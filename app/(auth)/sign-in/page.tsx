import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuthForm } from '@/components/auth/auth-form';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  const user = await getCurrentUser();
  return (
    <Suspense>
      <AuthForm mode="sign-in" isGuest={Boolean(user?.isGuest)} />
    </Suspense>
  );
}
