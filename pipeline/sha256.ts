// A file's identity: the SHA-256 of its bytes, hex. Apart from parseReport so that what only
// hashes (the ingest stage on a worker's main thread) does not load the parsers with it.
import { createHash } from 'node:crypto';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
