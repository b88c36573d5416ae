import { describe, expect, it } from 'vitest';
import { ShownValues } from '../../src/core/review/shown-values';

describe('ShownValues: which shown values a change makes stale', () => {
  it('reports no change while every shown value is still current', () => {
    const shown = new ShownValues<number | undefined>();
    shown.record('file:///a.seed', 'A', 3);
    shown.record('file:///a.seed', 'B', undefined);
    const now = new Map([['A', 3]]);
    expect(shown.anyChanged((_file, key) => now.get(key))).toBe(false);
  });

  it('reports a change when a count appears, changes or goes away', () => {
    const shown = new ShownValues<number | undefined>();
    shown.record('file:///a.seed', 'A', 3);
    shown.record('file:///a.seed', 'B', undefined);
    expect(shown.anyChanged((_file, key) => (key === 'A' ? 3 : 7))).toBe(true);
    expect(shown.anyChanged((_file, key) => (key === 'A' ? 4 : undefined))).toBe(true);
    expect(shown.anyChanged(() => undefined)).toBe(true);
  });

  it('asks about the file and key that were recorded, and a newer record replaces the older', () => {
    const shown = new ShownValues<number>();
    shown.record('file:///a.seed', 'A', 1);
    shown.record('file:///b.seed', 'A', 2);
    shown.record('file:///b.seed', 'A', 5);
    const asked: string[] = [];
    expect(shown.anyChanged((file, key) => {
      asked.push(`${file}#${key}`);
      return file.endsWith('a.seed') ? 1 : 5;
    })).toBe(false);
    expect(asked).toEqual(['file:///a.seed#A', 'file:///b.seed#A']);
  });

  it('forgets a file: its values no longer count', () => {
    const shown = new ShownValues<number>();
    shown.record('file:///a.seed', 'A', 1);
    shown.record('file:///b.seed', 'A', 2);
    shown.forget('file:///a.seed');
    const asked: string[] = [];
    expect(shown.anyChanged((file) => {
      asked.push(file);
      return file.endsWith('b.seed') ? 2 : 99;
    })).toBe(false);
    expect(asked).toEqual(['file:///b.seed']);
  });

  it('clears every file: nothing shown, nothing changed', () => {
    const shown = new ShownValues<number>();
    shown.record('file:///a.seed', 'A', 1);
    shown.record('file:///b.seed', 'B', 2);
    shown.clear();
    expect(shown.anyChanged(() => 99)).toBe(false);
  });
});
