// The activation benchmark in a process of its own (started by run-all.ts): a process that ran
// other benchmarks first has compromise in its module cache and a warm JIT, which would falsify
// both the "required" check and the CPU figures. activate() ran against stand-ins that are never
// disposed, so its timers would keep the process alive: it exits when the figures are printed.
import { run } from './activation.bench';

run().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
