// Bad input gives a record with a clear error code and message, never a crash, and the rest
// of a batch completes (through the real CLI).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReport } from '../pipeline/parseReport';

const root = join(__dirname, '..');
const sample = join(root, 'samples', 'text', '2021-changguo-1.txt');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-bad-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function garbage(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  return b;
}

test('a batch with bad files: each gets its code, the good ones parse, exit code 1', () => {
  const files = {
    'empty.txt': Buffer.alloc(0),
    'garbage.bin': garbage(64 * 1024),
    'huge.txt': Buffer.alloc(50 * 1024 * 1024, '政府信息公开\n'),
    'news.html': Buffer.from(
      '<html><head><meta charset="utf-8"><title>天气预报</title></head><body><div class="nav">首页</div>' +
        '<p>明天多云转晴，气温十五到二十度。</p><p>后天有小雨，请注意出行安全。</p></body></html>',
    ),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  copyFileSync(sample, join(dir, 'report-with-wrong-extension.pdf'));
  const args = [
    'empty.txt',
    'garbage.bin',
    'huge.txt',
    'news.html',
    'missing.txt',
    'report-with-wrong-extension.pdf',
  ].map((f) => join(dir, f));
  const run = spawnSync(process.execPath, [join(root, 'bin', 'xxgk.js'), 'parse', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const records = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(records.map((r) => r.error?.code ?? null)).toEqual([
    'EMPTY_FILE',
    'BINARY_GARBAGE',
    'TOO_LARGE',
    'NOT_A_REPORT',
    'READ_FAILED',
    null,
  ]);
  for (const r of records.slice(0, 5)) expect(r.error.message.length).toBeGreaterThan(10);
  expect(records[5].source.format).toBe('text');
  expect(records[5].cells).toHaveLength(200);
  expect(run.status).toBe(1);
});

test('parseReport never throws, whatever the bytes', async () => {
  for (const n of [1, 7, 512, 4096]) {
    const r = await parseReport(garbage(n), { path: `g${n}` });
    expect(r.error).not.toBeNull();
    expect(r.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  }
});
