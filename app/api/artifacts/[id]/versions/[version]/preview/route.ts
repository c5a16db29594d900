import { previewResponse } from '@/lib/artifacts/serve';

export const dynamic = 'force-dynamic';

/** One version of an artifact as a sandboxed document: for its owner, or through a share link. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; version: string }> }) {
  const { id, version } = await params;
  return previewResponse(request, id, version);
}
