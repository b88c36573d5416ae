import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { propertySeed } from '../properties/properties';

/**
 * Builds dist/ once before any test file runs. Test files run in parallel: building in each
 * file's beforeAll let one file rewrite dist/cli.js while another was running it.
 */
export default function setup(): void {
  const root = path.resolve(__dirname, '../..');
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`node esbuild.mjs failed:\n${build.stderr}`);
  console.log(`property tests: seed ${propertySeed()} (set SEED_PROPERTY_SEED to change it, SEED_PROPERTY_RUNS for more runs)`);
}
