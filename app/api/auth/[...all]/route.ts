import { getAuth } from '@/lib/auth/auth';
import { withSecureCookies } from '@/lib/auth/cookies';

export const dynamic = 'force-dynamic';

async function handle(request: Request) {
  const auth = await getAuth();
  return withSecureCookies(request, await auth.handler(request));
}

export { handle as GET, handle as POST };
