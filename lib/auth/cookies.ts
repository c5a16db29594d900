import 'server-only';

/** Whether the browser reached Flint over HTTPS (directly or through a TLS-terminating proxy). */
export function isHttps(headers: Headers, url?: string): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === 'https';
  return url?.startsWith('https://') ?? false;
}

/** Adds the Secure attribute to every cookie a response sets, for requests that came over HTTPS. */
export function withSecureCookies(request: Request, response: Response): Response {
  if (!isHttps(request.headers, request.url)) return response;
  const cookies = response.headers.getSetCookie();
  if (!cookies.length || cookies.every((c) => /;\s*secure/i.test(c))) return response;
  const headers = new Headers(response.headers);
  headers.delete('set-cookie');
  for (const cookie of cookies) headers.append('set-cookie', /;\s*secure/i.test(cookie) ? cookie : `${cookie}; Secure`);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
