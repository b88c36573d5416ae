import type { HostScheduler } from '../core/host/scheduler';

/**
 * The scheduler of Node hosts: setImmediate yields after pending I/O and messages without the
 * 1 ms floor of a zero-delay setTimeout, which would add a second to a scan of 1,000 files.
 */
export const nodeScheduler: HostScheduler = {
  after(ms, callback) {
    const handle = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(handle) };
  },
  yieldToHost() {
    return new Promise((resolve) => setImmediate(resolve));
  },
  now() {
    return performance.now();
  },
};
