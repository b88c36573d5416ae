import { describe, expect, it } from 'vitest';
import { inWindow, LENS_WINDOW_DEFAULTS, lensWindow, LensWindows, windowOutgrown } from '../../src/core/review/lens-window';

const FILE = 'file:///corpus.seed';
const span = (start: number, end: number) => ({ start, end });

describe('lensWindow: the lines whose documents get lenses', () => {
  it('widens each visible range by the margin, within the file', () => {
    expect(lensWindow([span(5000, 5040)], 100_000, 3000)).toEqual([span(2000, 8040)]);
    expect(lensWindow([span(10, 50)], 100_000, 3000)).toEqual([span(0, 3050)]);
    expect(lensWindow([span(99_980, 99_999)], 100_000, 3000)).toEqual([span(96_980, 99_999)]);
  });

  it('merges ranges whose windows overlap or touch, keeps the others apart, sorted', () => {
    expect(lensWindow([span(50_000, 50_040), span(100, 140)], 100_000, 1000)).toEqual([span(0, 1140), span(49_000, 51_040)]);
    expect(lensWindow([span(1000, 1040), span(3000, 3040)], 100_000, 1000)).toEqual([span(0, 4040)]);
    expect(lensWindow([span(1000, 1040), span(3081, 3100)], 100_000, 1000)).toEqual([span(0, 2040), span(2081, 4100)]);
  });

  it('with no visible range known, the top of the file (where a fresh editor opens)', () => {
    expect(lensWindow([], 100_000, 3000)).toEqual([span(0, 3000)]);
  });

  it('takes a range given end first, and a file shorter than the margin whole', () => {
    expect(lensWindow([span(5040, 5000)], 100_000, 100)).toEqual([span(4900, 5140)]);
    expect(lensWindow([span(3, 9)], 20, 3000)).toEqual([span(0, 19)]);
  });
});

describe('inWindow', () => {
  it('finds a line in sorted spans, ends included', () => {
    const window = [span(0, 10), span(100, 200), span(500, 500)];
    for (const line of [0, 10, 100, 150, 200, 500]) expect(inWindow(window, line)).toBe(true);
    for (const line of [11, 99, 201, 499, 501, -1]) expect(inWindow(window, line)).toBe(false);
    expect(inWindow([], 0)).toBe(false);
  });
});

describe('windowOutgrown: when a scroll calls for new lenses', () => {
  const window = [span(2000, 8040)];

  it('not while the visible range stays farther than the edge from both ends of the window', () => {
    expect(windowOutgrown(window, [span(3500, 3540)], 100_000, 1500)).toBe(false);
    expect(windowOutgrown(window, [span(6500, 6540)], 100_000, 1500)).toBe(false);
  });

  it('once it comes within the edge of either end, or leaves the window', () => {
    expect(windowOutgrown(window, [span(3499, 3539)], 100_000, 1500)).toBe(true);
    expect(windowOutgrown(window, [span(6510, 6550)], 100_000, 1500)).toBe(true);
    expect(windowOutgrown(window, [span(90_000, 90_040)], 100_000, 1500)).toBe(true);
  });

  it('the file\'s own ends are no edge: the top and the end of the file never ask again', () => {
    expect(windowOutgrown([span(0, 3040)], [span(0, 40)], 100_000, 1500)).toBe(false);
    expect(windowOutgrown([span(96_960, 99_999)], [span(99_960, 99_999)], 100_000, 1500)).toBe(false);
  });

  it('each of several visible ranges (split editors) must be inside a span', () => {
    const two = [span(0, 3040), span(47_000, 53_040)];
    expect(windowOutgrown(two, [span(0, 40), span(50_000, 50_040)], 100_000, 1500)).toBe(false);
    expect(windowOutgrown(two, [span(0, 40), span(60_000, 60_040)], 100_000, 1500)).toBe(true);
  });
});

describe('LensWindows: the windows given to VS Code, by file', () => {
  it('gives every lens below the threshold: no window, nothing recorded, no scroll asks again', () => {
    const windows = new LensWindows({ minDocuments: 2000, margin: 3000, edge: 1500 });
    expect(windows.provide(FILE, 1999, 30_000, [span(0, 40)])).toBeUndefined();
    expect(windows.windowOf(FILE)).toBeUndefined();
    expect(windows.visibleChanged(FILE, [span(29_000, 29_040)])).toBe(false);
  });

  it('from the threshold on, a window around the visible lines; a jump far away asks once, then the new window is given', () => {
    const windows = new LensWindows({ minDocuments: 2000, margin: 3000, edge: 1500 });
    expect(windows.provide(FILE, 2000, 100_000, [span(0, 40)])).toEqual([span(0, 3040)]);
    // Scrolling a few screens: nothing.
    for (let top = 0; top <= 1400; top += 40) expect(windows.visibleChanged(FILE, [span(top, top + 40)])).toBe(false);
    // Ctrl+End: one request, not one per scroll event until VS Code asks.
    expect(windows.visibleChanged(FILE, [span(99_960, 99_999)])).toBe(true);
    expect(windows.visibleChanged(FILE, [span(99_950, 99_990)])).toBe(false);
    expect(windows.provide(FILE, 2000, 100_000, [span(99_960, 99_999)])).toEqual([span(96_960, 99_999)]);
    expect(windows.windowOf(FILE)).toEqual([span(96_960, 99_999)]);
  });

  it('a steady scroll asks again only every (margin - edge) lines or so, always before the screen reaches the window\'s end', () => {
    const { margin, edge } = LENS_WINDOW_DEFAULTS;
    const windows = new LensWindows();
    const lineCount = 200_000;
    windows.provide(FILE, 10_067, lineCount, [span(0, 40)]);
    let asked = 0;
    for (let top = 0; top + 40 < lineCount; top += 40) {
      const visible = [span(top, top + 40)];
      if (windows.visibleChanged(FILE, visible)) {
        asked++;
        // VS Code asks at once here; even so, the screen was still `edge` lines inside the old window.
        const window = windows.provide(FILE, 10_067, lineCount, visible);
        expect(window).toEqual([span(Math.max(0, top - margin), Math.min(lineCount - 1, top + 40 + margin))]);
      }
      expect(inWindow(windows.windowOf(FILE) ?? [], top + 40)).toBe(true);
    }
    expect(asked).toBeGreaterThan(lineCount / margin);
    expect(asked).toBeLessThan(lineCount / (margin - edge) + 2);
  });

  it('forget drops a file; the threshold crossed downwards drops its window', () => {
    const windows = new LensWindows({ minDocuments: 10, margin: 100, edge: 50 });
    windows.provide(FILE, 10, 1000, [span(0, 10)]);
    windows.forget(FILE);
    expect(windows.windowOf(FILE)).toBeUndefined();
    windows.provide(FILE, 10, 1000, [span(0, 10)]);
    windows.provide(FILE, 9, 1000, [span(0, 10)]);
    expect(windows.windowOf(FILE)).toBeUndefined();
    expect(windows.visibleChanged(FILE, [span(900, 910)])).toBe(false);
  });
});
