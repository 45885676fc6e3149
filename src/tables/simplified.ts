// Labels printed in traditional characters (mirror sites convert whole pages: 規章, 行政許可,
// 本年處理決定數量) read as the simplified labels they are. Only labels are converted, each
// once (memoised): they are short and repeat across reports, while converting whole pages
// would cost more than parsing them.
import { Converter } from 'opencc-js/t2cn';
import { memoizeString } from '../memo';

let convert: ((s: string) => string) | undefined;

/** the text with traditional characters replaced by simplified ones (OpenCC's t → cn) */
export const simplified = memoizeString((s: string): string => {
  // ASCII and digits have nothing to convert: skip the converter (and its start-up) for them
  if (!/[^\x00-\x7f]/.test(s)) return s;
  const c = (convert ??= Converter({ from: 't', to: 'cn' }));
  return c(s);
});
