// Errors travel through the queue as data: what a processor throws as {code, message} is what
// `failed` lists and what `import --queue` counts, whatever the message says; BullMQ's own text
// (a foreign error) is INTERNAL. Against the machine's Redis, under an own key prefix.
import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { Queue, Worker, QueueEvents } from 'bullmq';
import { FinalJobError, RetriedJobError, jobErrorOf } from '../queues/jobError';
import { listFailed } from '../queues/failedJobs';
import { QUEUE } from '../queues/config';

jest.setTimeout(60_000);

const REDIS = 'redis://127.0.0.1:6379';
const prefix = `xxgktest${randomBytes(4).toString('hex')}`;
const saved = process.env.XXGK_QUEUE_PREFIX;
const connections: IORedis[] = [];
const connection = () => {
  const c = new IORedis(REDIS, { maxRetriesPerRequest: null });
  connections.push(c);
  return c;
};

beforeAll(() => {
  process.env.XXGK_QUEUE_PREFIX = prefix;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.XXGK_QUEUE_PREFIX;
  else process.env.XXGK_QUEUE_PREFIX = saved;
  const r = connection();
  const keys = await r.keys(`${prefix}:*`);
  if (keys.length) await r.del(...keys);
  await Promise.all(connections.map((c) => c.quit()));
});

test('jobErrorOf reads back exactly what was thrown, and nothing from text that only looks like a code', () => {
  const error = {
    code: 'CORRUPT_FILE',
    message: 'TIMEOUT: a message that starts like another code\nand has two lines',
  };
  expect(jobErrorOf(new FinalJobError(error).message)).toEqual(error);
  expect(jobErrorOf(new RetriedJobError(error).message)).toEqual(error);
  expect(jobErrorOf('TOO_LARGE: job stalled more than allowable limit')).toEqual({
    code: 'INTERNAL',
    message: 'TOO_LARGE: job stalled more than allowable limit',
  });
  expect(jobErrorOf('{"code": 1}')).toEqual({ code: 'INTERNAL', message: '{"code": 1}' });
  expect(jobErrorOf(undefined)).toEqual({ code: 'INTERNAL', message: '' });
});

test(
  'through BullMQ: a FinalJobError fails at once, a RetriedJobError is retried, a foreign error is INTERNAL; ' +
    '`failed` lists each code and message',
  async () => {
    const queue = new Queue(QUEUE.parse, { connection: connection(), prefix });
    const events = new QueueEvents(QUEUE.parse, { connection: connection(), prefix });
    await events.waitUntilReady();
    const thrown: Record<string, Error> = {
      final: new FinalJobError({ code: 'CORRUPT_FILE', message: 'the file is damaged: xref: missing' }),
      retried: new RetriedJobError({ code: 'READ_FAILED', message: 'cannot read /x: EIO' }),
      foreign: new Error('TIMEOUT: a message of somebody else'),
    };
    const worker = new Worker(
      QUEUE.parse,
      async (job) => {
        throw thrown[job.name];
      },
      { connection: connection(), prefix },
    );
    const reasons = new Map<string, string>();
    const allFailed = new Promise<void>((resolve) => {
      events.on('failed', ({ jobId, failedReason }) => {
        reasons.set(jobId, failedReason);
        if (reasons.size === 3) resolve();
      });
    });
    try {
      for (const name of Object.keys(thrown)) {
        await queue.add(
          name,
          { path: `/reports/${name}.pdf`, sha256: name },
          { jobId: name, attempts: 2, backoff: { type: 'fixed', delay: 50 } },
        );
      }
      await allFailed;
    } finally {
      await worker.close();
    }
    // what the `failed` event hands `import --queue`
    expect(jobErrorOf(reasons.get('final'))).toEqual({
      code: 'CORRUPT_FILE',
      message: 'the file is damaged: xref: missing',
    });
    expect(jobErrorOf(reasons.get('retried'))).toEqual({ code: 'READ_FAILED', message: 'cannot read /x: EIO' });
    expect(jobErrorOf(reasons.get('foreign'))).toEqual({
      code: 'INTERNAL',
      message: 'TIMEOUT: a message of somebody else',
    });
    // what `xxgk failed` lists
    const listed = new Map((await listFailed()).map((j) => [j.id, j]));
    expect(listed.get('final')).toMatchObject({
      queue: 'parse',
      path: '/reports/final.pdf',
      code: 'CORRUPT_FILE',
      message: 'the file is damaged: xref: missing',
      attempts: 1,
    });
    expect(listed.get('retried')).toMatchObject({ code: 'READ_FAILED', message: 'cannot read /x: EIO', attempts: 2 });
    expect(listed.get('foreign')).toMatchObject({
      code: 'INTERNAL',
      message: 'TIMEOUT: a message of somebody else',
      attempts: 2,
    });
    await events.close();
    await queue.close();
  },
);
