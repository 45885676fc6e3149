import type { FormatParser } from '../types';
import { XxgkError } from '../../src/errors';

// Not yet written: see the issue for this format.
export const parseDocx: FormatParser = async () => {
  throw new XxgkError('UNSUPPORTED_FORMAT', 'parseDocx is not implemented yet');
};
