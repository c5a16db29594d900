import { describe, expect, it } from 'vitest';
import { isHttps, withSecureCookies } from './cookies';

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

function responseSetting(cookies: string[], init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response('{"ok":true}', { status: init.status ?? 200, statusText: init.statusText, headers });
}

describe('isHttps', () => {
  it('trusts the first x-forwarded-proto of a TLS-terminating proxy over the URL', () => {
    expect(isHttps(new Headers({ 'x-forwarded-proto': 'https' }), 'http://flint:3000/')).toBe(true);
    expect(isHttps(new Headers({ 'x-forwarded-proto': 'HTTPS' }))).toBe(true);
    expect(isHttps(new Headers({ 'x-forwarded-proto': 'https, http' }), 'http://flint:3000/')).toBe(true);
    expect(isHttps(new Headers({ 'x-forwarded-proto': 'http' }), 'https://chat.example.com/')).toBe(false);
    expect(isHttps(new Headers({ 'x-forwarded-proto': ' http , https' }), 'https://chat.example.com/')).toBe(false);
  });

  it('falls back to the request URL without a proxy header', () => {
    expect(isHttps(new Headers(), 'https://chat.example.com/api/auth')).toBe(true);
    expect(isHttps(new Headers(), 'http://localhost:3000/api/auth')).toBe(false);
    expect(isHttps(new Headers())).toBe(false);
  });
});

describe('withSecureCookies', () => {
  it('marks every cookie Secure on an HTTPS request, keeping each cookie and its attributes', async () => {
    const response = responseSetting(
      ['flint.session_token=abc.def; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000', 'flint.session_data=xyz; Path=/; HttpOnly; SameSite=Lax'],
      { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json', 'x-extra': '1' } },
    );

    const result = withSecureCookies(request('http://flint:3000/api/auth/sign-in/email', { 'x-forwarded-proto': 'https' }), response);

    expect(result.headers.getSetCookie()).toEqual([
      'flint.session_token=abc.def; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000; Secure',
      'flint.session_data=xyz; Path=/; HttpOnly; SameSite=Lax; Secure',
    ]);
    expect(result.status).toBe(201);
    expect(result.statusText).toBe('Created');
    expect(result.headers.get('content-type')).toBe('application/json');
    expect(result.headers.get('x-extra')).toBe('1');
    expect(await result.json()).toEqual({ ok: true });
  });

  it('does not add Secure twice to a cookie that already has it', () => {
    const response = responseSetting(['a=1; Path=/; Secure; HttpOnly', 'b=2; Path=/']);

    const result = withSecureCookies(request('https://chat.example.com/api/auth/session'), response);

    expect(result.headers.getSetCookie()).toEqual(['a=1; Path=/; Secure; HttpOnly', 'b=2; Path=/; Secure']);
  });

  it('leaves cookies alone on a plain HTTP request, where a Secure cookie would be dropped by the browser', () => {
    const response = responseSetting(['flint.session_token=abc; Path=/; HttpOnly']);

    const result = withSecureCookies(request('http://localhost:3000/api/auth/sign-in/anonymous'), response);

    expect(result).toBe(response);
    expect(result.headers.getSetCookie()).toEqual(['flint.session_token=abc; Path=/; HttpOnly']);
  });

  it('returns a response that sets no cookies unchanged', () => {
    const response = new Response('hello', { headers: { 'content-type': 'text/plain' } });
    expect(withSecureCookies(request('https://chat.example.com/'), response)).toBe(response);
  });
});
