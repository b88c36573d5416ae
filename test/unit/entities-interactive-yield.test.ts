import { describe, expect, it } from 'vitest';
import { InteractiveYield, YIELD_BURST_MS, YIELD_EARN_RATIO, YIELD_WINDOW_MS } from '../../src/core/entities/interactive-yield';
import { fakeScheduler } from './fake-scheduler';

/** A rule over a fake scheduler, recording every pause and resume with its time. */
function rule(options: { windowMs?: number; burstMs?: number; earnRatio?: number } = {}) {
  const fake = fakeScheduler();
  const changes: [number, boolean][] = [];
  const y = new InteractiveYield({ scheduler: fake.scheduler, setPaused: (paused) => changes.push([fake.scheduler.now(), paused]), ...options });
  return { ...fake, y, changes };
}

describe('InteractiveYield (the build gives the cores to interactive requests)', () => {
  it('pauses on a request and resumes a window after the last one', () => {
    const { y, advance, changes } = rule({ windowMs: 200 });
    expect(y.isPaused).toBe(false);
    y.interactive();
    expect(changes).toEqual([[0, true]]);
    advance(150);
    y.interactive(); // extends the pause: 200 ms after this one
    advance(199);
    expect(y.isPaused).toBe(true);
    advance(1);
    expect(changes).toEqual([[0, true], [350, false]]);
    expect(y.stats).toEqual({ pauses: 1, pausedMs: 350, refused: 0 });
  });

  it('defaults: a 250 ms window, an 8 s burst, half a millisecond earned per millisecond run', () => {
    expect([YIELD_WINDOW_MS, YIELD_BURST_MS, YIELD_EARN_RATIO]).toEqual([250, 8000, 0.5]);
    const { y, advance, changes } = rule();
    y.interactive();
    advance(1000);
    expect(changes).toEqual([[0, true], [250, false]]);
  });

  it('never starves the build: a request every 50 ms for a minute pauses it at most burst + ratio x running time', () => {
    const { y, advance, changes } = rule({ windowMs: 200, burstMs: 2000, earnRatio: 0.5 });
    let paused = 0;
    let last = 0;
    let state = false;
    const minute = 60_000;
    for (let t = 0; t < minute; t += 50) {
      y.interactive();
      advance(50);
    }
    advance(1000);
    for (const [at, p] of changes) {
      if (state) paused += at - last;
      last = at;
      state = p;
    }
    expect(state).toBe(false);
    const running = minute - paused;
    expect(paused).toBeLessThanOrEqual(2000 + 0.5 * running + 1e-6);
    // And it did give the requests a real share: the burst, then about a third of the time.
    expect(paused).toBeGreaterThan(2000 + 0.5 * running - 1000);
    expect(y.stats.refused).toBeGreaterThan(0);
    // Pauses after the burst never start with less than a window's credit: no flapping every request.
    expect(changes.length).toBeLessThan((minute / 600) * 2 + 4);
  });

  it('a request finding no credit does not pause; running earns the credit back, up to the burst', () => {
    const { y, advance } = rule({ windowMs: 100, burstMs: 300, earnRatio: 0.5 });
    for (let t = 0; t < 300; t += 50) {
      y.interactive();
      advance(50);
    }
    // The 300 ms of credit are spent: resumed at 300 ms however many requests come.
    expect(y.isPaused).toBe(false);
    expect(y.creditMs).toBe(0);
    y.interactive();
    expect(y.isPaused).toBe(false);
    expect(y.stats.refused).toBe(1);
    advance(150); // 75 ms earned: less than a window
    y.interactive();
    expect(y.isPaused).toBe(false);
    expect(y.stats.refused).toBe(2);
    advance(50); // 100 ms: a window's worth
    y.interactive();
    expect(y.isPaused).toBe(true);
    advance(10_000);
    expect(y.isPaused).toBe(false);
    expect(y.creditMs).toBe(300);
  });

  it('leaves no timer behind, and dispose resumes at once and ignores later requests', () => {
    const { y, advance, changes, pending } = rule({ windowMs: 200 });
    y.interactive();
    advance(500);
    expect(pending()).toBe(0);
    y.interactive();
    y.dispose();
    expect(changes).toEqual([[0, true], [200, false], [500, true], [500, false]]);
    expect(pending()).toBe(0);
    y.interactive();
    advance(1000);
    expect(changes).toHaveLength(4);
  });

  it('a zero window turns it off', () => {
    const { y, changes } = rule({ windowMs: 0 });
    y.interactive();
    expect(changes).toEqual([]);
  });
});
