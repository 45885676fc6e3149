// The ingest job hands each file's URL on: to the parse job of a file it reads, to the ingest job
// of its own that a file it cannot read gets, and from a single-file ingest job to its parse job.
// The processor runs here against the machine's Redis (own key prefix) and PostgreSQL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { openQueues, type IngestData, type Queues } from '../queues/queues';
import { ingestProcessor } from '../queues/ingestProcessor';
import { sha256 } from '../pipeline/parseReport';
import { openStore, type Store } from '../store';
import { tempPostgres, type TempStore } from './storeHelpers';

jest.setTimeout(60_000);

const prefix = `xxgktest${randomBytes(4).toString('hex')}`;
const saved = process.env.XXGK_QUEUE_PREFIX;
let temp: TempStore;
let store: Store;
let queues: Queues;
let dir: string;

beforeAll(async () => {
  process.env.XXGK_QUEUE_PREFIX = prefix;
  temp = await tempPostgres();
  store = await openStore(temp.config);
  queues = openQueues();
  dir = mkdtempSync(join(tmpdir(), 'xxgk-ingest-urls-'));
});
afterAll(async () => {
  await queues?.ingest.obliterate({ force: true }).catch(() => {});
  await queues?.parse.obliterate({ force: true }).catch(() => {});
  await queues?.close();
  await store?.close();
  await temp?.drop();
  rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.XXGK_QUEUE_PREFIX;
  else process.env.XXGK_QUEUE_PREFIX = saved;
});

const job = (id: string, data: IngestData) => ({ id, data }) as unknown as Job<IngestData>;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, `${text} ${prefix}\n`);
  return path;
};

test(
  "a batch: each read file's parse job has its URL, the same bytes under two paths take the first URL any has, " +
    "an unreadable file's own ingest job keeps its URL",
  async () => {
    const a = file('a.txt', 'report a');
    const copy = file('a-copy.txt', 'report a');
    const b = file('b.txt', 'report b');
    const gone = join(dir, 'gone.txt');
    const urls = { [copy]: 'https://example.gov.cn/a.html', [gone]: 'https://example.gov.cn/gone.html' };
    const run = ingestProcessor(store, queues);
    const result = await run(job('9', { paths: [a, copy, b, gone], urls, run: 'r1' }));
    expect('files' in result && result.files.map((f) => f.outcome)).toEqual([
      'queued',
      'queued',
      'queued',
      'handedOver',
    ]);

    const parseA = await queues.parse.getJob(sha256(Buffer.from(`report a ${prefix}\n`)));
    expect(parseA?.data).toEqual({ path: a, sha256: parseA?.id, url: urls[copy], run: 'r1' });
    const parseB = await queues.parse.getJob(sha256(Buffer.from(`report b ${prefix}\n`)));
    expect(parseB?.data.url).toBeUndefined();
    const handed = await queues.ingest.getJob('9-3');
    expect(handed?.data).toEqual({ path: gone, url: urls[gone], run: 'r1' });

    // the handed-over file turns up: its single-file ingest job gives its parse job the URL
    writeFileSync(gone, `report gone ${prefix}\n`);
    await run(job('9-3', handed!.data));
    const parseGone = await queues.parse.getJob(sha256(Buffer.from(`report gone ${prefix}\n`)));
    expect(parseGone?.data).toMatchObject({ path: gone, url: urls[gone], run: 'r1' });
  },
);
