// What a web page prints around a report: breadcrumbs, search boxes, 字号 widgets, 索引号 /
// 发文字号 tables, login and share links, dates. None of it is ever a title or an agency.

/** a line that is page furniture as a whole (checked on lines short enough to be a title) */
export const FURNITURE_LINE = new RegExp(
  [
    '当前位置',
    '您的位置',
    '现在的位置',
    '首页\\s*[>›»?\\/]',
    '[>›»]\\s*正文',
    '全文检索',
    '站内搜索',
    '搜索',
    '字号',
    '字体',
    '【\\s*字',
    '大\\s*中\\s*小',
    '登录',
    '注册',
    '分享',
    '打印',
    '关闭',
    '加入收藏',
    '设为首页',
    '站群导航',
    '手机版',
    '无障碍',
    '上一篇',
    '下一篇',
    '相关链接',
    '相关阅读',
    '相关文章',
    '热点推荐',
    '浏览次数',
    '瀏覽次數',
    '点击[数量:：]',
    '访问量',
    '阅读次数',
    '索\\s*引\\s*号',
    '发文字号',
    '文\\s*号\\s*[:：]',
    '发布日期',
    '发布时间',
    '发表日期',
    '成文日期',
    '生成日期',
    '更新时间',
    '发文日期',
    '^标\\s*题',
    // a field row 名称 …, its colon often dropped when the table is flattened
    '^名\\s*称',
    '主题分类',
    '组配分类',
    '公开方式',
    '公开形式',
    '公开目录',
    '是否有效',
    '有效性',
    '关键词',
    '责任部门',
    '(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2}',
  ].join('|'),
);

/** characters no agency name contains: separators of navigation and field tables, the words of spam a mirror inserts */
const NOT_IN_A_NAME =
  /[|｜>›»<:：?？!！@#/\\=_\d]|检索|搜索|登录|注册|索引|字号|首页|分享|打印|时间|日期|点击|浏览|收藏|邮箱|发布机构|来源|官网|官方网站|博彩|彩票|棋牌|娱乐城|投注/;

/** true when a candidate agency is a fragment of the page rather than a name */
export function isFurnitureName(name: string): boolean {
  return NOT_IN_A_NAME.test(name);
}
