// Where the browser's files come from: the pages and scripts in apps/web/static/, Chart.js and pdf.js from
// node_modules (the machine has no internet, so nothing is loaded from a CDN).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';

/** The folder holding the project's package.json: from apps/web (tests) or dist/apps/web (CLI). */
function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'xxgk') return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the xxgk project folder above ${from}`);
  }
}

const STATIC = { dotfiles: 'deny' as const, index: false, redirect: false, fallthrough: false, maxAge: '1h' };

export function assetRoutes(root = projectRoot()): Router {
  const router = express.Router();
  const modules = join(root, 'node_modules');
  router.use('/assets', express.static(join(root, 'apps', 'web', 'static'), { ...STATIC, maxAge: 0 }));
  router.get('/vendor/chart.umd.min.js', (_req, res) => res.sendFile(join(modules, 'chart.js/dist/chart.umd.min.js')));
  router.get('/vendor/pdf.min.mjs', (_req, res) =>
    res.type('text/javascript').sendFile(join(modules, 'pdfjs-dist/legacy/build/pdf.min.mjs')),
  );
  router.get('/vendor/pdf.worker.min.mjs', (_req, res) =>
    res.type('text/javascript').sendFile(join(modules, 'pdfjs-dist/legacy/build/pdf.worker.min.mjs')),
  );
  // CJK PDFs without embedded fonts need the CMaps and standard fonts; scans may need the decoders
  router.use('/vendor/pdfjs/cmaps', express.static(join(modules, 'pdfjs-dist/cmaps'), STATIC));
  router.use('/vendor/pdfjs/standard_fonts', express.static(join(modules, 'pdfjs-dist/standard_fonts'), STATIC));
  router.use('/vendor/pdfjs/wasm', express.static(join(modules, 'pdfjs-dist/wasm'), STATIC));
  router.use('/vendor/pdfjs/iccs', express.static(join(modules, 'pdfjs-dist/iccs'), STATIC));
  return router;
}

/** The HTML pages: fixed files, no data interpolated into them (the scripts fetch JSON). */
export function pageRoutes(root = projectRoot()): Router {
  const router = express.Router();
  const page = (name: string) => join(root, 'apps', 'web', 'static', name);
  router.get('/', (_req, res) => res.sendFile(page('list.html')));
  router.get('/report/:sha', (_req, res) => res.sendFile(page('report.html')));
  router.get('/charts', (_req, res) => res.sendFile(page('charts.html')));
  router.get('/agency', (_req, res) => res.sendFile(page('agency.html')));
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  return router;
}
