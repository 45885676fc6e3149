// `xxgk watch` on the command line (in-process): --once imports and announces on stdout, a
// second --once announces nothing, and a bad or missing sources file has its own exit code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../apps/cli/main';
import { EXIT } from '../apps/cli/exitCodes';
import { startWatchSite, type WatchSite } from './support/watchSite';

let site: WatchSite;
let dir: string;
beforeAll(async () => {
  site = await startWatchSite();
  dir = mkdtempSync(join(tmpdir(), 'xxgk-watch-cli-'));
  process.env.XXGK_DB = join(dir, 'cli.db');
});
afterAll(async () => {
  delete process.env.XXGK_DB;
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
});

async function run(...args: string[]): Promise<{ code: number | string | undefined; out: string[] }> {
  const out: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    process.exitCode = undefined;
    await main(['node', 'xxgk', 'watch', ...args]);
    return { code: process.exitCode, out };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

test('--once announces each new report on stdout, once', async () => {
  const sources = join(dir, 'sources.yaml');
  writeFileSync(
    sources,
    [
      `spool: ${join(dir, 'spool')}`,
      'sources:',
      '  - id: huaian',
      `    index: ${site.origin}/col/nb/index.html`,
      '    links: { selector: "ul.list a", pattern: "淮安市" }',
      '    pagination: { maxPages: 1 }',
      '    allowPrivate: true',
      '    fetch: { minGap: 0ms, timeout: 2s }',
    ].join('\n'),
  );
  const first = await run('--sources', sources, '--once');
  expect(first.code).toBe(EXIT.OK);
  expect(first.out).toHaveLength(1);
  expect(first.out[0]).toMatch(
    /^new report \[huaian\] 淮安市人民政府 2024 《淮安市人民政府2024年政府信息公开工作年度报告》 pdf, \d+ cells, failed rules: /,
  );

  const second = await run('--sources', sources, '--once', '--json');
  expect(second.code).toBe(EXIT.OK);
  const events = second.out.map((l) => JSON.parse(l) as { event: string; newReports?: number; listPages?: unknown });
  expect(events).toEqual([
    expect.objectContaining({ event: 'pass', newReports: 0, listPages: { fetched: 0, notModified: 1 } }),
  ]);
});

test('a bad sources file exits 64, a missing one 66', async () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'sources:\n  - id: x\n    index: not a url\n');
  expect((await run('--sources', bad, '--once')).code).toBe(EXIT.USAGE);
  expect((await run('--sources', join(dir, 'none.yaml'), '--once')).code).toBe(EXIT.NO_INPUT);
});
