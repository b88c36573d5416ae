import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './cli-runner';

const A = '001_0000000000000001';
const B = '002_0000000000000002';
const C = '010_00000000000000aa';
const D = '011_00000000000000bb';

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-review-cli-'));
  mkdirSync(path.join(dir, 'seeds'));
  writeFileSync(path.join(dir, `seeds/${A}.txt`), 'Head one\nPara\n');
  writeFileSync(path.join(dir, `seeds/${B}.txt`), 'Head two\n');
  writeFileSync(path.join(dir, 'c.seed'), `<<< ${C} source=x\nH\n>>> ${C}\n<<< ${D}\nH2\n>>> ${D}\n`);
  return dir;
}

describe('seed-review review', () => {
  it('writes bare files\' statuses to the folder ledger and corpus statuses to the open lines, never touching bare files', () => {
    const dir = workspace();
    expect(run(['review', 'seeds', '--status', 'approved'], dir)).toMatchObject({ code: 0, stdout: 'seeds/seed-review.jsonl: set approved on 2 documents\n' });
    expect(run(['review', `seeds/${B}.txt`, '--status', 'flagged', '--note', 'look "here"'], dir).code).toBe(0);
    expect(run(['review', `c.seed#${D}`, '--status', 'rejected', '--note', 'hm'], dir)).toMatchObject({ code: 0, stdout: 'c.seed: set rejected on 1 document\n' });
    expect(readFileSync(path.join(dir, 'seeds/seed-review.jsonl'), 'utf8')).toBe(
      `{"id": "${A}", "attributes": {"status": "approved"}}\n{"id": "${B}", "attributes": {"status": "flagged", "note": "look \\"here\\""}}\n`);
    expect(readFileSync(path.join(dir, `seeds/${A}.txt`), 'utf8')).toBe('Head one\nPara\n');
    expect(readFileSync(path.join(dir, 'c.seed'), 'utf8')).toBe(`<<< ${C} source=x\nH\n>>> ${C}\n<<< ${D} status=rejected note="hm"\nH2\n>>> ${D}\n`);
    expect(run(['review', `seeds/${A}.txt`, '--status', 'unreviewed'], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, 'seeds/seed-review.jsonl'), 'utf8')).not.toContain(A);
  });

  it('outline shows ledger statuses for bare files', () => {
    const dir = workspace();
    run(['review', `seeds/${B}.txt`, '--status', 'rejected'], dir);
    const json = JSON.parse(run(['outline', `seeds/${B}.txt`, '--format', 'json'], dir).stdout);
    expect(json.documents[0]).toMatchObject({ id: B, status: 'rejected', attributes: { status: 'rejected' } });
    expect(run(['outline', `seeds/${B}.txt`], dir).stdout).toContain(`${B} [rejected] Head two`);
  });

  it('refuses a ledger with a conflict marker, an unknown id and a bad status in one line each, writing nothing', () => {
    const dir = workspace();
    const ledger = `<<<<<<< HEAD\n{"id": "${A}", "attributes": {"status": "approved"}}\n`;
    writeFileSync(path.join(dir, 'seeds/seed-review.jsonl'), ledger);
    expect(run(['review', 'seeds', '--status', 'approved'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^seed-review: seeds\/seed-review\.jsonl:1:1: SEED014 Git conflict marker/) });
    expect(readFileSync(path.join(dir, 'seeds/seed-review.jsonl'), 'utf8')).toBe(ledger);
    expect(run(['review', `c.seed#${A}`, '--status', 'approved'], dir)).toMatchObject({ code: 2, stderr: `seed-review: c.seed#${A}: no document with this id in c.seed\n` });
    expect(run(['review', 'c.seed', '--status', 'maybe'], dir).code).toBe(2);
  });

  it('split writes the ledger and bundle reads it back: bare files -> bundle -> split keeps the bytes, ledger included', () => {
    const dir = workspace();
    run(['review', 'seeds', '--status', 'approved'], dir);
    run(['review', `seeds/${B}.txt`, '--note', 'n'], dir);
    expect(run(['bundle', 'seeds', '-o', 'all.seed'], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, 'all.seed'), 'utf8')).toBe(`<<< ${A} status=approved\nHead one\nPara\n>>> ${A}\n<<< ${B} status=approved note="n"\nHead two\n>>> ${B}\n`);
    expect(run(['split', 'all.seed', '-o', 'out'], dir)).toMatchObject({ code: 0, stderr: '' });
    for (const name of [`${A}.txt`, `${B}.txt`, 'seed-review.jsonl']) {
      expect(readFileSync(path.join(dir, 'out', name), 'utf8'), name).toBe(readFileSync(path.join(dir, 'seeds', name), 'utf8'));
    }
  });
});
