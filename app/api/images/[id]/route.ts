// GET /api/images/<id>[?variant=thumb][&share=<token>]: an image's bytes, for its owner or through
// a live share link of a chat showing it. Anything else gets the same 404 as a missing id.
import { getCurrentUser } from '@/lib/auth/session';
import { FlintError, toErrorResponse } from '@/lib/errors';
import { isImageId } from '@/lib/files/image-parts';
import { readImage } from '@/lib/files/images';

export const dynamic = 'force-dynamic';

const SHARE_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

const notFound = () => toErrorResponse(new FlintError('not_found', 'This image does not exist or was deleted.'));

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const query = new URL(request.url).searchParams;
    const variant = query.get('variant') === 'thumb' ? 'thumb' : 'full';
    const share = query.get('share') ?? undefined;
    if (!isImageId(id) || (share !== undefined && !SHARE_TOKEN.test(share))) return notFound();
    const user = await getCurrentUser();
    const image = await readImage({ userId: user?.id, share }, id, variant);
    if (!image) return notFound();
    // Ids are never reused and an image never changes: browsers may keep it for a year.
    const headers = { 'cache-control': 'private, max-age=31536000, immutable', etag: image.etag };
    if (request.headers.get('if-none-match')?.split(/\s*,\s*/).includes(image.etag)) return new Response(null, { status: 304, headers });
    const bytes = await image.load();
    if (!bytes) return notFound();
    return new Response(new Uint8Array(bytes), {
      headers: {
        ...headers,
        'content-type': image.mediaType,
        'content-length': String(bytes.length),
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(image.filename)}`,
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
