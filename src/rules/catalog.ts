// The cross-check rules of docs/rules.md (the data standard's rules.md) as data: id, severity, what it checks and
// which cells it reads.
export interface RuleInfo {
  id: string;
  severity: 'error' | 'warning';
  description: string;
  reads: string;
}

export const RULES: RuleInfo[] = [
  {
    id: 'T3-BAL',
    severity: 'error',
    description: 'for every column: newReceived + carriedOver = totalProcessed + carriedForward',
    reads: 'applications.{newReceived,carriedOver,totalProcessed,carriedForward}.*',
  },
  {
    id: 'T3-SUM',
    severity: 'error',
    description: 'for every column: totalProcessed = the sum of all result rows',
    reads: 'applications.{granted … otherHandling}.*, applications.totalProcessed.*',
  },
  {
    id: 'T3-COL',
    severity: 'error',
    description: 'for every row: total = the six applicant columns; legalPersonSubtotal = the five 法人 columns',
    reads: 'applications.*.*',
  },
  {
    id: 'T4-SUM',
    severity: 'error',
    description: 'review, litigationDirect, litigationAfterReview: total = upheld + corrected + other + pending',
    reads: 'reviewLitigation.*.*',
  },
  {
    id: 'T-VALUE',
    severity: 'error',
    description: 'counts are integers ≥ 0 (2019 本年增/减 may be negative); money is a decimal ≥ 0',
    reads: 'every cell',
  },
  {
    id: 'T-AMBIGUOUS',
    severity: 'warning',
    description: 'a printed run of digits reads more than one way and the rules do not single one out',
    reads: 'cells printed without separators',
  },
  {
    id: 'T-OCR-LOW',
    severity: 'warning',
    description:
      'a number OCR read with confidence below the threshold is left empty, unless an equation of its table ' +
      '(every other term read with confidence) holds with it',
    reads: 'cells of scanned tables',
  },
  {
    id: 'T-MISSING',
    severity: 'error',
    description: 'a standard table, or one of its rows, is absent from a report in the 2019/2021 layout',
    reads: 'the catalog of tables.md',
  },
  {
    id: 'N-APPS',
    severity: 'warning',
    description:
      'the narrative count of applications equals newReceived.total or newReceived.total + carriedOver.total',
    reads: 'section 一 text, applications.newReceived.total, applications.carriedOver.total',
  },
  {
    id: 'N-REVIEW',
    severity: 'warning',
    description: 'narrative counts of 行政复议 / 行政诉讼 equal the table 四 totals',
    reads: 'narrative text, reviewLitigation.*.total',
  },
  {
    id: 'X-CARRY',
    severity: 'warning',
    description: 'same agency, consecutive years: carriedOver(Y) = carriedForward(Y−1)',
    reads: 'applications.carriedOver.*, applications.carriedForward.* of two reports',
  },
  {
    id: 'X-INFORCE',
    severity: 'warning',
    description: '2021 layout, same agency, consecutive years: inForce(Y) = inForce(Y−1) + issued(Y) − repealed(Y)',
    reads: 'active.{rules,normativeDocuments}.* of two reports',
  },
  {
    id: 'X-SOURCES',
    severity: 'warning',
    description:
      'two copies of one report (same agency key, year and scope: another format, another URL, a republication) ' +
      'disagree on a cell: both values and both sources are named, and the dataset keeps the best-read copy',
    reads: 'every cell of every copy of one report',
  },
  {
    id: 'L-CHANNELS',
    severity: 'error',
    description:
      'legacy table: applications.received = the sum of the channel rows printed ' +
      '(inPerson, fax, email, online, letter, letterOrFax, otherChannel)',
    reads: 'legacy.applications.*.{year,cumulative}',
  },
  {
    id: 'L-CLOSED',
    severity: 'error',
    description: 'legacy table: applications.closed = closedOnTime + closedExtended',
    reads: 'legacy.applications.closed*.{year,cumulative}',
  },
  {
    id: 'L-REPLIES',
    severity: 'error',
    description: 'legacy table: replies.total = the sum of the reply rows printed',
    reads: 'legacy.replies.*.{year,cumulative}',
  },
  {
    id: 'L-REFUSED',
    severity: 'error',
    description: 'legacy table: replies.refused = the sum of its printed reasons',
    reads: 'legacy.replies.refused.*.{year,cumulative}',
  },
  {
    id: 'L-REVIEW',
    severity: 'error',
    description: 'legacy table: review.total = upheld + corrected + other; litigation.total likewise',
    reads: 'legacy.{review,litigation}.*.{year,cumulative}',
  },
  {
    id: 'L-CUM',
    severity: 'error',
    description: 'legacy table: for every row with both columns, year ≤ cumulative',
    reads: 'legacy.*.{year,cumulative}',
  },
  {
    id: 'L-STAFF',
    severity: 'error',
    description: 'legacy table: organisation.staff = staffFullTime + staffPartTime',
    reads: 'legacy.organisation.staff*.{year,cumulative}',
  },
  {
    id: 'L-ACTIVE',
    severity: 'warning',
    description:
      'legacy table: every active.by* ≤ active.total (one item published on several channels counts once in the total)',
    reads: 'legacy.active.*.{year,cumulative}',
  },
];

export const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));
