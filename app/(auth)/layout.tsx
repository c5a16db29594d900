import Link from 'next/link';
import { FlintLogo } from '@/components/flint-logo';

export const dynamic = 'force-dynamic';

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center bg-background px-4 py-10 sm:justify-center">
      <Link href="/" className="mb-8 flex items-center gap-2 text-lg font-semibold tracking-tight">
        <FlintLogo className="size-7" />
        Flint
      </Link>
      <div className="w-full max-w-sm">{children}</div>
    </div>
  );
}
