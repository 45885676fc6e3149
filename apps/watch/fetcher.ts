// One polite HTTP GET: allowed hosts only (checked on every redirect hop), no private
// addresses unless allowed (checked on the resolved address), conditional GET with the
// validators remembered from last time, a time limit per hop, a size cap while streaming,
// a redirect limit, and the per-host limiter around each request.
import { Agent, request } from 'undici';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress } from './addressPolicy';
import type { HostLimiter } from './hostLimiter';

export interface FetchPolicy {
  allowedHosts: string[];
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  concurrency: number;
  minGapMs: number;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchFailure =
  | 'HTTP_STATUS'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'HOST_NOT_ALLOWED'
  | 'PRIVATE_ADDRESS'
  | 'TOO_MANY_REDIRECTS'
  | 'BAD_URL'
  | 'NETWORK';

export type FetchResult =
  | {
      status: 200;
      url: string;
      finalUrl: string;
      body: Buffer;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      fetchedAt: string;
    }
  | { status: 304; url: string; finalUrl: string; fetchedAt: string }
  | { status: 'failed'; url: string; code: FetchFailure; httpStatus?: number; message: string };

type Hop =
  | { location: string }
  | { result: Exclude<FetchResult, { status: 'failed' }> }
  | { failed: Extract<FetchResult, { status: 'failed' }> };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function hostAllowed(hostname: string, allowed: string[]): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return allowed.some((a) => (a.startsWith('*.') ? h.endsWith(a.slice(1)) : h === a.replace(/^\[|\]$/g, '')));
}

export class Fetcher {
  private agents = new Map<boolean, Agent>();
  constructor(private limiter: HostLimiter) {}

  private agent(allowPrivate: boolean): Agent {
    let a = this.agents.get(allowPrivate);
    if (!a)
      this.agents.set(
        allowPrivate,
        (a = new Agent({ connect: { lookup: guardedLookup(allowPrivate) } as object, connections: 8 })),
      );
    return a;
  }

  async get(url: string, policy: FetchPolicy, validators: Validators = {}): Promise<FetchResult> {
    let current = url;
    for (let hop = 0; hop <= policy.maxRedirects; hop++) {
      let target: URL;
      try {
        target = new URL(current);
      } catch {
        return fail(url, 'BAD_URL', `not a URL: ${current}`);
      }
      if (!/^https?:$/.test(target.protocol)) return fail(url, 'BAD_URL', `not http(s): ${current}`);
      if (!hostAllowed(target.hostname, policy.allowedHosts))
        return fail(url, 'HOST_NOT_ALLOWED', `${target.hostname} is not an allowed host (${current})`);
      // an IP literal skips DNS (and so the guarded lookup): check it here
      const literal = target.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal) && !policy.allowPrivate && isPrivateAddress(literal))
        return fail(url, 'PRIVATE_ADDRESS', `${literal} is a private or loopback address`);

      const hop_ = await this.limiter.run(target.host, policy, () => this.once(target, policy, validators));
      if ('failed' in hop_) return { ...hop_.failed, url };
      if ('result' in hop_) return { ...hop_.result, url };
      current = new URL(hop_.location, target).href;
    }
    return fail(url, 'TOO_MANY_REDIRECTS', `more than ${policy.maxRedirects} redirects from ${url}`);
  }

  /** One request; a redirect is returned as its Location, for the caller to check and follow. */
  private async once(target: URL, policy: FetchPolicy, validators: Validators): Promise<Hop> {
    const headers: Record<string, string> = { 'user-agent': policy.userAgent, accept: '*/*' };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    const signal = AbortSignal.timeout(policy.timeoutMs);
    const fetchedAt = new Date().toISOString();
    try {
      const res = await request(target, {
        method: 'GET',
        headers,
        signal,
        dispatcher: this.agent(policy.allowPrivate),
        headersTimeout: policy.timeoutMs,
        bodyTimeout: policy.timeoutMs,
      });
      const header = (name: string) => {
        const v = res.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      if (REDIRECTS.has(res.statusCode) && header('location')) {
        await res.body.dump();
        return { location: header('location')! };
      }
      if (res.statusCode === 304) {
        await res.body.dump();
        return { result: { status: 304 as const, url: target.href, finalUrl: target.href, fetchedAt } };
      }
      if (res.statusCode < 200 || res.statusCode > 299) {
        await res.body.dump();
        return {
          failed: {
            status: 'failed' as const,
            url: target.href,
            code: 'HTTP_STATUS' as const,
            httpStatus: res.statusCode,
            message: `HTTP ${res.statusCode} for ${target.href}`,
          },
        };
      }
      const declared = Number(header('content-length'));
      if (declared > policy.maxBytes) {
        res.body.destroy();
        return { failed: tooLarge(target, policy) };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > policy.maxBytes) {
          res.body.destroy();
          return { failed: tooLarge(target, policy) };
        }
        chunks.push(chunk as Buffer);
      }
      return {
        result: {
          status: 200 as const,
          url: target.href,
          finalUrl: target.href,
          body: Buffer.concat(chunks),
          fetchedAt,
          contentType: header('content-type'),
          etag: header('etag'),
          lastModified: header('last-modified'),
        },
      };
    } catch (e) {
      const err = e as Error & { code?: string; cause?: Error & { code?: string } };
      const code: FetchFailure =
        err.name === 'TimeoutError' || err.name === 'AbortError' || /TIMEOUT/.test(err.code ?? '')
          ? 'TIMEOUT'
          : err.code === 'PRIVATE_ADDRESS' || err.cause?.code === 'PRIVATE_ADDRESS'
            ? 'PRIVATE_ADDRESS'
            : 'NETWORK';
      const message =
        code === 'TIMEOUT'
          ? `no complete answer within ${policy.timeoutMs} ms from ${target.href}`
          : `${target.href}: ${err.message}`;
      return { failed: { status: 'failed' as const, url: target.href, code, message } };
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((a) => a.close()));
  }
}

const fail = (url: string, code: FetchFailure, message: string): FetchResult => ({
  status: 'failed',
  url,
  code,
  message,
});
const tooLarge = (target: URL, policy: FetchPolicy) => ({
  status: 'failed' as const,
  url: target.href,
  code: 'TOO_LARGE' as const,
  message: `${target.href} is larger than ${policy.maxBytes} bytes`,
});
