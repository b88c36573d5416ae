/**
 * `seed-review check` as CI uses it: cross-file checks, the project file, output formats,
 * --max-warnings, --quiet, -o, --fix and --fix-dry-run.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli as run } from './cli-runner';

const malformed = path.join(root, 'test/fixtures/malformed/all-codes.seed');

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-check-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const doc = (id: string, headline: string) => `<<< ${id}\n${headline}\nBody of ${headline}.\n>>> ${id}\n`;

describe('check: cross-file checks over everything given', () => {
  it('two copies of one corpus: SEED012 in each file, pointing at the other', () => {
    const dir = workspace({ 'a.seed': doc('001_0123456789abcdef', 'One'), 'copy/a.seed': doc('001_0123456789abcdef', 'One') });
    const result = run(['check', '.', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect(result.lines.map((line) => JSON.parse(line))).toEqual([
      { file: 'a.seed', line: 1, column: 5, endLine: 1, endColumn: 25, severity: 'warning', code: 'SEED012', message: "Id '001_0123456789abcdef' is also used in a.seed; expected ids to be unique across the workspace." },
      { file: 'copy/a.seed', line: 1, column: 5, endLine: 1, endColumn: 25, severity: 'warning', code: 'SEED012', message: "Id '001_0123456789abcdef' is also used in a.seed; expected ids to be unique across the workspace." },
    ]);
  });

  it('the same text under two ids in two files: SEED013', () => {
    const dir = workspace({ 'a.seed': doc('001_0123456789abcdef', 'Same'), 'b.seed': doc('002_0123456789abcdef', 'Same') });
    const codes = run(['check', 'a.seed', 'b.seed', '--format', 'json'], dir).lines.map((line) => JSON.parse(line).code);
    expect(codes).toEqual(['SEED013', 'SEED013']);
  });
});

describe('check: the project file .seed-review.json', () => {
  it('is found walking up from each file; severity, crossFileChecks and ignore apply', () => {
    const dir = workspace({
      '.seed-review.json': '// the team\'s choices\n{ "severity": { "SEED008": "error", "SEED011": "off" }, "ignore": ["corpus/drafts/**"], }\n',
      'corpus/a.seed': '<<< 002_0123456789abcdef\n>>> 002_0123456789abcdef\n<<< 001_0123456789abcdee\nH\n>>> 001_0123456789abcdee\n',
      'corpus/drafts/b.seed': '<<< broken\n',
      'other/.seed-review.json': '{ "crossFileChecks": false }',
      'other/a.seed': doc('002_0123456789abcdef', 'Other'),
    });
    const result = run(['check', 'corpus', 'other', '--format', 'json'], dir);
    const found = result.lines.map((line) => JSON.parse(line)).map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`);
    expect(found).toEqual([
      'corpus/a.seed:1 error SEED008',
      'corpus/a.seed:1 warning SEED012', // other/ opts out of cross-file reports for its own files only
    ]);
    expect(result.code).toBe(1);
  });

  it('a malformed project file: exit 2 with its position, nothing checked', () => {
    const dir = workspace({ '.seed-review.json': '{\n  "severity": { "SEED011": "off" }\n  "ignore": []\n}\n', 'a.seed': doc('001_0123456789abcdef', 'One') });
    expect(run(['check', 'a.seed'], dir)).toMatchObject({
      code: 2, stdout: '', stderr: 'seed-review: .seed-review.json:3:3: invalid JSON: comma expected; this file is not used until it is fixed\n',
    });
    writeFileSync(path.join(dir, '.seed-review.json'), '{ "severity": { "SEED011": "quiet" } }');
    expect(run(['check', 'a.seed'], dir)).toMatchObject({
      code: 2, stderr: 'seed-review: .seed-review.json:1:28: the severity of SEED011 must be one of error, warning, information, hint, off\n',
    });
  });
});

describe('check: formats and gates', () => {
  it('github: one workflow command per diagnostic, with the severity as the command and values escaped', () => {
    const dir = workspace({ 'a b.seed': '<<< 001_0123456789abcdef\nH\n>>> 001_0123456789abcdef\n<<< 002_0123456789abcdef date=2024,13-01\nH2\n>>> 002_0123456789abcdef\n<<< 003_0123456789abcdef\n' });
    const result = run(['check', 'a b.seed', '--format', 'github'], dir);
    expect(result.code).toBe(1);
    expect(result.lines).toHaveLength(2);
    expect(result.lines[0]).toBe("::warning file=a b.seed,line=4,col=31,endLine=4,endColumn=41,title=SEED010::Date '2024,13-01' is not YYYY-MM-DD; expected e.g. 2022-09-10.");
    expect(result.lines[1]).toMatch(/^::error file=a b\.seed,line=7,col=1,endLine=7,endColumn=25,title=SEED001::Document '003_0123456789abcdef' is never closed/);
  });

  it('--max-warnings, --quiet and -o', () => {
    const dir = workspace({ 'a.seed': '<<< 001_0123456789abcdef\n>>> 001_0123456789abcdef\n<<< 002_0123456789abcdef\n>>> 002_0123456789abcdef\n' });
    expect(run(['check', 'a.seed'], dir).code).toBe(0);
    expect(run(['check', 'a.seed', '--max-warnings', '2'], dir).code).toBe(0);
    expect(run(['check', 'a.seed', '--max-warnings', '1'], dir)).toMatchObject({ code: 1, stderr: 'seed-review: 2 warnings, more than --max-warnings 1\n' });
    expect(run(['check', 'a.seed', '--max-warnings', 'x'], dir).code).toBe(2);
    expect(run(['check', 'a.seed', '--quiet'], dir).lines).toEqual(['1 file checked: 0 errors, 0 warnings, 0 information']);
    const written = run(['check', 'a.seed', '--format', 'json', '-o', 'report.json'], dir);
    expect(written).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8').trim().split('\n').map((line) => JSON.parse(line).code)).toEqual(['SEED008', 'SEED008']);
  });
});

describe('check --fix', () => {
  it('rewrites only files with fixes, atomically, and reports what remains', () => {
    const dir = workspace({ 'clean.seed': doc('001_0123456789abcdef', 'Clean') });
    copyFileSync(malformed, path.join(dir, 'broken.seed'));
    const cleanBefore = statSync(path.join(dir, 'clean.seed'));
    const before = run(['check', '.', '--format', 'json'], dir).lines.map((line) => JSON.parse(line));
    const dry = run(['check', '.', '--fix-dry-run'], dir);
    expect(dry.stdout).toMatch(/^--- a\/broken\.seed\n\+\+\+ b\/broken\.seed\n@@ /);
    expect(dry.lines.at(-1)).toBe('--fix would change 1 file');
    expect(readFileSync(path.join(dir, 'broken.seed'))).toEqual(readFileSync(malformed));

    const fixed = run(['check', '.', '--fix'], dir);
    expect(fixed.lines.at(-1)).toBe('fixed 1 file; the problems above remain');
    const after = run(['check', '.', '--format', 'json'], dir).lines.map((line) => JSON.parse(line));
    expect(after.length).toBeLessThan(before.length);
    const cleanAfter = statSync(path.join(dir, 'clean.seed'));
    expect([cleanAfter.ino, cleanAfter.mtimeMs]).toEqual([cleanBefore.ino, cleanBefore.mtimeMs]);
    // Nothing left that --fix could do: a second run changes nothing.
    expect(run(['check', '.', '--fix-dry-run'], dir).lines.at(-1)).toBe('--fix would change nothing');
  });

  it('leaves codes the project file turned off unfixed', () => {
    const dir = workspace({ '.seed-review.json': '{ "severity": { "SEED003": "off" } }', 'a.seed': '<<< 001_0123456789abcdef\nH\n>>> 001_0123456789abcdee\n' });
    expect(run(['check', 'a.seed', '--fix-dry-run'], dir).lines.at(-1)).toBe('--fix would change nothing');
  });
});
