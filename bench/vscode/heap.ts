// Heap figures for the benchmarks that run inside the extension host, where node is not started
// with --expose-gc: the flag is set at run time and gc taken from a fresh context.
import * as v8 from 'v8';
import * as vm from 'vm';

/** A function that runs a full garbage collection in this process. */
export function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose_gc');
  return vm.runInNewContext('gc') as () => void;
}

/** The heap in use after three collections with pauses between them, so finalisers and timers settle. */
export async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}
