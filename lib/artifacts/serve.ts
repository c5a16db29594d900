// What the artifact routes answer: a version's sandboxed document (for its owner, or for anyone
// holding a share link whose snapshot shows it), the live sandbox's bootstrap page, and the vendor
// libraries. Every refusal is the same not-found page, whether the artifact is someone else's or
// does not exist.
import 'server-only';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getCurrentUser } from '@/lib/auth/session';
import { getArtifactVersion } from '@/lib/db/artifacts';
import { getSharedChat } from '@/lib/db/shares';
import { findSavedVersion } from './collect';
import { artifactDocument, type ArtifactTheme } from './document';
import { artifactDocumentHeaders } from './sandbox-policy';
import { LIVE_SANDBOX_DOCUMENT } from './live-sandbox';
import { isVendorFile, vendorLibraries } from './vendor';

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const versionPattern = /^[1-9]\d{0,5}$/;
const shareTokenPattern = /^[A-Za-z0-9_-]{16,64}$/;

const NOT_FOUND_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title><style>body{margin:0;height:100vh;display:grid;place-items:center;font:14px system-ui,sans-serif;color:#6b625a}</style></head><body><p>This artifact does not exist or is not yours to see.</p></body></html>';

/**
 * Where the browser reached Flint, for the vendor URL in the sandbox policy: the Host header (and a
 * proxy's X-Forwarded-Proto), since request.url may name the address Next.js listens on instead.
 * Nothing built from it is cached (no-store), so a forged Host header only ever affects its own request.
 */
function originOf(request: Request) {
  const url = new URL(request.url);
  const host = request.headers.get('host');
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '');
  return host && /^https?$/.test(proto) ? `${proto}://${host}` : url.origin;
}

export function notFoundDocument(request: Request) {
  return new Response(NOT_FOUND_PAGE, { status: 404, headers: artifactDocumentHeaders(originOf(request)) });
}

function themeOf(url: URL): ArtifactTheme | undefined {
  const theme = url.searchParams.get('theme');
  return theme === 'dark' || theme === 'light' ? theme : undefined;
}

/** GET /api/artifacts/[id]/versions/[version]/preview (`?share=<token>` for a shared chat, `?theme=dark`). */
export async function previewResponse(request: Request, id: string, version: string): Promise<Response> {
  const url = new URL(request.url);
  if (!idPattern.test(id) || !versionPattern.test(version)) return notFoundDocument(request);
  // Only ever shown inside Flint's sandboxed frame: opened as a page of its own, a document could
  // navigate itself anywhere, so browsers that say what they load get a refusal.
  const destination = request.headers.get('sec-fetch-dest');
  if (destination && destination !== 'iframe') return notFoundDocument(request);

  const n = Number(version);
  const share = url.searchParams.get('share');
  let found: { title: string; kind: Parameters<typeof artifactDocument>[0]; content: string } | null | undefined;
  if (share !== null) {
    const shared = shareTokenPattern.test(share) ? await getSharedChat(share) : null;
    found = shared ? findSavedVersion(shared.messages, id, n) : undefined;
  } else {
    const user = await getCurrentUser();
    found = user ? await getArtifactVersion(user.id, id, n) : null;
  }
  if (!found) return notFoundDocument(request);
  return new Response(artifactDocument(found.kind, found.content, found.title, { theme: themeOf(url) }), {
    headers: artifactDocumentHeaders(originOf(request)),
  });
}

/** GET /api/artifacts/sandbox: the page the live preview posts a streaming artifact into. */
export function liveSandboxResponse(request: Request): Response {
  return new Response(LIVE_SANDBOX_DOCUMENT, { headers: artifactDocumentHeaders(originOf(request)) });
}

const vendorCache = new Map<string, { body: Buffer; etag: string }>();

/** GET /api/artifacts/vendor/[file]: a library from Flint's own dependencies. */
export async function vendorResponse(request: Request, file: string): Promise<Response> {
  if (!isVendorFile(file)) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  let cached = vendorCache.get(file);
  if (!cached) {
    // Files of the project itself (node_modules and lib/artifacts/sandbox), read where `next start` runs.
    const body = await readFile(path.join(/* turbopackIgnore: true */ process.cwd(), vendorLibraries[file].source));
    cached = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    vendorCache.set(file, cached);
  }
  const headers = {
    'content-type': 'text/javascript; charset=utf-8',
    // A week, then a cheap revalidation: an upgrade of Flint may bring a newer library under the same name.
    'cache-control': 'public, max-age=604800, stale-while-revalidate=86400',
    etag: cached.etag,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  };
  if (request.headers.get('if-none-match') === cached.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(cached.body), { headers });
}
