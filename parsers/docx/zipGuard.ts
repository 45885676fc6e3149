// Zip-bomb and corruption guard for DOCX, run before mammoth inflates anything.
// 1. Read the central directory and sum the uncompressed sizes it declares: over the limit →
//    TOO_LARGE without inflating a byte.
// 2. The directory may lie, so inflate each entry with a hard output cap (the remaining
//    budget): more than declared → TOO_LARGE; a size or CRC that does not match → CORRUPT_FILE.
// A missing end-of-directory record (truncated download) or a broken header → CORRUPT_FILE.
import { inflateRawSync, crc32 } from 'node:zlib';
import { XxgkError } from '../../src/model/errors';

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const U32_MAX = 0xffffffff;

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc: number;
  localHeaderOffset: number;
}

const corrupt = (why: string) => new XxgkError('CORRUPT_FILE', `the DOCX (zip) is damaged: ${why}`);

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Entries of the zip's central directory. */
function readCentralDirectory(bytes: Uint8Array): ZipEntryInfo[] {
  const dv = view(bytes);
  // the end record is 22 bytes plus a comment of up to 65535 bytes, at the very end
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end-of-directory record (truncated?)');
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === U32_MAX || cdOffset === U32_MAX) {
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== ZIP64_LOCATOR_SIG) throw corrupt('zip64 locator missing');
    const z64 = Number(dv.getBigUint64(loc + 8, true));
    if (z64 + 56 > bytes.length || dv.getUint32(z64, true) !== ZIP64_EOCD_SIG)
      throw corrupt('zip64 end record missing');
    count = Number(dv.getBigUint64(z64 + 32, true));
    cdSize = Number(dv.getBigUint64(z64 + 40, true));
    cdOffset = Number(dv.getBigUint64(z64 + 48, true));
  }
  if (cdOffset + cdSize > bytes.length) throw corrupt('central directory beyond the end of the file');

  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || dv.getUint32(p, true) !== CDH_SIG) throw corrupt(`bad central directory entry ${n}`);
    const method = dv.getUint16(p + 10, true);
    const crc = dv.getUint32(p + 16, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let uncompressedSize = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localHeaderOffset = dv.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > bytes.length) throw corrupt(`entry ${n} runs past the end`);
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + p + 46, nameLen).toString('utf8');
    // zip64 extra field (0x0001): the 64-bit values, in this order, for each field set to 0xFFFFFFFF
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = dv.getUint16(e, true);
      const size = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          const v = Number(dv.getBigUint64(q, true));
          q += 8;
          return v;
        };
        if (uncompressedSize === U32_MAX) uncompressedSize = next();
        if (compressedSize === U32_MAX) compressedSize = next();
        if (localHeaderOffset === U32_MAX) localHeaderOffset = next();
      }
      e += 4 + size;
    }
    entries.push({ name, method, compressedSize, uncompressedSize, crc, localHeaderOffset });
    p = extraEnd + commentLen;
  }
  return entries;
}

/** Check the zip without trusting it; throws TOO_LARGE or CORRUPT_FILE. */
export function checkZip(bytes: Uint8Array, maxInflatedBytes: number): ZipEntryInfo[] {
  const entries = readCentralDirectory(bytes);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > maxInflatedBytes) {
    throw new XxgkError(
      'TOO_LARGE',
      `the DOCX would inflate to ${declared} bytes, over the limit of ${maxInflatedBytes}`,
    );
  }
  const dv = view(bytes);
  let inflated = 0;
  for (const e of entries) {
    const h = e.localHeaderOffset;
    if (h + 30 > bytes.length || dv.getUint32(h, true) !== LFH_SIG) throw corrupt(`bad local header for ${e.name}`);
    const start = h + 30 + dv.getUint16(h + 26, true) + dv.getUint16(h + 28, true);
    if (start + e.compressedSize > bytes.length) throw corrupt(`${e.name} is cut off`);
    const data = bytes.subarray(start, start + e.compressedSize);
    let out: Buffer;
    if (e.method === 0) out = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    else if (e.method === 8) {
      const budget = maxInflatedBytes - inflated;
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new XxgkError('TOO_LARGE', `the DOCX inflates past the limit of ${maxInflatedBytes} bytes (${e.name})`);
        }
        throw corrupt(`${e.name} does not inflate (${(err as Error).message})`);
      }
    } else throw corrupt(`${e.name} uses compression method ${e.method}`);
    inflated += out.length;
    if (inflated > maxInflatedBytes)
      throw new XxgkError('TOO_LARGE', `the DOCX inflates past the limit of ${maxInflatedBytes} bytes`);
    if (out.length !== e.uncompressedSize)
      throw corrupt(`${e.name} inflates to ${out.length} bytes, not the ${e.uncompressedSize} declared`);
    if (crc32(out) >>> 0 !== e.crc) throw corrupt(`${e.name} fails its CRC check`);
  }
  return entries;
}
