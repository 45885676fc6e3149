// The record writer (pipeline/stages/recordWriter.ts) on SQLite and PostgreSQL: records saved
// at the same time are stored, each save() resolves only once its record can be read back, a
// record the store refuses fails alone while the rest of its batch is stored, and close()
// stores what still waits.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parseReport } from '../pipeline/parseReport';
import { createRecordWriter, type Checked } from '../pipeline/stages';
import type { ReportRecord } from '../src/model/record';
import { openStore, loadRecord, storedOutcomes, type Store } from '../store';
import { PARSER_VERSION } from '../src/model/version';
import { EACH_STORE, type TempStore } from './storeHelpers';
import { corpusFile } from './support/fixtures';

const PATH = corpusFile('2019-shanghai-bgt-1.html');

let parsed: ReportRecord;
beforeAll(async () => {
  parsed = await parseReport(readFileSync(PATH), { path: PATH });
  expect(parsed.error).toBeNull();
  expect(parsed.cells.length).toBeGreaterThan(0);
});

/** the parsed record under a hash of its own */
function recordNo(i: number, tag = 'writer'): ReportRecord {
  return {
    ...parsed,
    source: { ...parsed.source, sha256: createHash('sha256').update(`${tag}:${i}`).digest('hex'), path: `w/${i}` },
  };
}
const ok = (record: ReportRecord): Checked => ({ record, verdict: 'ok' });
const asStored = (r: ReportRecord) => JSON.parse(JSON.stringify(r)) as unknown;

describe.each(EACH_STORE)('record writer on %s', (_kind, make) => {
  let temp: TempStore;
  let store: Store;
  beforeAll(async () => {
    temp = await make();
    store = await openStore(temp.config);
  });
  afterAll(async () => {
    await store?.close();
    await temp?.drop();
  });

  test('records saved at once are all stored, and each is readable when its save resolves', async () => {
    const writer = createRecordWriter(store, { size: 4, delayMs: 5 });
    const recs = Array.from({ length: 11 }, (_, i) => recordNo(i));
    const readBack = await Promise.all(
      recs.map(async (r) => {
        const outcome = await writer.save(ok(r));
        return { outcome, stored: await loadRecord(store.db, r.source.sha256) };
      }),
    );
    await writer.close();
    readBack.forEach(({ outcome, stored }, i) => {
      expect(outcome).toBe('inserted');
      expect(stored).toEqual(asStored(recs[i]));
    });
  });

  test('the same hash twice among waiting records: stored once, the second is unchanged', async () => {
    const writer = createRecordWriter(store, { size: 10, delayMs: 5 });
    const r = recordNo(0, 'twice');
    expect(
      await Promise.all([writer.save(ok(r)), writer.save(ok({ ...r, source: { ...r.source, path: 'w/b' } }))]),
    ).toEqual(['inserted', 'unchanged']);
    await writer.close();
  });

  test('a record the store refuses fails alone: the others of its batch are stored', async () => {
    const writer = createRecordWriter(store, { size: 5, delayMs: 1000 });
    const recs = Array.from({ length: 5 }, (_, i) => recordNo(i, 'bad'));
    const bad = { ...recs[2], source: { ...recs[2].source, sha256: 'not-a-hash' } };
    const settled = await Promise.allSettled(
      [...recs.slice(0, 2), bad, ...recs.slice(3)].map((r) => writer.save(ok(r))),
    );
    await writer.close();
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((settled[2] as PromiseRejectedResult).reason)).toMatch(/without a sha256/);
    for (const r of [...recs.slice(0, 2), ...recs.slice(3)])
      expect(await loadRecord(store.db, r.source.sha256)).toEqual(asStored(r));
  });

  test('a transient verdict is not stored', async () => {
    const writer = createRecordWriter(store);
    const r = recordNo(0, 'transient');
    expect(await writer.save({ record: r, verdict: 'transient' })).toBe('notStored');
    await writer.close();
    expect((await storedOutcomes(store.db, [r.source.sha256], PARSER_VERSION)).size).toBe(0);
  });

  test('close() stores what waits; a save after it is refused', async () => {
    const writer = createRecordWriter(store, { size: 100, delayMs: 60_000 });
    const r = recordNo(0, 'close');
    const saved = writer.save(ok(r));
    await writer.close();
    expect(await saved).toBe('inserted');
    expect(await loadRecord(store.db, r.source.sha256)).toEqual(asStored(r));
    await expect(writer.save(ok(recordNo(1, 'close')))).rejects.toThrow(/closed/);
  });
});

test('PostgreSQL: a statement that fails inside a batch costs only its own record', async () => {
  const [, make] = EACH_STORE.find(([kind]) => kind === 'postgres')!;
  const temp = await make();
  const store = await openStore(temp.config);
  try {
    const writer = createRecordWriter(store, { size: 3, delayMs: 1000 });
    const recs = Array.from({ length: 3 }, (_, i) => recordNo(i, 'nul'));
    // PostgreSQL text cannot hold a NUL character: the cells insert of the batch fails
    const cells = recs[1].cells.map((c, k) => (k === 0 ? { ...c, raw: `${c.raw}\u0000` } : c));
    const bad = { ...recs[1], cells };
    const settled = await Promise.allSettled([recs[0], bad, recs[2]].map((r) => writer.save(ok(r))));
    await writer.close();
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await loadRecord(store.db, recs[0].source.sha256)).toEqual(asStored(recs[0]));
    expect(await loadRecord(store.db, recs[2].source.sha256)).toEqual(asStored(recs[2]));
    expect(await loadRecord(store.db, bad.source.sha256)).toBeUndefined();
  } finally {
    await store.close();
    await temp.drop();
  }
});
