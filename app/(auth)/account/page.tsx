import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AccountPanel } from '@/components/auth/account-panel';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user || user.isGuest) redirect('/sign-in?next=/account');
  return <AccountPanel name={user.name} email={user.email ?? ''} />;
}
