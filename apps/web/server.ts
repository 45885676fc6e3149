// `xxgk serve`: the review pages over the store. Read-only (the store is opened read-only and
// every non-GET request needs the token), 127.0.0.1 unless told otherwise, Bull Board at
// /queues when Redis is configured and a token is set.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReadOnlyStore } from './readOnlyStore';
import { securityHeaders, TokenGate, hostGuard, hostName, sameOriginWrites } from './security';
import { assetRoutes, pageRoutes } from './assets';
import { apiRoutes } from './apiRoutes';
import { queuesBoard, type QueuesBoard } from './queuesBoard';
import { sourceExcerpts, type SourceExcerpts } from './sourceExcerpt';
import type { PoolOptions } from '../../pipeline/local/parsePool';

export interface ServeOptions {
  store: ReadOnlyStore;
  host?: string;
  /** 0 picks a free port */
  port?: number;
  /** guards /queues and any write action; on a public address, every page */
  token?: string;
  /** mount Bull Board at /queues (needs token) */
  redis?: boolean;
  /** let the queue board retry and remove jobs (still behind the token) */
  writable?: boolean;
  /** relative report paths in the store are resolved against this folder (the import's cwd) */
  baseDir?: string;
  /** more host names to answer for (a name the machine is reached by); see allowedHostNames */
  allowedHosts?: string[];
  /** where server errors are logged (default: stderr) */
  logError?: (err: Error) => void;
  /** the parse thread of the source view (tests shorten its time limit) */
  sourcePool?: PoolOptions;
}

export class PortInUseError extends Error {}

export interface WebServer {
  url: string;
  queues: boolean;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

/** True when the server listens only where this machine's own processes can reach it. */
export const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\./.test(host);

/**
 * The host names the server answers for: on loopback, localhost and the loopback addresses;
 * on one address, that address; on every address (0.0.0.0), only the names given, or any name
 * when none are (the token then guards every page, so a rebinding page gains nothing).
 */
function allowedHostNames(host: string, extra: string[] = []): Set<string> | null {
  const names = new Set(extra.map((h) => hostName(h) ?? h.toLowerCase()));
  if (isLoopback(host)) for (const n of ['localhost', '127.0.0.1', '[::1]']) names.add(n);
  else if (!WILDCARD.has(host))
    names.add(hostName(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host) ?? host);
  else if (names.size === 0) return null;
  if (isLoopback(host) && /^127\./.test(host)) names.add(host);
  return names;
}

export function createWebApp(opts: ServeOptions): {
  app: express.Express;
  board?: QueuesBoard;
  excerpts: SourceExcerpts;
} {
  const host = opts.host ?? '127.0.0.1';
  // off loopback, every page needs the token: the reports and the local paths are not public
  const everywhere = !isLoopback(host);
  if (everywhere && !opts.token)
    throw new Error(`listening on ${host} needs a token (XXGK_WEB_TOKEN or --token-file): every page then asks for it`);
  const gate = new TokenGate(opts.token, everywhere ? '/' : '/queues');
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(hostGuard(allowedHostNames(host, opts.allowedHosts)));
  app.use(securityHeaders);
  app.use(gate.readOnlyUnlessAuthorized());
  app.use(sameOriginWrites);
  if (everywhere) app.use(gate.require());
  app.use(pageRoutes());
  app.use(assetRoutes());
  const excerpts = sourceExcerpts(opts.sourcePool);
  app.use(apiRoutes(opts.store.db, opts.baseDir ?? process.cwd(), excerpts));
  let board: QueuesBoard | undefined;
  if (opts.redis && opts.token) {
    board = queuesBoard('/queues', !!opts.writable);
    // the board's page resolves its files against /queues/: never serve it at /queues
    app.use(
      '/queues',
      (req, res, next) => {
        if (req.method === 'GET' && req.originalUrl.split('?')[0] === '/queues') {
          const query = req.originalUrl.slice('/queues'.length);
          res.redirect(301, `/queues/${query}`);
          return;
        }
        next();
      },
      gate.require(),
      board.router,
    );
  } else {
    app.use('/queues', (_req, res) => {
      res
        .status(404)
        .type('text/plain')
        .send(
          opts.redis
            ? 'the queue board needs a token (XXGK_WEB_TOKEN or --token-file)'
            : 'no queues: REDIS_URL is not set',
        );
    });
  }
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found');
  });
  // no stack traces or store paths in the response
  const logError = opts.logError ?? ((err: Error) => process.stderr.write(`xxgk serve: ${err.stack ?? err.message}\n`));
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    const given = (err as { status?: number }).status;
    const status = given && given >= 400 && given < 600 ? given : 500;
    if (status >= 500) logError(err);
    res
      .status(status)
      .type('text/plain')
      .send(status === 404 ? 'not found' : status < 500 ? 'bad request' : 'server error');
  });
  return { app, board, excerpts };
}

export async function startWebServer(opts: ServeOptions): Promise<WebServer> {
  const { app, board, excerpts } = createWebApp(opts);
  const host = opts.host ?? '127.0.0.1';
  const server: Server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 8080, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  }).catch(async (e: NodeJS.ErrnoException) => {
    await board?.close();
    if (e.code === 'EADDRINUSE')
      throw new PortInUseError(
        `port ${opts.port} on ${host} is in use (another xxgk serve?): choose another with --port`,
      );
    throw e;
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    queues: !!board,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await board?.close();
      await excerpts.close();
    },
  };
}
