// Links out of fetched HTML: report links and the next page on a list page, report files
// (attachments) on a detail page. Pages are decoded the way the parser decodes them (HTTP or
// <meta> charset, else detection), so a GBK page without a charset still matches 年度报告.
import { load, type CheerioAPI } from 'cheerio/slim';
import { decodeText } from '../../parsers/encoding';
import { declaredCharset } from '../../parsers/html/declaredCharset';
import type { Source } from './sources';
import { hostAllowed } from './fetcher';

export interface Link {
  url: string;
  text: string;
}
export interface ListPage {
  items: Link[];
  next: string | null;
}

function loadPage(body: Buffer, contentType: string | undefined, pageUrl: string): { $: CheerioAPI; base: string } {
  const { text } = decodeText(body, declaredCharset(body, contentType));
  const $ = load(text);
  const baseHref = $('base[href]').attr('href');
  let base = pageUrl;
  try {
    if (baseHref) base = new URL(baseHref, pageUrl).href;
  } catch {
    /* bad <base>: keep the page URL */
  }
  return { $, base };
}

/** Absolute http(s) URL without its #fragment, or null for javascript:, mailto: and junk. */
function absolute(href: string | undefined, base: string): string | null {
  if (!href || /^\s*(javascript|mailto|tel):/i.test(href)) return null;
  try {
    const u = new URL(href.trim(), base);
    if (!/^https?:$/.test(u.protocol)) return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

const textOf = ($: CheerioAPI, el: Parameters<CheerioAPI>[0]) =>
  $(el).text().replace(/\s+/g, ' ').trim() || ($(el).attr('title') ?? '').trim();

export function isAttachmentUrl(url: string, source: Source): boolean {
  return new RegExp(source.attachments.pattern, 'i').test(new URL(url).pathname);
}

export function readListPage(
  body: Buffer,
  contentType: string | undefined,
  pageUrl: string,
  source: Source,
  pageNo: number,
): ListPage {
  const { $, base } = loadPage(body, contentType, pageUrl);
  const pattern = new RegExp(source.links.pattern);
  const items = new Map<string, Link>();
  $(source.links.selector).each((_, el) => {
    const anchors = $(el).is('a[href]') ? $(el) : $(el).find('a[href]');
    anchors.each((_, a) => {
      const url = absolute($(a).attr('href'), base);
      const text = textOf($, a);
      if (!url || url === pageUrl || !pattern.test(`${text} ${$(a).attr('href')}`)) return;
      if (!hostAllowed(new URL(url).hostname, source.allowedHosts)) return;
      if (!items.has(url)) items.set(url, { url, text });
    });
  });
  return { items: [...items.values()], next: nextPage($, base, source, pageNo) };
}

function nextPage($: CheerioAPI, base: string, source: Source, pageNo: number): string | null {
  const { next, template, maxPages } = source.pagination;
  if (pageNo >= maxPages) return null;
  if (next) return absolute($(next).first().attr('href'), base);
  if (template) return new URL(template.replace('{n}', String(pageNo + 1)), source.index).href;
  return null;
}

/** Report files linked from a detail page. */
export function readAttachments(
  body: Buffer,
  contentType: string | undefined,
  pageUrl: string,
  source: Source,
): Link[] {
  const { $, base } = loadPage(body, contentType, pageUrl);
  const found = new Map<string, Link>();
  $('a[href]').each((_, a) => {
    const url = absolute($(a).attr('href'), base);
    if (!url || !isAttachmentUrl(url, source) || !hostAllowed(new URL(url).hostname, source.allowedHosts)) return;
    if (!found.has(url)) found.set(url, { url, text: textOf($, a) });
  });
  return [...found.values()];
}

/** Is this response an HTML page (and not a report file served from an .html-looking URL)? */
export function looksLikeHtml(body: Buffer, contentType: string | undefined): boolean {
  if (contentType && /html/i.test(contentType)) return true;
  const head = body.subarray(0, 1024).toString('latin1').toLowerCase();
  return /<(!doctype html|html|head|body|div|p|table|a )/.test(head);
}
