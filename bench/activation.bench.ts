/**
 * Activation benchmark: the CPU time of loading the extension bundle (dist/extension.js) and
 * running activate() with the entity features enabled but idle (a workspace without seed
 * files), in plain Node with a stand-in for the `vscode` module. Also says whether activation
 * read the entity model or loaded compromise (it must do neither: they wait for an entity
 * feature). Target: <= 100 ms of CPU.
 *
 * Run: `npm run bench -- activation` (builds dist/ first).
 */
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-activation-'));

/** A stand-in for any VS Code API object: every property is another stand-in, calls return one. */
function standIn(name: string): unknown {
  const own = new Map<PropertyKey, unknown>();
  const target = function () { /* a callable stand-in */ };
  return new Proxy(target, {
    set(_t, prop, value) {
      own.set(prop, value);
      return true;
    },
    get(_t, prop) {
      if (own.has(prop)) return own.get(prop);
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* () { /* empty */ };
      if (prop === Symbol.toPrimitive) return () => 0;
      if (prop === 'length') return 0;
      if (prop === 'subscriptions' || prop === 'workspaceFolders') return [];
      if (prop === 'fsPath' || prop === 'path') return path.join(storage, 'storage');
      if (prop === 'get') return (_key: string, fallback: unknown) => fallback;
      if (prop === 'toString') return () => `stand-in ${name}`;
      return standIn(`${name}.${String(prop)}`);
    },
    apply(_t, _self, args: unknown[]) {
      // l10n.t returns its message; everything else another stand-in.
      if (name.endsWith('.t')) return String(args[0]);
      return standIn(`${name}()`);
    },
    construct() {
      return standIn(`new ${name}`) as object;
    },
  });
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const root = path.join(__dirname, '../..');
  const bundle = path.join(root, 'dist/extension.js');
  const source = fs.readFileSync(bundle, 'utf8');
  // Every top-level vscode namespace the bundle names, so esbuild's module interop sees them.
  const names = [...new Set([...source.matchAll(/vscode\d*\.([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]))];
  const api = new Proxy({}, {
    get: (_t, prop) => (prop === '__esModule' ? undefined : standIn(String(prop))),
    ownKeys: () => names,
    getOwnPropertyDescriptor: (_t, prop) => ({ enumerable: true, configurable: true, value: standIn(String(prop)) }),
  });
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  (require.cache as Record<string, unknown>).vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api };
  const reads: string[] = [];
  // The module object itself (what the bundle's require('fs') gets): `import * as fs` compiles to a
  // namespace copy whose properties are read-only getters.
  const fsModule = createRequire(__filename)('node:fs') as { readFileSync: typeof fs.readFileSync };
  const readFileSync = fsModule.readFileSync;
  fsModule.readFileSync = function (file: fs.PathOrFileDescriptor, ...rest: unknown[]) {
    reads.push(String(file));
    return (readFileSync as (...a: unknown[]) => unknown).call(fsModule, file, ...rest);
  } as typeof fs.readFileSync;
  const cpu = (from: NodeJS.CpuUsage): number => {
    const u = process.cpuUsage(from);
    return (u.user + u.system) / 1000;
  };
  const start = process.cpuUsage();
  const extension = createRequire(bundle)(bundle) as { activate: (context: unknown) => unknown };
  const loadMs = cpu(start);
  extension.activate(standIn('context'));
  const activateMs = cpu(start);
  await new Promise((r) => setTimeout(r, 1000));
  const settledMs = cpu(start);
  fsModule.readFileSync = readFileSync;
  console.log(`activation (plain Node, stand-in vscode; entities enabled, no seed files):`);
  console.log(`  load dist/extension.js (${(source.length / 1024).toFixed(0)} KB)   ${loadMs.toFixed(0)} ms CPU`);
  console.log(`  + activate()                  ${activateMs.toFixed(0)} ms CPU (target <= 100 ms)`);
  console.log(`  + the following second        ${settledMs.toFixed(0)} ms CPU`);
  // compromise is no longer used at run time: the check is that the bundle does not carry it and
  // nothing requires it from node_modules.
  const compromiseRequired = Object.keys(require.cache).some((k) => k.includes(`${path.sep}compromise${path.sep}`));
  console.log(`  entity model read: ${reads.some((r) => r.includes('entity-model')) ? 'YES' : 'no'}; compromise in the bundle: ${/compromise/i.test(source) ? 'YES' : 'no'}, required: ${compromiseRequired ? 'YES' : 'no'}`);
}
