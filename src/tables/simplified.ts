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

/**
 * Characters of the standard tables' own words in traditional script (信息內容, 公開, 第二十條,
 * 申請人情況, 結果維持, 規章, 數量): a text holding none of them reads the same simplified.
 */
const TABLE_WORDS_TRADITIONAL = /[內開條項請結維規數處許強費範況]/;

/**
 * The text as the table finders test it: simplified when it prints the tables' words in
 * traditional script (a mirror site converts the whole page), else the text itself. Used only
 * to decide whether and where a table stands; cells keep their printed text.
 */
export const forTableTests = (text: string): string => (TABLE_WORDS_TRADITIONAL.test(text) ? simplified(text) : text);
