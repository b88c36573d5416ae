import { mkdtempSync, writeFileSync, mkdirSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli as run } from './cli-runner';

const fixtures = path.join(root, 'test/fixtures');
const realSeed = path.join(fixtures, '000_0f5d7b9424756893.txt');
const malformed = path.join(fixtures, 'malformed/all-codes.seed');
const valid = path.join(fixtures, 'valid/sample.seed');


describe('seed-review check', () => {
  it('accepts a valid corpus with exit 0 and a summary', () => {
    const result = run(['check', path.relative(root, valid)]);
    expect(result.code).toBe(0);
    expect(result.lines.at(-1)).toMatch(/^1 file checked: 0 errors, \d+ warnings?, \d+ information$/);
  });

  it('reports every code of the malformed fixture as FILE:LINE:COL: SEVERITY CODE message, exit 1', () => {
    const result = run(['check', 'test/fixtures/malformed/all-codes.seed']);
    expect(result.code).toBe(1);
    const diagnosticLines = result.lines.slice(0, -1);
    for (const line of diagnosticLines) {
      expect(line).toMatch(/^test\/fixtures\/malformed\/all-codes\.seed:\d+:\d+: (error|warning|information|hint) SEED\d{3} \S.*$/);
    }
    const codes = new Set(diagnosticLines.map((line) => /SEED\d{3}/.exec(line)![0]));
    for (let n = 1; n <= 11; n++) expect(codes).toContain(`SEED${String(n).padStart(3, '0')}`);
    expect(result.lines.at(-1)).toMatch(/^1 file checked: [1-9]\d* errors?, /);
  });

  it('prints one JSON object per diagnostic with 1-based positions', () => {
    const text = run(['check', malformed]);
    const json = run(['check', malformed, '--format', 'json']);
    expect(json.code).toBe(1);
    const objects = json.lines.map((line) => JSON.parse(line));
    expect(objects.length).toBe(text.lines.length - 1);
    for (const object of objects) {
      expect(Object.keys(object)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
      expect(object.line).toBeGreaterThanOrEqual(1);
      expect(object.column).toBeGreaterThanOrEqual(1);
      expect(['error', 'warning', 'information', 'hint']).toContain(object.severity);
    }
    // The text form and the JSON form agree on positions.
    const first = objects[0];
    expect(text.lines[0].startsWith(`test/fixtures/malformed/all-codes.seed:${first.line}:${first.column}: ${first.severity} ${first.code}`)).toBe(true);
  });

  it('columns count UTF-16 units, like VS Code', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-cli-'));
    // "é" and "😀" before the bad attribute: 1 + 2 UTF-16 units.
    writeFileSync(path.join(dir, 'c.seed'), '<<< 001_0123456789abcdef src="é😀" date=2024-13-01\nHeadline\n>>> 001_0123456789abcdef\n');
    const result = run(['check', 'c.seed', '--format', 'json'], dir);
    const dateProblem = result.lines.map((line) => JSON.parse(line)).find((d) => d.code === 'SEED010');
    expect(dateProblem).toBeDefined();
    const line = '<<< 001_0123456789abcdef src="é😀" date=2024-13-01';
    const expectedStart = line.indexOf('date=') + 1;
    expect(dateProblem.column).toBeGreaterThanOrEqual(expectedStart);
    expect(dateProblem.endColumn).toBeLessThanOrEqual(line.length + 1);
  });

  it('searches folders recursively for .seed and bare seed files only', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-cli-'));
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    copyFileSync(valid, path.join(dir, 'a/one.seed'));
    copyFileSync(realSeed, path.join(dir, 'a/b/000_0f5d7b9424756893.txt'));
    writeFileSync(path.join(dir, 'a/notes.txt'), 'not a seed file <<< \n');
    const result = run(['check', '.'], dir);
    expect(result.code).toBe(0);
    expect(result.lines.at(-1)).toMatch(/^2 files checked: 0 errors/);
  });

  it('refuses unreadable input with one clear line and exit 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-cli-'));
    mkdirSync(path.join(dir, 'empty'));
    writeFileSync(path.join(dir, 'bin.seed'), Buffer.from([0x3c, 0x3c, 0x3c, 0x00, 0x01, 0x02]));
    writeFileSync(path.join(dir, 'latin1.seed'), Buffer.from('<<< 001_0123456789abcdef\nCaf\xe9\n>>> 001_0123456789abcdef\n', 'latin1'));
    const cases: [string[], RegExp][] = [
      [['check', 'missing.seed'], /^seed-review: missing\.seed: no such file or folder$/],
      [['check', 'empty'], /^seed-review: empty: no seed files here/],
      [['check', 'bin.seed'], /^seed-review: bin\.seed: looks like a binary file/],
      [['check', 'latin1.seed'], /^seed-review: latin1\.seed: not valid UTF-8 \(first bad byte at offset 28\)/],
      [['check'], /^seed-review: check needs at least one file or folder/],
      [['check', 'x.seed', '--format', 'xml'], /^seed-review: --format must be text, json, sarif or github/],
      [['check', '--bogus'], /^seed-review: .*bogus.*/],
      [['frobnicate'], /^seed-review: unknown command "frobnicate"/],
      [['outline', 'missing.seed'], /^seed-review: missing\.seed: no such file or folder$/],
    ];
    for (const [args, message] of cases) {
      const result = run(args, dir);
      expect(result.code, args.join(' ')).toBe(2);
      const errLines = result.stderr.split('\n').filter((line) => line && !line.includes('nodedir'));
      expect(errLines, args.join(' ')).toHaveLength(1);
      expect(errLines[0]).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('has --help and --version', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: seed-review <command>/);
    expect(help.stdout).toMatch(/check PATH/);
    const version = run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    expect(run(['check', '--help']).stdout).toMatch(/Usage: seed-review check/);
  });
});

describe('seed-review outline', () => {
  it('prints the real seed as one bare document in JSON', () => {
    const result = run(['outline', realSeed, '--format', 'json']);
    expect(result.code).toBe(0);
    const outline = JSON.parse(result.stdout);
    expect(outline.documents).toHaveLength(1);
    expect(outline.documents[0]).toMatchObject({
      id: '000_0f5d7b9424756893',
      headline: 'Zelensky’s spirit beat Putin! Russian soldiers fleeing from Ukraine',
      status: 'unreviewed',
      startLine: 1,
      endLine: 8,
      attributes: {},
    });
  });

  it('gives 1-based delimiter lines and attributes for a corpus', () => {
    const result = run(['outline', valid, '--format', 'json']);
    const outline = JSON.parse(result.stdout);
    const text = readFileSync(valid, 'utf8').split(/\r?\n/);
    expect(outline.documents.length).toBeGreaterThan(1);
    for (const doc of outline.documents) {
      expect(text[doc.startLine - 1].startsWith(`<<< ${doc.id}`)).toBe(true);
      expect(text[doc.endLine - 1]).toBe(`>>> ${doc.id}`);
      expect(typeof doc.attributes).toBe('object');
    }
  });

  it('prints a readable tree', () => {
    const result = run(['outline', valid]);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/valid\/sample\.seed: \d+ documents/);
    expect(result.lines.some((line) => /^[├└]─ \d{3,}_[0-9a-f]{16} \[\w+\] /.test(line))).toBe(true);
  });
});
