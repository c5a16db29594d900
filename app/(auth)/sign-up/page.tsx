import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuthForm } from '@/components/auth/auth-form';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  const user = await getCurrentUser();
  return (
    <Suspense>
      <AuthForm mode="sign-up" isGuest={Boolean(user?.isGuest)} />
    </Suspense>
  );
}
