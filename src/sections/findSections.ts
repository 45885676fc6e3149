// The heading tree of a report, and which of the six standard sections each top heading is,
// recognised by what its title says rather than by its number.
import type { Doc } from '../model/document';
import type { Section } from '../model/record';
import { allMatches, compact } from '../text';
import { readNumbering } from './numbering';

const STANDARD_SECTIONS: Array<[string, RegExp]> = [
  ['overview', /总体情况|基本情况|概述/],
  ['activeDisclosure', /主动公开/],
  ['applications', /收到和处理|依申请公开|申请情况/],
  ['reviewLitigation', /行政复议|行政诉讼/],
  ['problems', /存在的?主要问题|问题及改进|改进情况|不足/],
  ['other', /其他需要报告|其他事项/],
  // last: "政府信息依申请公开工作情况" is table 三's section, not the overview
  ['overview', /工作情况$/],
];

function standardSectionOf(title: string): string | undefined {
  const t = compact(title);
  return STANDARD_SECTIONS.find(([, re]) => re.test(t))?.[0];
}

/**
 * A standard section heading printed inside running text (crawler text with no line breaks):
 * a top number, then a short title up to its first 情况/事项/措施, kept when its meaning is one of
 * the six (so a reworded or mistyped "政府信息公开行政法复议、行政诉讼情况" is found too).
 */
const INLINE = /([一二三四五六])、\s*([^，。；：:（(\d\s]{2,22}?(?:情况|事项|措施))/g;

function* inlineSections(text: string): Generator<Section> {
  for (const m of allMatches(INLINE, text)) {
    const standard = standardSectionOf(m[2]);
    if (standard) yield { number: `${m[1]}、`, title: m[2], level: 1, standard, children: [] };
  }
}

export function findSections(doc: Doc): Section[] {
  const roots: Section[] = [];
  const stack: Section[] = [];
  const add = (s: Section) => {
    while (stack.length && stack[stack.length - 1].level >= s.level) stack.pop();
    if (stack.length) stack[stack.length - 1].children.push(s);
    else roots.push(s);
    stack.push(s);
  };
  for (const block of doc.blocks) {
    if (block.type === 'table') continue;
    const n = readNumbering(block.text);
    if (n && (block.type === 'heading' || n.title.length <= 30)) {
      const standard = n.level === 1 ? standardSectionOf(n.title) : undefined;
      add({ number: n.number, title: n.title, level: n.level, ...(standard ? { standard } : {}), children: [] });
      // a flattened text may carry further top sections on the same line
      for (const s of inlineSections(block.text.slice(n.number.length + n.title.length))) add(s);
      continue;
    }
    if (block.text.length > 200) {
      for (const s of inlineSections(block.text)) add(s);
    }
  }
  return roots;
}
