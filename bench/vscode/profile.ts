// CPU figures of the extension host for the benchmarks in the real VS Code: the machine is shared
// (up to 4 sessions on 2 cores), so wall time alone says little; the host's own CPU time says
// what the extension cost, and a CPU profile says where.
import * as fs from 'fs';

/** The extension host process's CPU time (user + system) in milliseconds since it started. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** With SEED_BENCH_PROFILE=FILE, a CPU profile of the extension host during `work` (open it in Chrome DevTools). */
export async function profiled<T>(work: () => Promise<T>, file = process.env.SEED_BENCH_PROFILE): Promise<T> {
  if (!file) return work();
  const inspector = await import('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await post('Profiler.stop') as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}
