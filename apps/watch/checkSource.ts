// One pass over one source: walk the list pages (conditional GET; on 304 the links read last
// time are reused), then fetch each report URL not seen before — a detail page (itself an
// HTML report, or a wrapper) and the report files it links — and submit what was fetched.
// Failed fetches are not remembered, so the next pass tries them again.
import type { Source } from './sources';
import type { Fetcher, FetchPolicy, FetchResult } from './fetcher';
import type { WatchState, UrlKind } from './state';
import type { Submitter, SubmitOutcome } from './submit';
import { readListPage, readAttachments, isAttachmentUrl, looksLikeHtml, type Link, type ListPage } from './links';
import { announcement, type Announcement } from './announce';

export interface WatchContext {
  fetcher: Fetcher;
  state: WatchState;
  submitter: Submitter;
  /** called once per new report, in the order they are stored */
  onNew: (a: Announcement) => Promise<void> | void;
  log: (line: string) => void;
  /** faults worth a look (a fetch or a pass that failed); default: log */
  warn?: (line: string) => void;
}

export interface PassResult {
  source: string;
  listPages: { fetched: number; notModified: number };
  fetched: number;
  seenBefore: number;
  outcomes: Record<SubmitOutcome['outcome'], number>;
  newReports: Announcement[];
  errors: Array<{ url: string; code: string; message: string }>;
}

function policyOf(source: Source): FetchPolicy {
  return {
    allowedHosts: source.allowedHosts,
    allowPrivate: source.allowPrivate,
    timeoutMs: source.fetch.timeout,
    maxBytes: source.fetch.maxBytes,
    maxRedirects: source.fetch.maxRedirects,
    userAgent: source.fetch.userAgent,
    concurrency: source.fetch.concurrency,
    minGapMs: source.fetch.minGap,
  };
}

export const emptyPass = (sourceId: string): PassResult => ({
  source: sourceId,
  listPages: { fetched: 0, notModified: 0 },
  fetched: 0,
  seenBefore: 0,
  outcomes: { new: 0, knownContent: 0, sameReport: 0, notReport: 0, failed: 0 },
  newReports: [],
  errors: [],
});

export async function checkSource(ctx: WatchContext, source: Source): Promise<PassResult> {
  const result = emptyPass(source.id);
  const policy = policyOf(source);
  const claimed = new Set<string>(); // URLs handled in this pass (linked twice, or redirected to)

  const fail = (r: Extract<FetchResult, { status: 'failed' }>) => {
    result.errors.push({
      url: r.url,
      code: r.code === 'HTTP_STATUS' ? `HTTP_${r.httpStatus}` : r.code,
      message: r.message,
    });
    (ctx.warn ?? ctx.log)(`[${source.id}] ${r.code === 'HTTP_STATUS' ? `HTTP ${r.httpStatus}` : r.code}: ${r.message}`);
  };

  // 1. the list pages
  const items: Link[] = [];
  let pageUrl: string | null = source.index;
  for (let pageNo = 1; pageUrl && pageNo <= source.pagination.maxPages && !claimed.has(pageUrl); pageNo++) {
    claimed.add(pageUrl);
    const known = await ctx.state.get(pageUrl);
    const r = await ctx.fetcher.get(
      pageUrl,
      policy,
      known?.links ? { etag: known.etag, lastModified: known.lastModified } : {},
    );
    let page: ListPage;
    if (r.status === 'failed') {
      fail(r);
      break;
    }
    if (r.status === 304) {
      result.listPages.notModified++;
      page = JSON.parse(known!.links!) as ListPage;
    } else {
      result.listPages.fetched++;
      page = readListPage(r.body, r.contentType, r.finalUrl, source, pageNo);
      await ctx.state.put(pageUrl, source.id, 'list', {
        etag: r.etag,
        last_modified: r.lastModified,
        links: JSON.stringify(page),
        checked_at: r.fetchedAt,
      });
    }
    items.push(...page.items);
    pageUrl = page.next;
  }

  // 2. the report URLs not seen before; the host limiter paces the requests
  const handle = async (url: string, kind: UrlKind): Promise<void> => {
    if (claimed.has(url)) return;
    claimed.add(url);
    if (await ctx.state.seen(url)) {
      result.seenBefore++;
      return;
    }
    const r = await ctx.fetcher.get(url, policy);
    if (r.status === 'failed') return fail(r);
    if (r.status === 304) return; // not asked for: cannot happen without validators
    result.fetched++;
    const finalUrl = r.finalUrl;
    // a redirect to a URL already handled (or seen) is the same document again
    if (finalUrl !== url && (claimed.has(finalUrl) || (await ctx.state.seen(finalUrl)))) {
      await ctx.state.put(url, source.id, kind, { outcome: 'redirect', checked_at: r.fetchedAt });
      return;
    }
    claimed.add(finalUrl);
    const page = kind === 'detail' && looksLikeHtml(r.body, r.contentType);
    const attachments = page ? readAttachments(r.body, r.contentType, finalUrl, source) : [];
    const out = await ctx.submitter.submit({
      url: finalUrl,
      body: r.body,
      contentType: r.contentType,
      fetchedAt: r.fetchedAt,
      kind: page ? 'detail' : 'attachment',
      hasAttachments: attachments.length > 0,
    });
    result.outcomes[out.outcome]++;
    const outcome = out.outcome === 'failed' ? `failed:${out.code}` : out.outcome;
    for (const u of new Set([url, finalUrl]))
      await ctx.state.put(u, source.id, kind, { sha256: out.sha256, outcome, checked_at: r.fetchedAt });
    if (out.outcome === 'new') {
      const a = announcement(source.id, out.record);
      result.newReports.push(a);
      await ctx.onNew(a);
    } else if (out.outcome === 'failed') {
      (ctx.warn ?? ctx.log)(
        `[${source.id}] ${finalUrl}: ${out.code}: ${out.message}${out.stored ? ' (stored with its error)' : ''}`,
      );
    }
    // the files a detail page links, one after the other: the page's own record comes first
    for (const a of attachments) await handle(a.url, 'attachment');
  };
  await Promise.all(items.map((item) => handle(item.url, isAttachmentUrl(item.url, source) ? 'attachment' : 'detail')));
  return result;
}
