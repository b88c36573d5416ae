import type { HostScheduler } from '../../src/core/host/scheduler';

/**
 * A clock and timers a test moves by hand, for core state machines that take a HostScheduler:
 * `advance(ms)` runs every timer that falls due, in order (timers set by those callbacks too, when
 * they fall due within the same advance).
 */
export function fakeScheduler() {
  let clock = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const scheduler: Pick<HostScheduler, 'after' | 'now'> = {
    now: () => clock,
    after: (ms, callback) => {
      const id = nextId++;
      timers.set(id, { at: clock + ms, callback });
      return { cancel: () => timers.delete(id) };
    },
  };
  const advance = (ms: number) => {
    const end = clock + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      timers.delete(due[0]);
      clock = Math.max(clock, due[1].at);
      due[1].callback();
    }
    clock = end;
  };
  return { scheduler, advance, pending: () => timers.size };
}
