// The checks every folder of labelled real page openings gets (tests/corpus/wild-pages-more,
// wild-pages-legacy): each page parsed with its page's URL as its source, as the data standard's
// score-pages scorer does. What is asserted is what must always hold: the agency is never page
// furniture; an agency the record gives as settled (no finding) is the labelled one; where the
// page does not settle the full name, the record says so with a finding; the year is never
// another year. The rates are logged.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../../pipeline/parseReport';
import { isFurnitureName } from '../../src/report/pageFurniture';
import { simplified } from '../../src/tables/simplified';
import { inRepo } from './fixtures';

interface Label {
  url: string | null;
  agency: string | null;
  agencyInText: boolean;
  year: number;
  title: string | null;
}
interface Result {
  file: string;
  label: Label;
  agency: string | null;
  agencyAsPrinted: string | null;
  year: number | null;
  title: string | null;
  findings: string[];
}

const norm = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, '');
/** the record says it could not settle the issuer: kept as printed, or no issuer named */
const unsettled = (r: Result) => r.findings.some((f) => /^agency(?: incomplete)?:/.test(f));
const rate = (rows: Result[], ok: (r: Result) => boolean) => ({ ok: rows.filter(ok).length, of: rows.length });
const right = (r: Result) => norm(r.agency) === norm(r.label.agency);

/**
 * the least share of composed names settled right the folder is held to; `disputed`: pages whose
 * label another folder's reading contradicts (file → why), still counted in the rates but not
 * held to the labelled name
 */
export function labelledPageTests(
  folder: string,
  minComposed: number,
  disputed: Record<string, string> = {},
  minPrinted = 0.9,
): void {
  const DIR = inRepo('tests', 'corpus', folder);
  const pages = readdirSync(DIR)
    .filter((f) => f.endsWith('.label.json'))
    .sort()
    .map((l) => ({
      file: l.replace(/\.label\.json$/, ''),
      label: JSON.parse(readFileSync(join(DIR, l), 'utf8')) as Label,
    }));

  let results: Result[];
  beforeAll(async () => {
    results = [];
    for (const p of pages) {
      const path = join(DIR, p.file);
      const r = await parseReport(readFileSync(path), { path, ...(p.label.url ? { url: p.label.url } : {}) });
      const report = r.report as unknown as Omit<Result, 'file' | 'label' | 'findings'>;
      results.push({ ...p, ...report, findings: r.findings ?? [] });
    }
  });

  afterAll(() => {
    if (!results?.length) return;
    const printed = rate(
      results.filter((r) => r.label.agency && r.label.agencyInText),
      right,
    );
    const composed = rate(
      results.filter((r) => r.label.agency && !r.label.agencyInText),
      right,
    );
    const year = rate(results, (r) => r.year === r.label.year);
    // a mirror's traditional characters come out simplified
    const title = rate(results, (r) => norm(r.title) === simplified(norm(r.label.title)));
    const open = results.filter((r) => r.label.agency && !right(r)).map((r) => `${r.file} ${r.agency ?? 'null'}`);
    console.log(
      `${folder}: agency printed ${printed.ok}/${printed.of}, agency composed ${composed.ok}/${composed.of}, ` +
        `year ${year.ok}/${year.of}, title ${title.ok}/${title.of}; left unsettled: ${open.join(', ') || 'none'}`,
    );
  });

  test('the pages are all here, each labelled with its year', () => {
    expect(pages.length).toBeGreaterThanOrEqual(40);
    for (const p of pages) expect([p.file, Number.isInteger(p.label.year)]).toEqual([p.file, true]);
  });

  test('page furniture and inserted spam are never an agency', () => {
    for (const r of results) {
      for (const name of [r.agency, r.agencyAsPrinted])
        if (name) expect([r.file, name, isFurnitureName(name)]).toEqual([r.file, name, false]);
    }
  });

  test('an agency given as settled is the labelled one; otherwise the record says it is unsettled', () => {
    const guessed = results
      .filter((r) => !right(r) && !unsettled(r) && !(r.file in disputed))
      .map((r) => `${r.file}: ${r.agency}`);
    expect(guessed).toEqual([]);
  });

  test('where the page names no issuer the labels can settle, nothing is settled', () => {
    const none = results.filter((r) => r.label.agency === null);
    expect(none.length).toBeGreaterThan(0);
    for (const r of none) expect([r.file, unsettled(r)]).toEqual([r.file, true]);
  });

  test('agency: most pages settled right, printed and composed', () => {
    const printed = results.filter((r) => r.label.agency && r.label.agencyInText);
    const composed = results.filter((r) => r.label.agency && !r.label.agencyInText);
    expect(rate(printed, right).ok / printed.length).toBeGreaterThanOrEqual(minPrinted);
    expect(rate(composed, right).ok / composed.length).toBeGreaterThanOrEqual(minComposed);
  });

  test('the year the statistics cover: never another year, at least 97% found', () => {
    expect(results.filter((r) => r.year !== null && r.year !== r.label.year).map((r) => r.file)).toEqual([]);
    expect(rate(results, (r) => r.year === r.label.year).ok / results.length).toBeGreaterThanOrEqual(0.97);
  });
}
