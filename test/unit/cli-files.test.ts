/**
 * Regression tests for the command line's file handling (issue 12, section 3): atomic writes,
 * links, unreadable files in a folder, control characters in output, exit codes on a closed pipe,
 * read-only file systems. Each example from the issue is here as it was reported.
 */
import { spawnSync } from 'node:child_process';
import {
  lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/io';
import { HostFileError } from '../../src/core/host';
import { nodeFileSystem } from '../../src/node/node-file-system';
import { root, runCli as run } from './cli-runner';

const cliScript = path.join(root, 'bin/seed-review.js');

function folder(prefix = 'seed-files-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

function bare(n: number, body = `Headline ${n}\nParagraph ${n}.\n`): [string, string] {
  return [`${String(n).padStart(3, '0')}_${n.toString(16).padStart(16, '0')}.txt`, body];
}

/** A folder `in/` of `count` bare seed files, bundled into `all.seed`. */
function bundledCorpus(count: number): string {
  const dir = folder();
  mkdirSync(path.join(dir, 'in'));
  for (let n = 0; n < count; n++) {
    const [name, body] = bare(n);
    writeFileSync(path.join(dir, 'in', name), body);
  }
  expect(run(['bundle', 'in', '-o', 'all.seed'], dir).code).toBe(0);
  return dir;
}

async function inProcess(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (line) => out.push(line), err: (line) => err.push(line), cwd };
  const code = await main(args, io);
  return { code, out, err };
}

describe('every CLI write is atomic', () => {
  it('bundle --force: a failed write leaves the corpus being replaced whole and no temporary file', async () => {
    const dir = bundledCorpus(3);
    writeFileSync(path.join(dir, 'all.seed'), 'the corpus as it was');
    const spy = vi.spyOn(nodeFileSystem, 'writeFileAtomic').mockRejectedValue(new HostFileError('no-space', 'all.seed'));
    try {
      const result = await inProcess(['bundle', 'in', '-o', 'all.seed', '--force'], dir);
      expect(result).toMatchObject({ code: 2, err: ['seed-review: all.seed: cannot write: no space left on the device'] });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(path.join(dir, 'all.seed'), 'utf8')).toBe('the corpus as it was');
    expect(readdirSync(dir).sort()).toEqual(['all.seed', 'in']);
  });

  it('split --force: a failed write leaves no empty seed file, and the next run works', async () => {
    const dir = bundledCorpus(3);
    expect(run(['split', 'all.seed', '-o', 'out'], dir).code).toBe(0);
    const before = readdirSync(path.join(dir, 'out')).map((name) => readFileSync(path.join(dir, 'out', name), 'utf8'));
    const real = nodeFileSystem.writeFileAtomic.bind(nodeFileSystem);
    let calls = 0;
    // The second file's write fails as on a full disk.
    const spy = vi.spyOn(nodeFileSystem, 'writeFileAtomic').mockImplementation(async (location, data, options) => {
      if (++calls === 2) throw new HostFileError('no-space', location);
      return real(location, data, options);
    });
    try {
      const result = await inProcess(['split', 'all.seed', '-o', 'out', '--force'], dir);
      expect(result.code).toBe(2);
      expect(result.err[0]).toMatch(/001_0000000000000001\.txt: cannot write: no space left on the device$/);
    } finally {
      spy.mockRestore();
    }
    const names = readdirSync(path.join(dir, 'out')).sort();
    expect(names).toHaveLength(3);
    names.forEach((name, i) => expect(readFileSync(path.join(dir, 'out', name), 'utf8')).toBe(before[i]));
    expect(run(['split', 'all.seed', '-o', 'out', '--force'], dir).code).toBe(0);
  });

  it('split without --force publishes no file over one created meanwhile (the check is the write itself)', async () => {
    const dir = folder();
    const target = path.join(dir, 'x.txt');
    await nodeFileSystem.writeFileAtomic(target, new TextEncoder().encode('first'), { overwrite: false });
    await expect(nodeFileSystem.writeFileAtomic(target, new TextEncoder().encode('second'), { overwrite: false })).rejects.toMatchObject({ code: 'exists' });
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(readdirSync(dir)).toEqual(['x.txt']);
  });

  it('split --force refuses a link in the output folder, whatever it points at, and writes nothing', () => {
    const dir = bundledCorpus(2);
    mkdirSync(path.join(dir, 'out'));
    const outside = path.join(folder(), 'precious.txt');
    writeFileSync(outside, 'outside the folder');
    symlinkSync(outside, path.join(dir, 'out', bare(1)[0]));
    for (const force of [[], ['--force']]) {
      const result = run(['split', 'all.seed', '-o', 'out', ...force], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`seed-review: ${path.join('out', bare(1)[0])} is a symbolic link; split does not replace links, even with --force\n`);
    }
    expect(readFileSync(outside, 'utf8')).toBe('outside the folder');
    expect(readdirSync(path.join(dir, 'out'))).toEqual([bare(1)[0]]);
    expect(lstatSync(path.join(dir, 'out', bare(1)[0])).isSymbolicLink()).toBe(true);
  });
});

/** A tmpfs of `size` mounted for a test, when this process may mount (root on Linux); else undefined. */
function mountTmpfs(options: string): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const at = folder('seed-mount-');
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  mounted.push(at);
  return at;
}
const mounted: string[] = [];
afterAll(() => {
  for (const at of mounted) if (spawnSync('umount', [at]).status === 0) rmSync(at, { recursive: true, force: true });
});

