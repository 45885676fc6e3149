// A parse thread loads what every parse shares before it says it is ready: jieba's dictionary,
// the division datasets (current and the GB/T 2260 revisions of 2002–2016), the text parser.
// They load lazily on first use, so without this the first file on a fresh thread (the first of
// a run, or the one after a thread was stopped) would spend its time limit on them.
import { parseReport } from '../parseReport';

/** a small report that takes the paths every report takes: a title, a place, a legacy year, a table row */
const WARM_UP_REPORT = [
  '杭州市西湖区人民政府办公室2015年政府信息公开工作年度报告',
  '本报告由杭州市西湖区人民政府办公室编制。',
  '一、概述',
  '二、主动公开政府信息情况',
  '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量',
  '规章\t0\t0\t0',
].join('\n');

export async function warmUp(): Promise<void> {
  await parseReport(Buffer.from(WARM_UP_REPORT, 'utf8'), { path: 'warm-up.txt' });
}
