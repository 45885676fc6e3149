// Exit codes scripts can trust (sysexits-style where one fits).
export const EXIT = {
  OK: 0,
  /** every file was read, but some records carry an error (bad input) */
  SOME_FAILED: 1,
  USAGE: 64,
  NO_INPUT: 66,
  UNAVAILABLE: 69,
  SOFTWARE: 70,
} as const;
