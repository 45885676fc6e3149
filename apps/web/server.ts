// `xxgk serve`: the review pages over the store. Read-only (the store is opened read-only and
// every non-GET request needs the token), 127.0.0.1 unless told otherwise, Bull Board at
// /queues when Redis is configured and a token is set.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReadOnlyStore } from './readOnlyStore';
import { securityHeaders, readOnlyUnlessToken, requireToken } from './security';
import { assetRoutes, pageRoutes } from './assets';
import { apiRoutes } from './apiRoutes';
import { queuesBoard, type QueuesBoard } from './queuesBoard';

export interface ServeOptions {
  store: ReadOnlyStore;
  host?: string;
  /** 0 picks a free port */
  port?: number;
  /** guards /queues and any write action */
  token?: string;
  /** mount Bull Board at /queues (needs token) */
  redis?: boolean;
  /** let the queue board retry, clean and remove jobs (still behind the token) */
  writable?: boolean;
  /** relative report paths in the store are resolved against this folder (the import's cwd) */
  baseDir?: string;
}

export interface WebServer { url: string; queues: boolean; close(): Promise<void> }

export function createWebApp(opts: ServeOptions): { app: express.Express; board?: QueuesBoard } {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders);
  app.use(readOnlyUnlessToken(opts.token));
  app.use(pageRoutes());
  app.use(assetRoutes());
  app.use(apiRoutes(opts.store.db, opts.baseDir ?? process.cwd()));
  let board: QueuesBoard | undefined;
  if (opts.redis && opts.token) {
    board = queuesBoard('/queues', !!opts.writable);
    app.use('/queues', requireToken(opts.token), board.router);
  } else {
    app.use('/queues', (_req, res) => {
      res.status(404).type('text/plain').send(opts.redis ? 'the queue board needs a token (--token or XXGK_WEB_TOKEN)' : 'no queues: REDIS_URL is not set');
    });
  }
  app.use((_req, res) => { res.status(404).type('text/plain').send('not found'); });
  // no stack traces or store paths in the response
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    const given = (err as { status?: number }).status;
    const status = given && given >= 400 && given < 600 ? given : 500;
    if (status >= 500) process.stderr.write(`xxgk serve: ${err.stack ?? err.message}\n`);
    res.status(status).type('text/plain').send(status === 404 ? 'not found' : status < 500 ? 'bad request' : 'server error');
  });
  return { app, board };
}

export async function startWebServer(opts: ServeOptions): Promise<WebServer> {
  const { app, board } = createWebApp(opts);
  const host = opts.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(opts.port ?? 8080, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    queues: !!board,
    close: async () => {
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
      await board?.close();
    },
  };
}
