/**
 * Timers and yielding, which differ between hosts (Node has setImmediate, a browser's worker does
 * not). Long work in the extension host runs in slices and yields between them through this, so
 * typing and hovers stay responsive in every host.
 */

/** A cancellable pending callback. */
export interface TimerHandle {
  cancel(): void;
}

/** The host's clock and event loop, as the language service uses them. */
export interface HostScheduler {
  /** Runs `callback` once after `ms` milliseconds, unless cancelled first. */
  after(ms: number, callback: () => void): TimerHandle;
  /** Resolves once the host has had a turn to handle other events (input, messages, I/O). */
  yieldToHost(): Promise<void>;
  /** A monotonic clock in milliseconds, for slicing work by time. */
  now(): number;
}

/**
 * A scheduler from the timers every JavaScript host has: setTimeout for delays and for yielding
 * (a zero-delay timeout lets pending events run first), performance.now for the clock.
 */
export const standardScheduler: HostScheduler = {
  after(ms, callback) {
    const handle = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(handle) };
  },
  yieldToHost() {
    return new Promise((resolve) => setTimeout(resolve, 0));
  },
  now() {
    return performance.now();
  },
};
