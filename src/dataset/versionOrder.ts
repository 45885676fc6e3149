// Parser versions compare as numbers ("0.10.0" > "0.9.0"); the store compares text, so each
// numeric part is zero-padded: "0.10.0" → "000000.000010.000000".
export function versionKey(version: string): string {
  return version
    .split(/[.+-]/)
    .map((part) => (/^\d+$/.test(part) ? part.padStart(6, '0') : part))
    .join('.');
}
