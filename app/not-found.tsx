import Link from 'next/link';
import { FlintLogo } from '@/components/flint-logo';

export default function NotFound() {
  return (
    <div data-testid="not-found" className="flex min-h-dvh flex-col items-center justify-center gap-3 px-6 text-center">
      <FlintLogo className="size-10" />
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="text-sm text-muted-foreground">There is nothing at this address.</p>
      <Link href="/" className="mt-2 inline-flex h-9 items-center rounded-full bg-foreground px-4 text-sm font-medium text-background">
        Go to Flint
      </Link>
    </div>
  );
}
