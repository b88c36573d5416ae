import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** The repository root. */
export const root = path.resolve(__dirname, '../..');

const cli = path.join(root, 'bin/seed-review.js');

/** Runs the built CLI (dist/, built by global-setup.ts) as a user would, from `cwd`. */
export function runCli(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter(Boolean) };
}
