// What keeps hostile report content inert and the store unwritten: a strict
// Content-Security-Policy on every response (scripts only from this server's own files, no
// inline script, no eval), no sniffing, no framing, and a token for anything that is not a read.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** pdf.js compiles its image decoders to WebAssembly ('wasm-unsafe-eval' allows that, not JS eval). */
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Bull Board's page sets inline styles; its scripts still come only from its own files. */
export const QUEUES_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', req.path.startsWith('/queues') ? QUEUES_CSP : CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  next();
}

const digest = (s: string) => createHash('sha256').update(s).digest();
/** Constant-time comparison (of digests, so lengths need not match). */
export const tokenMatches = (given: string | undefined, token: string) => given !== undefined && timingSafeEqual(digest(given), digest(token));

export const TOKEN_COOKIE = 'xxgk_token';

/** The token from `Authorization: Bearer …` or the cookie set by `?token=`. */
export function givenToken(req: Request): string | undefined {
  const auth = req.get('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = req.get('cookie') ?? '';
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * Guards a path with the token. `?token=…` once sets an HttpOnly, SameSite=Strict cookie and
 * redirects to the same path without it, so the token does not stay in the address bar.
 */
export function requireToken(token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!token) { res.status(403).type('text/plain').send('no token configured: this part of the server is off'); return; }
    const fromQuery = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (fromQuery !== undefined && req.method === 'GET' && tokenMatches(fromQuery, token)) {
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
      const url = new URL(req.originalUrl, 'http://local');
      url.searchParams.delete('token');
      res.redirect(303, url.pathname + url.search);
      return;
    }
    if (tokenMatches(givenToken(req), token)) { next(); return; }
    res.status(401).type('text/plain').send('token required');
  };
}

/** Reads only, unless the token is given: every other method is refused before any route. */
export function readOnlyUnlessToken(token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') { next(); return; }
    if (token && tokenMatches(givenToken(req), token)) { next(); return; }
    res.status(405).setHeader('Allow', 'GET, HEAD').type('text/plain').send('read-only: no write action without the token');
  };
}
