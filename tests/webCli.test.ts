// `xxgk serve` as a command: the token never on the command line, no public address without
// it, a port in use as one clear message, and JSON logs on stderr.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import { spawn } from 'node:child_process';
import { openStore } from '../store';
import { assertBuilt, cli, CLI } from './queueHelpers';

jest.setTimeout(120_000);
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'xxgk-servecli-'));
  env = { XXGK_DB: join(dir, 'serve.db'), DATABASE_URL: '', REDIS_URL: '', XXGK_WEB_TOKEN: '' };
  await (await openStore({ kind: 'sqlite', location: env.XXGK_DB })).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the token is not an option, and a public address needs one', async () => {
  const argv = await cli(['serve', '--port', '0', '--token', 'visible-in-ps'], env);
  expect(argv.code).toBe(64);
  expect(argv.stderr).toMatch(/unknown option '--token'/);
  const open = await cli(['serve', '--port', '0', '--host', '0.0.0.0'], env);
  expect(open.code).toBe(64);
  expect(open.stderr).toMatch(/listening on 0\.0\.0\.0 needs a token/);
  const empty = join(dir, 'empty-token');
  writeFileSync(empty, '\n');
  expect((await cli(['serve', '--port', '0', '--token-file', empty], env)).code).toBe(64);
});

test('a port in use: exit 69 and one line that says so', async () => {
  const busy: Server = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  const port = (busy.address() as { port: number }).port;
  try {
    const r = await cli(['serve', '--port', String(port)], env);
    expect(r.code).toBe(69);
    expect(r.stderr.trim().split('\n')).toEqual([
      `xxgk serve: port ${port} on 127.0.0.1 is in use (another xxgk serve?): choose another with --port`,
    ]);
  } finally {
    busy.close();
  }
});

test('the token from a file guards /queues; logs are JSON lines', async () => {
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, 'from-a-file-7c1d\n');
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--token-file', tokenFile], {
    env: {
      ...process.env,
      ...env,
      REDIS_URL: 'redis://127.0.0.1:6379',
      XXGK_QUEUE_PREFIX: `xxgk-servecli-${process.pid}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const t = setInterval(() => {
        const m = /xxgk serve: (http:\/\/\S+)\//.exec(out);
        if (m) {
          clearInterval(t);
          resolve(m[1]);
        }
      }, 50);
      child.once('exit', (code) => {
        clearInterval(t);
        reject(new Error(`serve exited ${code}: ${err}`));
      });
    });
    expect((await fetch(`${url}/queues/`)).status).toBe(401);
    expect(
      (await fetch(`${url}/queues/api/queues`, { headers: { authorization: 'Bearer from-a-file-7c1d' } })).status,
    ).toBe(200);
    const lines = err
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; msg: string; name: string });
    expect(lines.find((l) => l.msg === 'listening')).toMatchObject({ level: 'info', name: 'serve' });
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});
