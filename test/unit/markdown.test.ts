import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownCodeSpan } from '../../src/core/markdown';

describe('markdown for hovers and tooltips', () => {
  it('puts an id in a code span as written, without backslashes (issue 12: `100\\_4e1a...`)', () => {
    expect(markdownCodeSpan('100_4e1a2b3c4d5e6f70')).toBe('`100_4e1a2b3c4d5e6f70`');
    expect(markdownCodeSpan('1-2*3')).toBe('`1-2*3`');
  });

  it('fences backticks with a longer run and pads a span that starts or ends with one', () => {
    expect(markdownCodeSpan('a`b')).toBe('``a`b``');
    expect(markdownCodeSpan('`ab``')).toBe('``` `ab`` ```');
  });

  it('escapes emphasis text outside code spans', () => {
    expect(escapeMarkdown('a_b*c')).toBe('a\\_b\\*c');
  });
});
