// The files written beside an export: PATH.reports.EXT (long shape) and the data dictionary.
function withSuffix(out: string, suffix: string, ext?: string): string {
  const dot = out.lastIndexOf('.');
  const hasExt = dot > out.lastIndexOf('/');
  const base = hasExt ? out.slice(0, dot) : out;
  return `${base}.${suffix}${ext ?? (hasExt ? out.slice(dot) : '')}`;
}

export const reportsPathFor = (out: string) => withSuffix(out, 'reports');
export const dictionaryPathFor = (out: string) => withSuffix(out, 'dictionary', '.json');
export const dictionaryMarkdownPathFor = (out: string) => withSuffix(out, 'dictionary', '.md');
export const failuresPathFor = (out: string) => withSuffix(out, 'failures');
