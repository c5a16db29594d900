// POST /api/images: upload one image as the raw request body, its name in the X-Filename header
// (URI-encoded). Not a server action: actions cap bodies at 1 MB, and a plain request lets the
// browser report upload progress. Answers { image } or { error: { code, message } }.
import { getCurrentUser } from '@/lib/auth/session';
import { FlintError, toErrorResponse } from '@/lib/errors';
import { imageUrl } from '@/lib/files/image-parts';
import { uploadImage } from '@/lib/files/images';
import { MAX_IMAGE_BYTES } from '@/lib/files/limits';
import { readLimited } from '@/lib/files/read-limited';
import { sameOrigin } from '@/lib/same-origin';

export const dynamic = 'force-dynamic';

function decodeName(header: string | null) {
  try {
    return decodeURIComponent(header ?? '');
  } catch {
    return header ?? '';
  }
}

export async function POST(request: Request) {
  try {
    const filename = request.headers.get('x-filename');
    // Another site cannot upload into a visitor's account: it could not set X-Filename without a
    // preflight, and its Origin differs.
    if (filename === null || !sameOrigin(request)) throw new FlintError('bad_request', 'The upload was malformed. Reload the page and try again.');
    const user = await getCurrentUser();
    if (!user) throw new FlintError('unauthenticated', 'Your session has ended. Reload the page to continue.');
    const name = decodeName(filename);
    const bytes = await readLimited(request, MAX_IMAGE_BYTES, name || 'image');
    const image = await uploadImage(user, bytes, name);
    return Response.json(
      { image: { ...image, url: imageUrl(image.id), thumbUrl: imageUrl(image.id, { variant: 'thumb' }) } },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
