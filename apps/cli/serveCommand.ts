// `xxgk serve`: the review web pages over the store (see apps/web/server.ts). Logs are JSON
// lines on stderr (pino); the address is also printed on stdout for a person starting it.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { EXIT } from './exitCodes';
import { config } from '../../src/model/config';
import { serviceLogger } from './logger';

interface ServeOpts {
  port: string;
  host: string;
  tokenFile?: string;
  allowHost: string[];
  writable?: boolean;
  baseDir?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'web pages to review the stored reports: list, report with its source, charts; ' +
        'Bull Board at /queues when REDIS_URL is set',
    )
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option(
      '--host <addr>',
      'address to listen on; off loopback (e.g. 0.0.0.0) every page needs the token',
      '127.0.0.1',
    )
    .option(
      '--token-file <file>',
      'file holding the token for /queues and write actions (default: the XXGK_WEB_TOKEN variable)',
    )
    .option(
      '--allow-host <name>',
      'a host name the server is reached by, beyond localhost and the address it listens on (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--writable', 'let the queue board retry and remove jobs (behind the token); nothing else')
    .option(
      '--base-dir <dir>',
      'folder that relative report paths in the store are relative to (default: the current folder)',
    )
    .addHelpText(
      'after',
      [
        '',
        'The token is never an argument (`ps` would show it): set XXGK_WEB_TOKEN or give --token-file.',
        'Open /queues/?token=… once: the browser gets a session cookie for /queues (HttpOnly, SameSite=Strict).',
        'Only requests naming an allowed host are answered (DNS rebinding); writes must come from the',
        "server's own pages (Origin checked) or carry `Authorization: Bearer <token>`.",
        'The store is read-only to the server. Exit codes: 64 bad options or no token off loopback,',
        '69 the store cannot be opened or the port is in use.',
      ].join('\n'),
    )
    .action(async (opts: ServeOpts) => {
      const { storeConfigFromEnv } = require('../../store') as typeof import('../../store');
      const { openReadOnlyStore } = require('../web/readOnlyStore') as typeof import('../web/readOnlyStore');
      const { startWebServer, isLoopback, PortInUseError } = require('../web/server') as typeof import('../web/server');
      const fail = (code: number, message: string) => {
        process.stderr.write(`xxgk serve: ${message}\n`);
        process.exitCode = code;
      };
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        return fail(EXIT.USAGE, `--port must be 0-65535, not ${opts.port}`);
      let token: string | undefined;
      try {
        token = opts.tokenFile ? readFileSync(opts.tokenFile, 'utf8').trim() : config().XXGK_WEB_TOKEN;
      } catch (e) {
        return fail(EXIT.USAGE, `cannot read --token-file: ${(e as Error).message}`);
      }
      if (opts.tokenFile && !token) return fail(EXIT.USAGE, `--token-file ${opts.tokenFile} is empty`);
      if (!isLoopback(opts.host) && !token)
        return fail(
          EXIT.USAGE,
          `listening on ${opts.host} needs a token (XXGK_WEB_TOKEN or --token-file): every page then asks for it`,
        );
      const log = serviceLogger('serve');
      const store = await openReadOnlyStore(storeConfigFromEnv()).catch((e: Error) => {
        fail(EXIT.UNAVAILABLE, `cannot open the store: ${e.message}`);
        return null;
      });
      if (!store) return;
      const redis = config().redisConfigured;
      let server: Awaited<ReturnType<typeof startWebServer>>;
      try {
        server = await startWebServer({
          store,
          host: opts.host,
          port,
          token,
          redis,
          writable: opts.writable,
          baseDir: opts.baseDir,
          allowedHosts: opts.allowHost,
          logError: (err) => log.error({ err: err.message, stack: err.stack }, 'request failed'),
        });
      } catch (e) {
        await store.close();
        return fail(e instanceof PortInUseError ? EXIT.UNAVAILABLE : EXIT.SOFTWARE, (e as Error).message);
      }
      process.stdout.write(`xxgk serve: ${server.url}/  (store ${store.kind}, read-only)\n`);
      log.info(
        { url: server.url, store: store.kind, queues: server.queues, tokenEverywhere: !isLoopback(opts.host) },
        'listening',
      );
      if (!isLoopback(opts.host))
        log.warn(
          { host: opts.host },
          'listening off loopback: reachable from other machines; every page needs the token',
        );
      if (redis && !token)
        log.warn('REDIS_URL is set but no token: /queues is off (set XXGK_WEB_TOKEN or give --token-file)');
      if (server.queues) process.stdout.write(`xxgk serve: queues at ${server.url}/queues/?token=…\n`);
      const stop = async () => {
        await server.close();
        await store.close();
        log.info('stopped');
        process.exit(EXIT.OK);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
