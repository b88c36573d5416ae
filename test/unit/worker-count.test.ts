import { describe, expect, it } from 'vitest';
import { automaticWorkerCount } from '../../src/core/worker-count';

describe('automaticWorkerCount', () => {
  it('leaves one core free, keeps at least one worker and at most four', () => {
    expect(automaticWorkerCount(1)).toBe(1);
    expect(automaticWorkerCount(2)).toBe(1);
    expect(automaticWorkerCount(3)).toBe(2);
    expect(automaticWorkerCount(8)).toBe(4);
    expect(automaticWorkerCount(64)).toBe(4);
  });
});
