// Rebuilds the HTML samples from the real Shanghai 2019 report in ../../tests/corpus/real
// (run from this folder: node make-samples.mjs CORPUS_DIR). The report body is copied unchanged;
// only page furniture (navigation, sidebar, footer) is added around it, and one copy is
// re-encoded as GBK without any charset declaration. No number is invented or changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const corpus = process.argv[2] ?? '../../tests/corpus/real';
const name = '2019-shanghai-bgt-1.html';
const fragment = readFileSync(join(corpus, name), 'utf8');
const truth = JSON.parse(readFileSync(join(corpus, `${name}.truth.json`), 'utf8'));
const title = '2019年上海市人民政府办公厅政府信息公开工作年度报告';

// 1. a full portal page around the report (furniture modelled on gov.cn portals); a backslash
// at the end of a line of the template continues the line (it adds nothing to the page)
const page = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${title}_上海市人民政府</title>
<link rel="stylesheet" href="/css/style.css">
<style>.nav li{float:left} .footer{color:#666}</style>
<script>var _hmt = _hmt || []; (function(){ var s = "统计代码"; })();</script>
</head>
<body>
<div class="top-bar"><a href="/">无障碍浏览</a> | <a href="/">长者模式</a> | <a href="/login">登录</a></div>
<div class="header"><img src="/logo.png" alt="中国上海">\
<form class="search"><input name="q" value="请输入关键词"><button>搜索</button></form></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li>\
<li><a href="/hd">互动交流</a></li><li><a href="/sh">走进上海</a></li></ul>
<div class="wrap">
  <div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/nb">政府信息公开年报</a></div>
  <div class="main">
    <div class="side-bar">
      <h3>政府信息公开年报</h3>
      <ul><li><a href="/nb/2018.html">2018年上海市人民政府办公厅政府信息公开工作年度报告</a></li>
      <li><a href="/nb/2017.html">2017年上海市人民政府办公厅政府信息公开工作年度报告</a></li>
      <li><a href="/nb/2016.html">2016年上海市人民政府办公厅政府信息公开工作年度报告</a></li></ul>
    </div>
    <div class="article">
      <h1 class="article-title">${title}</h1>
      <div class="info">来源：上海市人民政府办公厅　　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
      <div class="content" id="ivs_content">
${fragment}
      </div>
      <div class="bdshare">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
      <div class="print-bar"><a href="javascript:window.print()">【打印本页】</a> \
<a href="javascript:window.close()">【关闭窗口】</a></div>
      <div class="related"><h4>相关文章</h4><ul><li><a href="/a">上海市政府信息公开规定</a></li>\
<li><a href="/b">政府信息公开指南</a></li></ul></div>
    </div>
  </div>
</div>
<div class="footer">
  <p>主办：上海市人民政府办公厅　承办：上海市大数据中心</p>
  <p>版权所有：上海市人民政府办公厅　沪ICP备05003833号　网站标识码：3100000070</p>
  <p><a href="/sitemap">网站地图</a> | <a href="/contact">联系我们</a></p>
</div>
<script src="/js/jquery.js"></script>
</body>
</html>
`;
writeFileSync('2019-shanghai-bgt-page.html', page);
const truthOf = (doc) => JSON.stringify({ ...truth, doc }, null, 2) + '\n';
writeFileSync('2019-shanghai-bgt-page.html.truth.json', truthOf('2019-shanghai-bgt-page.html'));

// 2. the bare fragment as GBK bytes with no charset anywhere
writeFileSync('2019-shanghai-bgt-gbk.html', iconv.encode(fragment, 'gbk'));
writeFileSync('2019-shanghai-bgt-gbk.html.truth.json', truthOf('2019-shanghai-bgt-gbk.html'));

// 3. the fragment itself, as published
// (read and written, not copied: the corpus files are read-only)
writeFileSync(name, readFileSync(join(corpus, name)));
writeFileSync(`${name}.truth.json`, readFileSync(join(corpus, `${name}.truth.json`)));
