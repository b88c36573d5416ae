import type { HostScheduler } from '../core/host/scheduler';

interface PortLike {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
}

/**
 * The scheduler of the browser's web worker extension host. A zero-delay setTimeout is clamped to
 * 4 ms once nested, which would make a scan that yields between 1,000 files take seconds; a
 * message to ourselves through a MessageChannel runs after pending events without that clamp.
 */
export function createWebScheduler(): HostScheduler {
  // The project compiles against Node's types (no DOM library): the DOM's MessagePort, as typed here.
  const channel = new MessageChannel() as unknown as { port1: PortLike; port2: PortLike };
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return {
    after(ms, callback) {
      const handle = setTimeout(callback, ms);
      return { cancel: () => clearTimeout(handle) };
    },
    yieldToHost() {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(undefined);
      });
    },
    now() {
      return performance.now();
    },
  };
}
