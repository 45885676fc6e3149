// The charset a page declares: the HTTP Content-Type header first, then a <meta> in the first
// bytes (`<meta charset=gbk>` or `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`).
// Whether the declaration is believed is up to decodeText (parsers/encoding.ts).

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return m?.[1];
}

/** Scan the first bytes as Latin-1 (charset names are ASCII), as browsers pre-scan 1024+ bytes. */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192)).toString('latin1');
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = meta.match(/\bcharset\s*=\s*["']?\s*([\w.:-]+)/i);
    if (direct) return direct[1];
  }
  return undefined;
}

export function declaredCharset(bytes: Uint8Array, contentType?: string): string | undefined {
  return charsetFromContentType(contentType) ?? charsetFromMeta(bytes);
}
