import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli as run } from './cli-runner';

const realSeed = readFileSync(path.join(root, 'test/fixtures/000_0f5d7b9424756893.txt'));

/** A folder of bare seed files with awkward bytes: CRLF, mixed endings, no final newline, BOM, delimiter-like lines. */
function seedFolder(): { dir: string; files: Record<string, Buffer> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-bundle-'));
  const files: Record<string, Buffer> = {
    '000_0f5d7b9424756893.txt': realSeed,
    '001_0000000000000001.txt': Buffer.from('\ufeffÜberschrift\r\nAbsatz — eins\r\n\r\n', 'utf8'),
    '002_0000000000000002.txt': Buffer.from('\n\nHead\nline\r\n>>> 002_0000000000000002\n<<<<<<< HEAD\nno newline', 'utf8'),
    '003_0000000000000003.txt': Buffer.from('', 'utf8'),
  };
  mkdirSync(path.join(dir, 'in/sub'), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name.startsWith('002') ? 'in/sub' : 'in', name), bytes);
  writeFileSync(path.join(dir, 'in/notes.txt'), 'not a seed');
  return { dir, files };
}


describe('seed-review bundle / split', () => {
  it('round trip through the CLI is byte-identical', () => {
    const { dir, files } = seedFolder();
    const bundled = run(['bundle', 'in', '-o', 'all.seed'], dir);
    expect(bundled.stderr).toBe('');
    expect(bundled).toMatchObject({ code: 0, stdout: 'bundled 4 files into all.seed\n' });
    const check = run(['check', 'all.seed'], dir);
    expect(check.stdout).toMatch(/1 file checked: 0 errors/);
    const split = run(['split', 'all.seed', '-o', 'out'], dir);
    // in/sub/002 comes after in/003: bundled in folder order, so split says the order is not file-name order.
    expect(split).toMatchObject({ code: 0, stdout: 'split all.seed into 4 files in out\n',
      stderr: 'seed-review: warning: all.seed: documents are not in file-name order (002_0000000000000002 after 003_0000000000000003); bundle writes them in file-name order\n' });
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(Object.keys(files).sort());
    for (const [name, bytes] of Object.entries(files)) expect(readFileSync(path.join(dir, 'out', name)).equals(bytes), name).toBe(true);
  });

  it('never overwrites without --force', () => {
    const { dir } = seedFolder();
    writeFileSync(path.join(dir, 'all.seed'), 'precious');
    const refused = run(['bundle', 'in', '-o', 'all.seed'], dir);
    expect(refused).toMatchObject({ code: 2, stdout: '', stderr: 'seed-review: all.seed already exists; use --force to overwrite it\n' });
    expect(readFileSync(path.join(dir, 'all.seed'), 'utf8')).toBe('precious');
    expect(run(['bundle', 'in', '-o', 'all.seed', '--force'], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, 'all.seed'), 'utf8')).toMatch(/^<<< 000_0f5d7b9424756893/);

    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'out/001_0000000000000001.txt'), 'precious');
    const splitRefused = run(['split', 'all.seed', '-o', 'out'], dir);
    expect(splitRefused.code).toBe(2);
    expect(splitRefused.stderr).toBe(`seed-review: ${path.join('out', '001_0000000000000001.txt')} already exists; use --force to overwrite\n`);
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['001_0000000000000001.txt']);
    expect(run(['split', 'all.seed', '-o', 'out', '--force'], dir).code).toBe(0);
    expect(readdirSync(path.join(dir, 'out'))).toHaveLength(4);
  });

  it('refuses duplicate ids, bad names and corpora with one line and exit 2', () => {
    const { dir } = seedFolder();
    mkdirSync(path.join(dir, 'dup'));
    writeFileSync(path.join(dir, 'dup/001_0000000000000001.txt'), 'again\n');
    const dup = run(['bundle', 'in', 'dup', '-o', 'x.seed'], dir);
    expect(dup.code).toBe(2);
    expect(dup.stderr.trim().split('\n')).toHaveLength(1);
    expect(dup.stderr).toMatch(/dup\/001_0000000000000001\.txt: duplicate id 001_0000000000000001 \(also in in\/001_0000000000000001\.txt\)/);
    expect(existsSync(path.join(dir, 'x.seed'))).toBe(false);

    const bad = run(['bundle', 'in/notes.txt', '-o', 'x.seed'], dir);
    expect(bad).toMatchObject({ code: 2, stderr: 'seed-review: in/notes.txt: not a bare seed file name (expected NNN_<16 lowercase hex digits>.txt)\n' });

    writeFileSync(path.join(dir, '009_0000000000000009.txt'), '<<< 009_0000000000000009\nH\n>>> 009_0000000000000009\n');
    expect(run(['bundle', '009_0000000000000009.txt', '-o', 'x.seed'], dir).stderr).toMatch(/is a corpus, not a bare seed file/);
    expect(run(['bundle', 'in', '-o', 'x.txt'], dir)).toMatchObject({ code: 2, stderr: 'seed-review: -o x.txt: the corpus must be a .seed file\n' });
  });

  it('split refuses ids that are not file names, duplicates and broken corpora, writing nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-split-'));
    writeFileSync(path.join(dir, 'a.seed'), '<<< 001_0000000000000001\nH\n>>> 001_0000000000000001\n<<< 001_0000000000000001\nH\n>>> 001_0000000000000001\n');
    const dup = run(['split', 'a.seed', '-o', 'out'], dir);
    expect(dup.code).toBe(2);
    expect(dup.stderr.trim().split('\n')).toHaveLength(1);
    expect(dup.stderr).toMatch(/^seed-review: a\.seed:4: /);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);

    writeFileSync(path.join(dir, 'b.seed'), '<<< 12_abc\nH\n>>> 12_abc\n');
    expect(run(['split', 'b.seed', '-o', 'out'], dir).stderr).toBe('seed-review: b.seed:1: id "12_abc" is not a seed id (NNN_<16 lowercase hex digits>): 12_abc.txt would not be read as a seed file\n');
    writeFileSync(path.join(dir, 'c.seed'), '<<< 001_0000000000000001 status=approved\nH\n>>> 001_0000000000000001\n');
    const warned = run(['split', 'c.seed', '-o', 'out'], dir);
    expect(warned).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(path.join(dir, 'out/seed-review.jsonl'), 'utf8')).toBe('{"id": "001_0000000000000001", "attributes": {"status": "approved"}}\n');
  });

  it('reports an unwritable place in one line', () => {
    const { dir } = seedFolder();
    expect(run(['bundle', 'in', '-o', 'in/notes.txt/all.seed'], dir))
      .toMatchObject({ code: 2, stderr: 'seed-review: in/notes.txt/all.seed: cannot write: a part of the path is not a folder\n' });
    expect(run(['bundle', 'in', '-o', 'all.seed'], dir).code).toBe(0);
    expect(run(['split', 'all.seed', '-o', 'in/notes.txt/out'], dir))
      .toMatchObject({ code: 2, stderr: 'seed-review: in/notes.txt/out: cannot create the folder: a part of the path is not a folder\n' });
    if (process.getuid?.() === 0) return; // root writes anywhere: the permission case cannot be set up
    mkdirSync(path.join(dir, 'locked'));
    chmodSync(path.join(dir, 'locked'), 0o500);
    const result = run(['bundle', 'in', '-o', 'locked/all.seed'], dir);
    expect(result).toMatchObject({ code: 2, stderr: 'seed-review: locked/all.seed: cannot write: permission denied\n' });
  });
});
