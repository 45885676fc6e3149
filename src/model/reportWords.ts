// How a report names itself, shared by the parsers (choosing a document's title) and the
// analysis (metadata, telling a report from any other page).
/** the full phrase: 政府信息公开工作年度报告, 信息公开年报, … */
export const REPORT_PHRASE = /(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)/;
/** enough for a line to be a report's title candidate */
export const REPORT_WORD = /报告|年报/;
