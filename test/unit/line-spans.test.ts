import { describe, expect, it } from 'vitest';
import { spanIndexAt } from '../../src/core/line-spans';

describe('spanIndexAt', () => {
  const spans = [{ a: 0, b: 2 }, { a: 4, b: 4 }, { a: 6, b: 9 }];
  const at = (line: number) => spanIndexAt(spans, line, (s) => s.a, (s) => s.b);

  it('finds the span holding a line, both ends included', () => {
    expect([0, 1, 2, 4, 6, 9].map(at)).toEqual([0, 0, 0, 1, 2, 2]);
  });

  it('answers -1 between spans, before the first, after the last and with none', () => {
    expect([3, 5, -1, 10].map(at)).toEqual([-1, -1, -1, -1]);
    expect(spanIndexAt([], 0, () => 0, () => 0)).toBe(-1);
  });
});
