import type { ParseOptions, ParseResult } from './types';

/** Parses a seed corpus or bare seed file. (Placeholder until the parser lands.) */
export function parseSeed(_text: string, _options: ParseOptions = {}): ParseResult {
  throw new Error('parseSeed: not built yet');
}
