// The body's font size, against which title lines are told (buildBlocks): measured on lines of
// some length. A scan's last page read by OCR as many one-glyph lines (a seal, specks: 人, 和),
// smaller than the text, outnumbered the body's lines; every line of the opening, larger than
// them, was then taken for the title and the page's furniture, title and first section became
// one heading, so that no title, agency or year was found.
import { buildBlocks } from '../parsers/pdf/buildBlocks';
import type { PageElement } from '../parsers/pdf/pageElement';

let y = 800;
function line(text: string, size: number, page = 1, x0 = 60): PageElement {
  y -= size * 2.5;
  const x1 = x0 + text.length * size;
  return {
    kind: 'line',
    page,
    top: y + size,
    line: { items: [], text, x0, x1, y, size, top: y + size, bottom: y },
  };
}

test('stray one-glyph lines do not set the body size: the opening stays lines of its own', () => {
  y = 800;
  const opening = [
    line('首页|登录', 11),
    line('首页>政府信息公开>政府信息公开年报', 9.4),
    line('杭州市西湖区文化广电旅游局关于2021年度政府信息公开工作情况的报告', 9.8),
    line('一、总体情况', 9.6),
    line('本报告根据《中华人民共和国政府信息公开条例》要求编制。', 10.3),
    line('二、主动公开政府信息情况', 9.6),
    line('三、收到和处理政府信息公开申请情况', 9.6),
  ];
  y = 800;
  const specks = ['人', '和', '关', '六', '证', '和', '人', 'E', '汪', '和', '人', '|'].map((t) => line(t, 7, 2, 200));
  const { blocks } = buildBlocks([...opening, ...specks]);
  const texts = blocks.slice(0, opening.length).map((b) => (b.type === 'table' ? '' : b.text));
  expect(texts).toEqual(opening.map((e) => (e.kind === 'line' ? e.line.text : '')));
});
