// What keeps hostile report content inert and the store unwritten: a strict
// Content-Security-Policy on every response (scripts only from this server's own files, no
// inline script, no eval), no sniffing, no framing, and a token for anything that is not a read.
import { timingSafeEqual, createHash, randomBytes } from 'node:crypto';
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

/**
 * Bull Board's page sets inline styles, and its `<base href="/queues/">` is what its relative
 * script and API URLs resolve against: allowed to point at this server. Its scripts still come
 * only from its own files.
 */
const QUEUES_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
  "base-uri 'none'",
  "base-uri 'self'",
);

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
const tokenMatches = (given: string | undefined, token: string) =>
  given !== undefined && timingSafeEqual(digest(given), digest(token));

const SESSION_COOKIE = 'xxgk_session';
/** A session opened with the token lasts this long. */
const SESSION_MS = 8 * 3600_000;

const bearer = (req: Request) => {
  const auth = req.get('authorization');
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
};
const cookie = (req: Request, name: string) => {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
};

/**
 * The token in front of /queues (or, on a public address, of everything). A script sends it as
 * `Authorization: Bearer …`; a browser opens `…?token=…` once and gets a session cookie: a
 * random id that is good only on this server process, never the token itself (browsers send a
 * cookie to every port of a host), HttpOnly, SameSite=Strict, limited to the guarded path, and
 * expiring after 8 hours.
 */
export class TokenGate {
  private readonly sessions = new Map<string, number>();
  /** cookiePath: '/queues' when only the board is guarded, '/' when every page is */
  constructor(
    readonly token: string | undefined,
    readonly cookiePath: string,
  ) {}

  authorized(req: Request): boolean {
    if (!this.token) return false;
    if (tokenMatches(bearer(req), this.token)) return true;
    const id = cookie(req, SESSION_COOKIE);
    const until = id === undefined ? undefined : this.sessions.get(id);
    if (until !== undefined && until > Date.now()) return true;
    if (id !== undefined) this.sessions.delete(id);
    return false;
  }

  /** Bearer token given: a script, which sends no cookie and may send no Origin. */
  static hasBearer = (req: Request) => bearer(req) !== undefined;

  /**
   * Guards what follows with the token. `?token=…` on a GET opens a session and redirects to
   * the same address without the token, so it does not stay in the address bar or the history.
   */
  require() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (!this.token) {
        res.status(403).type('text/plain').send('no token configured: this part of the server is off');
        return;
      }
      const fromQuery = typeof req.query.token === 'string' ? req.query.token : undefined;
      if (fromQuery !== undefined && req.method === 'GET' && tokenMatches(fromQuery, this.token)) {
        const id = randomBytes(32).toString('hex');
        for (const [old, until] of this.sessions) if (until <= Date.now()) this.sessions.delete(old);
        this.sessions.set(id, Date.now() + SESSION_MS);
        res.setHeader(
          'Set-Cookie',
          `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=${this.cookiePath}; Max-Age=${SESSION_MS / 1000}`,
        );
        const url = new URL(req.originalUrl, 'http://local');
        url.searchParams.delete('token');
        res.redirect(303, url.pathname + url.search);
        return;
      }
      if (this.authorized(req)) {
        next();
        return;
      }
      res
        .status(401)
        .type('text/plain')
        .send('token required: open this address with ?token=… once (the token is in XXGK_WEB_TOKEN or --token-file)');
    };
  }

  /** Reads only, unless the token is given: every other method is refused before any route. */
  readOnlyUnlessAuthorized() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (isRead(req)) {
        next();
        return;
      }
      if (this.authorized(req)) {
        next();
        return;
      }
      res
        .status(405)
        .setHeader('Allow', 'GET, HEAD')
        .type('text/plain')
        .send('read-only: no write action without the token');
    };
  }
}

const isRead = (req: Request) => req.method === 'GET' || req.method === 'HEAD';

/**
 * DNS rebinding: a page of another site whose name is made to resolve to this machine reaches
 * the server under that name. Only the names the server was started for are answered (the
 * port is not checked: a rebinding site cannot choose its name to match ours).
 * allowed null: any name (a public address where the token guards every page).
 */
export function hostGuard(allowed: ReadonlySet<string> | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (allowed === null) {
      next();
      return;
    }
    const name = hostName(req.get('host'));
    if (name !== undefined && allowed.has(name)) {
      next();
      return;
    }
    res.status(421).type('text/plain').send('this server does not answer for that host name');
  };
}

/** `Example.org:8080` → `example.org`, `[::1]:80` → `[::1]`; undefined when malformed. */
export function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined;
  try {
    return new URL(`http://${host}/`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * A write (any method but GET and HEAD) must come from a page of this server: its Origin (sent
 * by browsers on every such request) must be this server's, and a browser's Sec-Fetch-Site
 * must say same-origin. A script without Origin must send the token as a Bearer header.
 */
export function sameOriginWrites(req: Request, res: Response, next: NextFunction): void {
  if (isRead(req)) {
    next();
    return;
  }
  const origin = req.get('origin');
  const site = req.get('sec-fetch-site');
  const own = `${req.protocol}://${req.get('host')}`;
  const ok =
    origin !== undefined ? origin === own && (site === undefined || site === 'same-origin') : TokenGate.hasBearer(req);
  if (ok) {
    next();
    return;
  }
  res.status(403).type('text/plain').send('write refused: it does not come from a page of this server');
}
