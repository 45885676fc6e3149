// The folders are the layers (see .dependency-cruiser.cjs): the boundary check passes on the
// project and fails on a tree where a lower layer imports a higher one.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO, inRepo } from './support/fixtures';

const depcruise = inRepo('node_modules', '.bin', 'depcruise');
const cruise = (cwd: string, folders: string[]) =>
  spawnSync(depcruise, [...folders, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
    cwd,
    encoding: 'utf8',
  });

let tree: string;
beforeAll(() => {
  tree = mkdtempSync(join(tmpdir(), 'xxgk-layers-'));
});
afterAll(() => rmSync(tree, { recursive: true, force: true }));

function fakeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tree, 't-'));
  for (const name of ['tsconfig.json', '.dependency-cruiser.cjs']) copyFileSync(inRepo(name), join(dir, name));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('the project keeps its layers', () => {
  const run = cruise(REPO, ['src', 'parsers', 'store', 'pipeline', 'queues', 'apps', 'bench']);
  expect(run.stdout + run.stderr).not.toMatch(/error/);
  expect(run.status).toBe(0);
});

test.each([
  ['the model imports an app', 'src/model/record.ts', '../../apps/cli/main', 'apps/cli/main.ts'],
  ['a parser imports the analysis', 'parsers/text/parseText.ts', '../../src/tables/catalog', 'src/tables/catalog.ts'],
  ['the analysis imports a parser', 'src/analyse.ts', '../parsers/index', 'parsers/index.ts'],
  ['the store imports the pipeline', 'store/saveRecord.ts', '../pipeline/parseReport', 'pipeline/parseReport.ts'],
  ['the pipeline imports the queues', 'pipeline/stages/parse.ts', '../../queues/queues', 'queues/queues.ts'],
  ['the queues import an app', 'queues/startWorker.ts', '../apps/cli/main', 'apps/cli/main.ts'],
])('the check fails when %s', (_what, from, spec, to) => {
  const dir = fakeTree({
    [from]: `import { x } from '${spec}';\nexport const y = x;\n`,
    [to]: 'export const x = 1;\n',
  });
  const run = cruise(dir, [from.split('/')[0], to.split('/')[0]]);
  expect(run.status).not.toBe(0);
  expect(run.stdout + run.stderr).toMatch(/imports-only-lower-layers|apps-never-imported-below/);
});
