// Stored with every record so that a newer parser can re-parse and replace older results.
export const PARSER_VERSION = '0.1.0';
