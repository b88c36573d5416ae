import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnnotated } from '../../scripts/entity-data';

describe('train:entities / eval:entities input: one clear message with its position', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'entity-data-'));
  const seed = path.join(dir, 'a.seed');
  writeFileSync(seed, '<<< 001_a1b2c3d4e5f60718\nHeadline about Oslo\n>>> 001_a1b2c3d4e5f60718\n');

  it('names the gold file and line of a line that is not JSON', () => {
    const gold = path.join(dir, 'bad.jsonl');
    writeFileSync(gold, '{"id":"001_a1b2c3d4e5f60718","entities":[]}\n{oops\n');
    expect(() => readAnnotated(seed, gold)).toThrow(`${gold}:2: not a JSON line`);
  });

  it('names the gold file and line of a JSON line of the wrong shape', () => {
    const gold = path.join(dir, 'shape.jsonl');
    writeFileSync(gold, '\n["001_a1b2c3d4e5f60718"]\n');
    expect(() => readAnnotated(seed, gold)).toThrow(`${gold}:2: expected {"id": "...", "entities": [...]}`);
  });

  it('reads a good pair', () => {
    const gold = path.join(dir, 'good.jsonl');
    writeFileSync(gold, '{"id":"001_a1b2c3d4e5f60718","entities":[{"type":"LOC","start":15,"end":19}]}\n');
    expect(readAnnotated(seed, gold).docs).toHaveLength(1);
  });
});
