// import / report / export end to end on SQLite with the compiled CLI, and the compose file:
// valid YAML whose every command exists here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseReport, sha256 } from '../pipeline/parseReport';
import { checkStage } from '../pipeline/stages';
import { assertBuilt, makeCopies, cli, ROOT } from './queueHelpers';
import { LONG_COLUMNS } from '../apps/export/columns';

jest.setTimeout(300_000);
let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'xxgk-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('import twice stores once; report and export show what the pipeline gives', async () => {
  const env = { XXGK_DB: join(dir, 'e2e.db'), DATABASE_URL: '' };
  const files = makeCopies(join(dir, 'in'), 12, 'e2e');
  copyFileSync(files[0], join(dir, 'in', 'same-bytes-other-name.md'));
  writeFileSync(join(dir, 'in', 'empty.txt'), '');
  const all = [...files, join(dir, 'in', 'same-bytes-other-name.md'), join(dir, 'in', 'empty.txt')];
  const records = await Promise.all(all.map(async (f) => checkStage(await parseReport(readFileSync(f), { path: f }))));
  const distinctStored = new Set(records.filter((r) => r.verdict !== 'transient').map((r) => r.record.source.sha256));
  const wantCells = [
    ...new Map(
      records.filter((r) => r.verdict !== 'transient').map((r) => [r.record.source.sha256, r.record.cells.length]),
    ).values(),
  ].reduce((a, b) => a + b, 0);
  const wantFlags = [
    ...new Map(
      records.filter((r) => r.verdict !== 'transient').map((r) => [r.record.source.sha256, r.record.flags]),
    ).values(),
  ].flat();

  const first = await cli(['import', '--json', '-c', '2', join(dir, 'in')], env);
  expect(first.code).toBe(1); // the empty file
  const s1 = JSON.parse(first.stdout);
  expect(s1).toMatchObject({ files: all.length, done: all.length, alreadyStored: 0, duplicates: 1 });
  expect(s1.failed.EMPTY_FILE).toBe(1);
  const second = await cli(['import', '--json', join(dir, 'in', '*.txt'), join(dir, 'in', '*.html')], env);
  const s2 = JSON.parse(second.stdout);
  expect(s2.new).toBe(0);
  // the globs take every file but the .md copy; a file stored with an error code (the empty
  // one, at least) fails again, it is not "already stored"
  const globbed = records.filter((r) => /\.(txt|html)$/.test(r.record.source.path) && r.verdict !== 'transient');
  const failedAgain: Record<string, number> = {};
  for (const r of globbed)
    if (r.record.error) failedAgain[r.record.error.code] = (failedAgain[r.record.error.code] ?? 0) + 1;
  expect(failedAgain.EMPTY_FILE).toBe(1);
  expect(s2.failed).toEqual(failedAgain);
  expect(s2.alreadyStored).toBe(globbed.filter((r) => !r.record.error).length);

  const report = await cli(['report', '--json'], env);
  expect(report.code).toBe(0);
  const rep = JSON.parse(report.stdout);
  // the files are reports of different agencies and years, so each parsed one is a report; the empty file is a failure,
  // not a report
  expect(rep.totals.reports + rep.totals.failedFiles).toBe(distinctStored.size);
  expect(rep.totals.failedFiles).toBe(1);
  expect(rep.failures.map((f: { errorCode: string }) => f.errorCode)).toEqual(['EMPTY_FILE']);
  expect(rep.totals.errors.EMPTY_FILE).toBe(1);
  const flagTotal = rep.rules.reduce((n: number, r: { failures: number }) => n + r.failures, 0);
  expect(flagTotal).toBe(wantFlags.length);
  const dup = rep.reports.find((r: { sha256: string }) => r.sha256 === sha256(readFileSync(files[0])));
  expect(dup.sources).toHaveLength(2);
  const text = await cli(['report'], env);
  expect(text.stdout).toContain('== totals');
  for (const f of wantFlags) expect(text.stdout).toContain(f.message); // both sides of each equation

  const out = join(dir, 'cells.csv');
  expect((await cli(['export', '--format', 'csv', '--out', out], env)).code).toBe(0);
  const csv = readFileSync(out, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.split('\r\n')[0]).toBe('\uFEFF' + LONG_COLUMNS.map((c) => c.name).join(','));
  // rows (raw may hold line breaks only quoted)
  expect(csv.trimEnd().split('\r\n').length - 1).toBeGreaterThanOrEqual(wantCells);
  expect(existsSync(join(dir, 'cells.reports.csv'))).toBe(true);
  const jl = join(dir, 'cells.jsonl');
  expect((await cli(['export', '--format', 'jsonl', '--out', jl], env)).code).toBe(0);
  const rows = readFileSync(jl, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  expect(rows.length).toBe(wantCells);
  const reps = readFileSync(join(dir, 'cells.reports.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(reps.length).toBe(distinctStored.size - 1);
  expect(
    readFileSync(join(dir, 'cells.failures.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).error_code),
  ).toEqual(['EMPTY_FILE']);
  expect(reps.reduce((n: number, r: { flags: unknown[] }) => n + r.flags.length, 0)).toBe(wantFlags.length);

  expect((await cli(['export', '--format', 'xml', '--out', jl], env)).code).toBe(64);
  expect((await cli(['import', join(dir, 'nothing-here')], env)).code).toBe(66);
});

test('every command has --help', async () => {
  for (const c of ['import', 'report', 'export', 'worker', 'status', 'failed', 'retry']) {
    const r = await cli([c, '--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`xxgk ${c}`);
  }
});

test('docker-compose.yml is valid and every command it runs exists here', async () => {
  const compose = parseYaml(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'));
  expect(Object.keys(compose.services).sort()).toEqual(['import', 'postgres', 'redis', 'review', 'worker']);
  expect(compose.services.redis.command.join(' ')).toMatch(/--appendonly yes.*--maxmemory-policy noeviction/);
  expect(compose.services.worker.deploy?.replicas ?? 1).toBeGreaterThanOrEqual(1);
  expect(compose.services.worker.container_name).toBeUndefined(); // --scale needs unnamed containers
  expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
  for (const name of ['worker', 'import', 'review']) {
    const [bin, script, ...args] = compose.services[name].command as string[];
    expect(bin).toBe('node');
    expect(script).toBe('bin/xxgk.js');
    const help = await cli([args[0], '--help'], {});
    expect(help.code).toBe(0);
    // every option the service passes is one the command has
    for (const option of args.filter((a) => a.startsWith('--'))) expect(help.stdout).toContain(option);
  }
  // one Bull Board: the review server's, behind a token read from a secret file, never an argument
  const review = compose.services.review;
  expect(review.command).toEqual(expect.arrayContaining(['serve', '--token-file']));
  expect(review.command.join(' ')).not.toMatch(/--token(?!-file)/);
  const secretPath = review.command[review.command.indexOf('--token-file') + 1];
  expect(secretPath).toBe(`/run/secrets/${review.secrets[0]}`);
  expect(compose.secrets[review.secrets[0]].file).toBeTruthy();
  expect(review.ports).toEqual(['127.0.0.1:8080:8080']);
  expect(existsSync(join(ROOT, 'queues/dashboard.ts'))).toBe(false);
});

test('queue commands give up on an unreachable Redis with exit code 69 and a message', async () => {
  const env = {
    REDIS_URL: 'redis://127.0.0.1:1',
    XXGK_SERVICE_TIMEOUT_MS: '2000',
    XXGK_DB: join(dir, 'unreachable.db'),
    DATABASE_URL: '',
  };
  for (const args of [['status', '--json'], ['failed'], ['retry', '--all']]) {
    const r = await cli(args, env);
    expect(r.code).toBe(69);
    expect(r.stderr).toContain('no answer from Redis or the store');
  }
});
