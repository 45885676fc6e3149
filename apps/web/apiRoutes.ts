// The JSON the pages read. Every handler only reads; inputs are checked before any query.
import express, { type Request, type Response, type Router } from 'express';
import type { Kysely } from 'kysely';
import { listedReportIds, type Database } from '../../store';
import { listReports, SORT_KEYS, type ListFilter, type ListSort, type SortKey } from './reportList';
import { loadAgencyView } from './agencyView';
import { exportList, EXPORT_FORMATS, EXPORT_SHAPES } from './listExport';
import { isSha256, loadReportView } from './reportView';
import { findOriginal } from './originalFile';
import type { SourceExcerpts } from './sourceExcerpt';
import { XxgkError } from '../../src/model/errors';
import { agencyHistory, reportsPerYearAndLayout, ruleShares } from './chartData';

const str = (v: unknown, max = 200): string | undefined =>
  typeof v === 'string' && v.trim() && v.length <= max ? v.trim() : undefined;
const int = (v: unknown, min: number, max: number): number | undefined => {
  const s = str(v, 12);
  if (!s || !/^-?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
};

function filterFrom(q: Request['query']): ListFilter {
  return {
    year: int(q.year, 1900, 2999),
    agency: str(q.agency),
    layout: str(q.layout, 20),
    format: str(q.format, 20),
    rule: str(q.rule, 40),
    error: str(q.error, 60),
    q: str(q.q),
    region: str(q.region, 40),
    disagreeing: q.disagreeing === '1' || q.disagreeing === 'true' ? true : undefined,
  };
}

function sortFrom(q: Request['query']): ListSort {
  const by = str(q.sort, 20);
  return {
    by: by && (SORT_KEYS as readonly string[]).includes(by) ? (by as SortKey) : 'agency',
    dir: q.dir === 'desc' ? 'desc' : 'asc',
  };
}

export function apiRoutes(db: Kysely<Database>, baseDir: string, excerpts: SourceExcerpts): Router {
  const router = express.Router();
  const notFound = (res: Response, what: string) => res.status(404).json({ error: `${what} not found` });

  router.get('/api/reports', async (req, res) => {
    const limit = int(req.query.limit, 1, 500) ?? 100;
    const offset = int(req.query.offset, 0, 10_000_000) ?? 0;
    res.json(await listReports(db, filterFrom(req.query), { limit, offset }, sortFrom(req.query)));
  });

  // the filtered list as `xxgk export` writes it: the same reports, one file to download
  // (`output` is the file format: `format` already filters the reports by their file format)
  router.get('/api/export', async (req, res) => {
    const format = str(req.query.output, 10) ?? 'csv',
      shape = str(req.query.shape, 10) ?? 'wide';
    if (!EXPORT_FORMATS.includes(format as never) || !EXPORT_SHAPES.includes(shape as never))
      return res.status(400).json({
        error: `output must be one of ${EXPORT_FORMATS.join(', ')} and shape one of ${EXPORT_SHAPES.join(', ')}`,
      });
    const ids = await listedReportIds(db, filterFrom(req.query));
    await exportList(db, ids, format as never, shape as never, res);
  });

  router.get('/api/agency', async (req, res) => {
    const key = str(req.query.key);
    if (!key) return res.status(400).json({ error: 'key required' });
    const view = await loadAgencyView(db, key);
    return view ? res.json(view) : notFound(res, 'agency');
  });

  router.get('/api/report/:sha', async (req, res) => {
    const view = await loadReportView(db, req.params.sha);
    if (!view) return notFound(res, 'report');
    const original = await findOriginal(db, view.sha256, baseDir);
    res.json({ ...view, originalAvailable: !!original });
  });

  // the table of an HTML/DOCX report a cell was read from, as parsed text (never as markup)
  router.get('/api/report/:sha/table/:n', async (req, res) => {
    const n = int(req.params.n, 0, 100_000);
    const original = n === undefined ? undefined : await findOriginal(db, req.params.sha, baseDir);
    if (!original || n === undefined || !['html', 'docx', 'doc'].includes(original.format ?? ''))
      return notFound(res, 'table');
    try {
      const excerpt = await excerpts.table(original.path, req.params.sha, n);
      return excerpt ? res.json(excerpt) : notFound(res, 'table');
    } catch (e) {
      // the file's fault (too slow, too large, damaged), said as the record would say it
      if (!(e instanceof XxgkError)) throw e;
      return res.status(422).json({ error: `the original file cannot be shown: ${e.message}`, code: e.code });
    }
  });

  router.get('/api/report/:sha/text', async (req, res) => {
    const line = int(req.query.line, 1, 10_000_000);
    const original = line === undefined ? undefined : await findOriginal(db, req.params.sha, baseDir);
    if (!original || line === undefined || original.format !== 'text') return notFound(res, 'text');
    try {
      res.json(await excerpts.text(original.path, line));
    } catch (e) {
      if (!(e instanceof XxgkError)) throw e;
      res.status(422).json({ error: `the original file cannot be shown: ${e.message}`, code: e.code });
    }
  });

  // the original bytes, by hash only; downloaded, never rendered by the browser as a page
  router.get('/file/:sha', async (req, res) => {
    if (!isSha256(req.params.sha)) return notFound(res, 'file');
    const original = await findOriginal(db, req.params.sha, baseDir);
    if (!original) return notFound(res, 'file');
    const ext = original.format ?? 'bin';
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    res.setHeader('Content-Disposition', `attachment; filename="${req.params.sha}.${ext === 'text' ? 'txt' : ext}"`);
    res.type(original.format === 'pdf' ? 'application/pdf' : 'application/octet-stream');
    res.sendFile(original.path, { dotfiles: 'allow' });
  });

  router.get('/api/charts', async (_req, res) => {
    res.json({ perYearLayout: await reportsPerYearAndLayout(db), ruleShares: await ruleShares(db) });
  });

  router.get('/api/charts/agency', async (req, res) => {
    const agency = str(req.query.agency);
    if (!agency) return res.status(400).json({ error: 'agency required' });
    res.json(await agencyHistory(db, agency));
  });

  router.use('/api', (_req, res) => {
    notFound(res, 'api route');
  });
  return router;
}
