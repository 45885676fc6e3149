// Every file a test reads lives in this repository: resolve it from here, never from a folder
// beside the clone. tests/corpus/ holds the labelled real reports and the wild report openings
// (copies of the data standard's corpus, with their truth and label files); samples/ holds what
// the README's main command imports.
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
export const CORPUS = join(REPO, 'tests', 'corpus', 'real');
export const WILD_PAGES = join(REPO, 'tests', 'corpus', 'wild-pages');
export const SAMPLES = join(REPO, 'samples');
export const FIXTURES = join(REPO, 'tests', 'fixtures');

export const inRepo = (...parts: string[]) => join(REPO, ...parts);
export const corpusFile = (name: string) => join(CORPUS, name);
export const sampleFile = (...parts: string[]) => join(SAMPLES, ...parts);
