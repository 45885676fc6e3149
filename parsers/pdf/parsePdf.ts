import type { FormatParser } from '../types';
import { XxgkError } from '../../src/errors';

// Not yet written: see the issue for this format.
export const parsePdf: FormatParser = async () => {
  throw new XxgkError('UNSUPPORTED_FORMAT', 'parsePdf is not implemented yet');
};
