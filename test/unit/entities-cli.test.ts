import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli as run } from './cli-runner';

const sample = 'test/fixtures/sample.seed';
const realSeed = 'test/fixtures/000_0f5d7b9424756893.txt';

interface Mention { type: string; text: string; canonical: string; line: number; column: number; length: number }
interface Doc { id: string; entities: Mention[] }

function json(args: string[]): Doc[] {
  const result = run([...args, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return result.lines.map((line) => JSON.parse(line) as Doc);
}

/** Every mention's text is what the file holds at its 1-based line and UTF-16 column. */
function expectPositionsMatch(file: string, docs: Doc[]): void {
  const lines = readFileSync(path.resolve(root, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const doc of docs) {
    for (const m of doc.entities) {
      expect(lines[m.line - 1].slice(m.column - 1, m.column - 1 + m.length), `${doc.id} ${m.line}:${m.column}`).toBe(m.text);
    }
  }
}


describe('seed-review entities', () => {
  it('prints one JSON object per document, every mention with 1-based line and column', () => {
    const docs = json(['entities', sample]);
    const outline = run(['outline', sample, '--format', 'json']);
    const ids = (JSON.parse(outline.stdout) as { documents: { id: string }[] }).documents.map((d) => d.id);
    expect(docs.map((d) => d.id)).toEqual(ids);
    for (const doc of docs) {
      expect(Object.keys(doc)).toEqual(['id', 'entities']);
      for (const m of doc.entities) {
        expect(Object.keys(m)).toEqual(['type', 'text', 'canonical', 'line', 'column', 'length']);
        expect(['person', 'place', 'organization']).toContain(m.type);
        expect(m.length).toBe(m.text.length);
      }
    }
    expectPositionsMatch(sample, docs);
    const hartmann = docs.find((d) => d.id === '103_7f2a4c6e8b0d1357')?.entities.find((m) => m.text === 'Lena Hartmann');
    expect(hartmann).toEqual({ type: 'person', text: 'Lena Hartmann', canonical: 'Lena Hartmann', line: 29, column: 10, length: 13 });
  });

  it('counts columns in UTF-16 units after non-ASCII text on the same line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-entities-cli-'));
    const file = path.join(dir, 'columns.seed');
    // "ü" is one UTF-16 unit (two UTF-8 bytes), the emoji two units (one code point).
    const body = 'Fans in Zürich 🙂 cheered as Anna Schmidt of the United Nations arrived in Geneva on Monday.';
    writeFileSync(file, ['<<< 300_00000000000000c1', 'Visit to Geneva', body, '>>> 300_00000000000000c1', ''].join('\n'));
    const anna = json(['entities', file])[0].entities.find((m) => m.text === 'Anna Schmidt');
    expect(anna).toMatchObject({ type: 'person', line: 3, column: body.indexOf('Anna') + 1, length: 12 });
  });

  it('consolidates over the whole file: a surname links to the full name mentioned elsewhere', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-entities-cli-'));
    const file = path.join(dir, 'linked.seed');
    writeFileSync(file, [
      '<<< 200_00000000000000a1',
      'Governor Lena Hartmann warns on inflation',
      'Governor Lena Hartmann told lawmakers in Berlin on Thursday that prices were still rising too fast.',
      '>>> 200_00000000000000a1',
      '<<< 201_00000000000000a2',
      'Markets calm after speech',
      'The governor, Hartmann, said on Friday that the bank would act again if needed.',
      '>>> 201_00000000000000a2',
      '',
    ].join('\n'));
    const docs = json(['entities', file]);
    const surname = docs[1].entities.find((m) => m.text === 'Hartmann');
    expect(surname).toMatchObject({ type: 'person', canonical: 'Lena Hartmann', line: 7, column: 15, length: 8 });
  });

  it('reads a bare seed file as one document named after the file', () => {
    const docs = json(['entities', realSeed]);
    expect(docs.map((d) => d.id)).toEqual(['000_0f5d7b9424756893']);
    expect(docs[0].entities.length).toBeGreaterThan(0);
    expectPositionsMatch(realSeed, docs);
  });

  it('prints a readable table without --format json', () => {
    const result = run(['entities', sample]);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^test\/fixtures\/sample\.seed: 12 documents, \d+ mentions of \d+ entities$/);
    expect(result.stdout).toContain('103_7f2a4c6e8b0d1357  Central bank holds rates steady, signals cut in summer');
    expect(result.stdout).toMatch(/\n {2}29:10 +person +Lena Hartmann\n/);
  });

  it('applies a lexicon file: ignore, forced type, added entity; invalid entries are warned about and skipped', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-entities-cli-'));
    const lexicon = path.join(dir, 'lexicon.json');
    writeFileSync(lexicon, JSON.stringify({
      ignore: ['Antwerp'],
      types: { Scheldt: 'organization' },
      entities: [{ text: 'Marathon', type: 'organization' }, { text: 'Zorro', type: 'hero' }],
    }));
    const result = run(['entities', sample, '--format', 'json', '--lexicon', lexicon]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: .*entities\[1\] \("Zorro"\): "type" must be/);
    const mentions = result.lines.flatMap((line) => (JSON.parse(line) as Doc).entities);
    expect(mentions.some((m) => m.text === 'Antwerp')).toBe(false);
    expect(mentions.find((m) => m.text === 'Scheldt')?.type).toBe('organization');
    expect(mentions.find((m) => m.text === 'Marathon')).toMatchObject({ type: 'organization', line: 59, column: 1 });
  });

  it('gives the same result with worker threads as without', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-entities-cli-'));
    const file = path.join(dir, 'many.seed');
    const body = readFileSync(path.join(root, sample), 'utf8');
    // 40 documents: enough for the workers to share them out.
    const blocks: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `${String(300 + i)}_${i.toString(16).padStart(16, '0')}`;
      const doc = body.split('\n').slice(3, 8).concat(body.split('\n').slice(25, 30));
      blocks.push(`<<< ${id}`, ...doc.filter((l) => !/^(<<<|>>>|#)/.test(l) && l.trim()), `>>> ${id}`);
    }
    writeFileSync(file, blocks.join('\n') + '\n');
    const inProcess = run(['entities', file, '--format', 'json', '--workers', '0']);
    const threaded = run(['entities', file, '--format', 'json', '--workers', '2']);
    expect(inProcess.code, inProcess.stderr).toBe(0);
    expect(threaded.code, threaded.stderr).toBe(0);
    expect(threaded.lines.length).toBe(40);
    expect(threaded.stdout).toBe(inProcess.stdout);
  });

  it('rejects bad usage with exit 2 and one line', () => {
    expect(run(['entities']).code).toBe(2);
    const format = run(['entities', sample, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr.trim()).toBe('seed-review: --format must be text or json, not "xml"');
    expect(run(['entities', 'no-such-file.seed']).code).toBe(2);
    expect(run(['entities', sample, '--workers', 'lots']).code).toBe(2);
  });
});
