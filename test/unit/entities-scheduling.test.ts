import { describe, expect, it } from 'vitest';
import { bodyChars, extractionPlace, HOST_EXTRACTION_MAX_CHARS, IN_PLACE_LIMIT, localExtractionScope, mayExtractOnHost } from '../../src/core/entities/scheduling';

const line = (n: number, chars: number) => ({ line: n, text: 'x'.repeat(chars) });

describe('entity scheduling rules', () => {
  it('keeps the host to a few short documents after the first build', () => {
    const small = [{ lines: [line(0, 100)] }];
    expect(extractionPlace(small, true)).toBe('host');
    expect(extractionPlace(small, false)).toBe('workers');
    expect(extractionPlace(Array.from({ length: IN_PLACE_LIMIT + 1 }, () => small[0]), true)).toBe('workers');
    // One line of 16,000 capitalised words is far beyond the host's bound.
    const huge = [{ lines: [{ line: 0, text: Array.from({ length: 16_000 }, () => 'Word').join(' ') }] }];
    expect(extractionPlace(huge, true)).toBe('workers');
    expect(mayExtractOnHost([line(0, HOST_EXTRACTION_MAX_CHARS)])).toBe(true);
    expect(mayExtractOnHost([line(0, HOST_EXTRACTION_MAX_CHARS), line(1, 1)])).toBe(false);
    expect(bodyChars([line(0, 3), line(1, 4)])).toBe(7);
  });

  it('answers a hover locally from a bounded amount of text only', () => {
    const article = [line(0, 60), line(1, 400), line(2, 500)];
    expect(localExtractionScope([line(0, 200)], 0)).toEqual({ scope: 'document' });
    expect(localExtractionScope(article, 1)).toEqual({ scope: 'line', line: article[1] });
    expect(localExtractionScope(article, undefined)).toEqual({ scope: 'document' });
    expect(localExtractionScope([line(0, 60), line(1, 700_000)], 1)).toBeUndefined();
    expect(localExtractionScope([line(0, 60), line(1, 700_000)], undefined)).toBeUndefined();
    expect(localExtractionScope(article, 9)).toBeUndefined();
  });
});
