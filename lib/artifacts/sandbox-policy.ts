// The Content-Security-Policy every artifact document is served with. `sandbox allow-scripts` gives
// the document an opaque origin even if it is opened outside the panel's sandboxed iframe, so it can
// never read Flint's cookies, storage or pages; `connect-src 'none'` and `default-src 'none'` leave
// it no way to reach any server (Flint's included) or to exfiltrate what it was given; scripts run
// only inline or from Flint's own origin (its vendor files); and only Flint may frame it.
//
// Scripts are allowed from the vendor folder's full URL and from 'self': browsers differ in whether
// a sandboxed, opaque-origin document matches 'self' by its URL, and the explicit URL depends on the
// Host header a proxy passes on, so each covers the other. Either way the only same-origin scripts
// are Flint's own, and a sandboxed document sends no cookies and can open no connection.
import { VENDOR_PATH } from './vendor';

export const ARTIFACT_SANDBOX = 'allow-scripts';

/** `origin`: where the browser reached Flint (e.g. `https://chat.example.com`), for the vendor URL. */
export function artifactContentSecurityPolicy(origin?: string) {
  const vendor = origin && /^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(origin) ? ` ${origin}${VENDOR_PATH}` : '';
  return [
    `sandbox ${ARTIFACT_SANDBOX}`,
    "default-src 'none'",
    `script-src 'unsafe-inline' 'self'${vendor}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    'media-src data: blob:',
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Headers for a document shown in the artifact sandbox. */
export function artifactDocumentHeaders(origin?: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': artifactContentSecurityPolicy(origin),
    'x-frame-options': 'SAMEORIGIN',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // No DNS lookups on the page's behalf (a hostname can carry data out even without a connection).
    'x-dns-prefetch-control': 'off',
    // Asked for again every time (the owner check runs each time, and the policy names the Host the
    // request came with); nothing is stored on the way.
    'cache-control': 'private, no-store',
  };
}
