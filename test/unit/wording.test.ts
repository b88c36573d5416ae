import { describe, expect, it } from 'vitest';
import { plural } from '../../src/core/wording';

describe('plural', () => {
  it('uses the singular for one and the plural otherwise, regular or given', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(0, 'file')).toBe('0 files');
    expect(plural(3, 'file')).toBe('3 files');
    expect(plural(1, 'entity', 'entities')).toBe('1 entity');
    expect(plural(2, 'entity', 'entities')).toBe('2 entities');
  });
});
