// A file's identity: the SHA-256 of its bytes, hex. Apart from parseReport so that what only
// hashes (the ingest stage on a worker's main thread) does not load the parsers with it.
import * as crypto from 'node:crypto';

/** Node ≥ 20.12's one-shot hash (no Hash object per file); the streaming API where it is missing. */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;

export const sha256 = oneShot
  ? (bytes: Uint8Array) => oneShot('sha256', bytes, 'hex')
  : (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
