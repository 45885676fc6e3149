// `xxgk serve`: the review web pages over the store (see src/web/server.ts).
import type { Command } from 'commander';
import { EXIT } from './exitCodes';

interface ServeOpts { port: string; host: string; token?: string; writable?: boolean; baseDir?: string }

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('web pages to review the stored reports: list, report with its source, charts; Bull Board at /queues when REDIS_URL is set')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--token <token>', 'token for /queues and write actions (default: XXGK_WEB_TOKEN)')
    .option('--writable', 'let the queue board retry and remove jobs (behind the token)')
    .option('--base-dir <dir>', 'folder that relative report paths in the store are relative to (default: the current folder)')
    .addHelpText('after', '\nThe store is read-only to the server. Exit codes: 64 bad options, 69 the store cannot be opened.')
    .action(async (opts: ServeOpts) => {
      const { storeConfigFromEnv } = require('../../store') as typeof import('../../store');
      const { openReadOnlyStore } = require('../web/readOnlyStore') as typeof import('../web/readOnlyStore');
      const { startWebServer } = require('../web/server') as typeof import('../web/server');
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`xxgk serve: --port must be 0-65535, not ${opts.port}\n`);
        process.exitCode = EXIT.USAGE;
        return;
      }
      const token = opts.token ?? loadConfig().XXGK_WEB_TOKEN;
      const store = await openReadOnlyStore(storeConfigFromEnv()).catch((e: Error) => {
        process.stderr.write(`xxgk serve: cannot open the store: ${e.message}\n`);
        return null;
      });
      if (!store) { process.exitCode = EXIT.UNAVAILABLE; return; }
      const redis = loadConfig().redisConfigured;
      const server = await startWebServer({ store, host: opts.host, port, token, redis, writable: opts.writable, baseDir: opts.baseDir });
      process.stdout.write(`xxgk serve: ${server.url}/  (store ${store.kind}, read-only)\n`);
      if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) process.stderr.write(`xxgk serve: listening on ${opts.host}: reachable from other machines\n`);
      if (redis && !token) process.stderr.write('xxgk serve: REDIS_URL is set but no token: /queues is off (give --token or XXGK_WEB_TOKEN)\n');
      if (server.queues) process.stdout.write(`xxgk serve: queues at ${server.url}/queues?token=…\n`);
      const stop = async () => { await server.close(); await store.close(); process.exit(EXIT.OK); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/** the settings, loaded when the command runs (main.ts loads nothing for --help) */
const loadConfig = () => (require('../../src/model/config') as typeof import('../../src/model/config')).config();
