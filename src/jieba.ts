// One jieba segmenter per process, with the package's dictionary, built when first needed. Its
// dictionary file is read then and dropped once jieba has built its own copy: importing
// `@node-rs/jieba/dict` reads it and the IDF file at import and keeps both (11 MB for good).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Jieba } from '@node-rs/jieba';

let jieba: Jieba | undefined;

export function jiebaSegmenter(): Jieba {
  jieba ??= Jieba.withDict(readFileSync(join(dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt')));
  return jieba;
}
