import { liveSandboxResponse } from '@/lib/artifacts/serve';

/** The live preview's sandboxed page; it holds no data until the panel posts a streaming artifact in. */
export function GET(request: Request) {
  return liveSandboxResponse(request);
}