describe('on a real full or read-only file system (needs root to mount a tmpfs; said when skipped)', () => {
  it('bundle --force on a full disk keeps the old corpus', () => {
    const small = mountTmpfs('size=64k');
    if (!small) {
      console.log('skipped: cannot mount a tmpfs here (not root); the in-process tests above cover the write path');
      return;
    }
    const dir = folder();
    mkdirSync(path.join(dir, 'in'));
    // About 200 KB of seed files: more than the 64 KB the target's file system holds.
    for (let n = 0; n < 200; n++) writeFileSync(path.join(dir, 'in', bare(n)[0]), `Headline ${n}\n${'word '.repeat(200)}\n`);
    writeFileSync(path.join(small, 'all.seed'), 'the corpus as it was\n');
    const result = run(['bundle', path.join(dir, 'in'), '-o', path.join(small, 'all.seed'), '--force'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write: no space left on the device\n$/);
    expect(readFileSync(path.join(small, 'all.seed'), 'utf8')).toBe('the corpus as it was\n');
    expect(readdirSync(small)).toEqual(['all.seed']);
  });

  it('split -o on a read-only file system says read-only', () => {
    const readOnly = mountTmpfs('ro,size=64k');
    if (!readOnly) {
      console.log('skipped: cannot mount a read-only tmpfs here (not root)');
      return;
    }
    const dir = bundledCorpus(1);
    const result = run(['split', 'all.seed', '-o', path.join(readOnly, 'seeds', 'deeper')], dir);
    expect(result).toMatchObject({ code: 2, stderr: `seed-review: ${path.join(readOnly, 'seeds', 'deeper')}: cannot create the folder: read-only file system\n` });
  });
});

describe('nodeFileSystem.createDirectory', () => {
  it('makes missing levels and names the real reason when it cannot', async () => {
    const dir = folder();
    await nodeFileSystem.createDirectory(path.join(dir, 'a', 'b', 'c'));
    expect(statSync(path.join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
    await nodeFileSystem.createDirectory(path.join(dir, 'a', 'b')); // already there: fine
    writeFileSync(path.join(dir, 'file'), '');
    await expect(nodeFileSystem.createDirectory(path.join(dir, 'file', 'x'))).rejects.toMatchObject({ code: 'not-directory' });
    await expect(nodeFileSystem.createDirectory(path.join(dir, 'file'))).rejects.toMatchObject({ code: 'not-directory' });
  });
});

describe('check DIR reads every file it can', () => {
  it('reports an unreadable file (NUL, invalid UTF-8), goes on, prints the summary and exits 2', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'a.seed'), Buffer.from([0x3c, 0x3c, 0x3c, 0x20, 0, 0x0a]));
    writeFileSync(path.join(dir, 'b.seed'), Buffer.from([0x61, 0xe9, 0x62, 0x0a]));
    writeFileSync(path.join(dir, 'c.seed'), '<<< 001_0123456789abcdef\nHeadline\n');
    const result = run(['check', '.'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe([
      'seed-review: a.seed: looks like a binary file (a NUL byte at offset 4); seed files are UTF-8 text',
      'seed-review: b.seed: not valid UTF-8 (first bad byte at offset 1); seed files must be UTF-8 text',
      '',
    ].join('\n'));
    expect(result.lines[0]).toMatch(/^c\.seed:1:1: error SEED001 /);
    expect(result.lines.at(-1)).toBe('1 file checked: 1 error, 0 warnings, 0 information; 2 files could not be read');
  });
});

describe('links met while walking a folder', () => {
  it('check follows links inside the folder once, says which links it skipped, and never loops', () => {
    const dir = folder();
    const outside = folder();
    writeFileSync(path.join(outside, 'far.seed'), '<<< 009_0123456789abcdef\nFar\n');
    mkdirSync(path.join(dir, 'corpus', 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'corpus', 'sub', 'real.seed'), '<<< 001_0123456789abcdef\nHeadline\n>>> 001_0123456789abcdef\n');
    symlinkSync(path.join(dir, 'corpus', 'sub', 'real.seed'), path.join(dir, 'corpus', 'alias.seed'));
    symlinkSync(path.join(dir, 'corpus'), path.join(dir, 'corpus', 'sub', 'loop'));
    symlinkSync(path.join(outside, 'far.seed'), path.join(dir, 'corpus', 'far.seed'));
    symlinkSync(outside, path.join(dir, 'corpus', 'elsewhere'));
    symlinkSync(path.join(dir, 'nothing.seed'), path.join(dir, 'corpus', 'broken.seed'));
    const result = run(['check', 'corpus'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'seed-review: skipped corpus/broken.seed: a symbolic link to nothing',
      'seed-review: skipped corpus/elsewhere: a symbolic link to a folder outside corpus',
      'seed-review: skipped corpus/far.seed: a symbolic link to a file outside corpus',
    ]);
    // real.seed once (not again through alias.seed or the loop), so no SEED012 against itself.
    expect(result.lines).toEqual(['1 file checked: 0 errors, 0 warnings, 0 information']);
  });

  it('check follows a link to a file of the tree that is not found otherwise', () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'corpus', '.hidden'), { recursive: true });
    writeFileSync(path.join(dir, 'corpus', '.hidden', 'x.seed'), '<<< 001_0123456789abcdef\nHeadline\n');
    symlinkSync(path.join(dir, 'corpus', '.hidden', 'x.seed'), path.join(dir, 'corpus', 'shown.seed'));
    const result = run(['check', 'corpus'], dir);
    expect(result.lines[0]).toMatch(/^corpus\/shown\.seed:1:1: error SEED001 /);
    expect(result.code).toBe(1);
  });

  it('bundle follows links inside the folder and says which it skipped', () => {
    const dir = folder();
    const outside = folder();
    mkdirSync(path.join(dir, 'in', 'real'), { recursive: true });
    const [a, aBody] = bare(1);
    const [b, bBody] = bare(2);
    writeFileSync(path.join(dir, 'in', 'real', a), aBody);
    writeFileSync(path.join(outside, b), bBody);
    symlinkSync(path.join(dir, 'in', 'real'), path.join(dir, 'in', 'linked'));
    symlinkSync(path.join(outside, b), path.join(dir, 'in', b));
    const result = run(['bundle', 'in', '-o', 'all.seed'], dir);
    expect(result).toMatchObject({ code: 0, stdout: 'bundled 1 file into all.seed\n' });
    expect(result.stderr).toBe(`seed-review: skipped in/${b}: a symbolic link to a file outside in\n`);
  });
});

describe('text output', () => {
  it('escapes terminal control characters a file carries (escape sequences, C1 controls, CR)', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'evil.seed'), '<<< 001_0123456789abcdef date=\u001b]0;pwned\u0007\u009b2J\r\nHeadline\u001b[2K\n');
    for (const args of [['check', 'evil.seed'], ['outline', 'evil.seed'], ['check', 'evil.seed', '--format', 'json']]) {
      const result = run(args, dir);
      expect(result.stdout + result.stderr, args.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    const check = run(['check', 'evil.seed'], dir);
    expect(check.stdout).toContain('\\u001b]0;pwned\\u0007\\u009b2J');
    // JSON stays valid and means the same string.
    const json = run(['check', 'evil.seed', '--format', 'json'], dir).lines.map((line) => JSON.parse(line));
    expect(json.some((d) => d.message.includes('\u001b]0;pwned\u0007\u009b2J'))).toBe(true);
  });
});

describe('exit codes on a closed pipe', () => {
  it('`check DIR | head -1` still exits 1 when there are errors', () => {
    const dir = folder();
    // Enough output that the reader is gone long before the writer is done.
    const lines: string[] = [];
    for (let n = 0; n < 20000; n++) lines.push(`<<< ${String(n).padStart(3, '0')}_0123456789abcdef`, 'stray close', '>>> x');
    writeFileSync(path.join(dir, 'big.seed'), lines.join('\n'));
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${cliScript}" check big.seed | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('1');
    expect(result.stderr).toBe('');
  });
});
