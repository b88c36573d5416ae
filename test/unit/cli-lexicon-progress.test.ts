// `entities` uses the lexicon the editor would: the nearest .seed-review.json's "lexicon" and the
// nearest .seed-entities.json, found walking up from the file, then --lexicon. Long runs of
// `check` and `entities` show progress on stderr only when it is a terminal.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/io';
import { runCli } from './cli-runner';

interface Mention { type: string; text: string }

const corpus = [
  '<<< 001_aaaaaaaaaaaaaaaa',
  'Talks in Kharkiv',
  'Olena Kowalski met the Acme Widgets board in Kharkiv on Monday.',
  'Reuters reported that the Scheldt talks went on.',
  '>>> 001_aaaaaaaaaaaaaaaa',
  '',
].join('\n');

function mentions(stdout: string): Mention[] {
  return stdout.split('\n').filter(Boolean).flatMap((line) => (JSON.parse(line) as { entities: Mention[] }).entities);
}

function project(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-lexicon-'));
  mkdirSync(path.join(dir, 'corpus', 'news'), { recursive: true });
  const file = path.join(dir, 'corpus', 'news', 'a.seed');
  writeFileSync(file, corpus);
  return { dir, file };
}

describe('entities: the lexicon files of the corpus', () => {
  it('without lexicon files, the model alone', () => {
    const { dir } = project();
    const result = runCli(['entities', 'corpus/news/a.seed', '--format', 'json', '--workers', '0'], dir);
    expect(result.code, result.stderr).toBe(0);
    const found = mentions(result.stdout);
    expect(found.find((m) => m.text === 'Olena Kowalski')?.type).toBe('person');
    expect(found.find((m) => m.text === 'Reuters')?.type).toBe('organization');
    expect(found.find((m) => m.text === 'Acme Widgets')?.type).toBe('organization');
  });

  it('reads the nearest .seed-entities.json above the file, and the nearest .seed-review.json\'s lexicon', () => {
    const { dir } = project();
    writeFileSync(path.join(dir, '.seed-entities.json'), JSON.stringify({ ignore: ['Reuters'], types: { 'Olena Kowalski': 'organization' } }));
    writeFileSync(path.join(dir, 'corpus', '.seed-review.json'), '// the team\'s\n{ "lexicon": { "entities": [{ "text": "Acme Widgets", "type": "person" }], "types": { "Olena Kowalski": "place" } } }');
    const result = runCli(['entities', 'corpus/news/a.seed', '--format', 'json', '--workers', '0'], dir);
    expect(result.code, result.stderr).toBe(0);
    const found = mentions(result.stdout);
    expect(found.find((m) => m.text === 'Acme Widgets')?.type).toBe('person');
    expect(found.some((m) => m.text === 'Reuters')).toBe(false);
    // Both name Olena Kowalski: .seed-entities.json wins over the project file, as in the editor.
    expect(found.find((m) => m.text === 'Olena Kowalski')?.type).toBe('organization');
  });

  it('--lexicon has the last word', () => {
    const { dir } = project();
    writeFileSync(path.join(dir, '.seed-entities.json'), JSON.stringify({ types: { 'Olena Kowalski': 'organization' } }));
    writeFileSync(path.join(dir, 'mine.json'), JSON.stringify({ types: { 'Olena Kowalski': 'place' } }));
    const result = runCli(['entities', 'corpus/news/a.seed', '--format', 'json', '--workers', '0', '--lexicon', 'mine.json'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(mentions(result.stdout).find((m) => m.text === 'Olena Kowalski')?.type).toBe('place');
  });

  it('a malformed project file: exit 2 with its position; a bad lexicon entry in it is a warning', () => {
    const { dir } = project();
    writeFileSync(path.join(dir, '.seed-review.json'), '{\n  "lexicon": { "types": { "Reuters": "place" } }\n  "ignore": []\n}');
    const broken = runCli(['entities', 'corpus/news/a.seed'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim()).toBe('seed-review: .seed-review.json:3:3: invalid JSON: comma expected; this file is not used until it is fixed');
    writeFileSync(path.join(dir, '.seed-review.json'), '{ "lexicon": { "types": { "Olena Kowalski": "river" } } }');
    const warned = runCli(['entities', 'corpus/news/a.seed', '--format', 'json', '--workers', '0'], dir);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/^seed-review: warning: \.seed-review\.json lexicon: .*Olena Kowalski.* \(skipped\)$/m);
  });
});

describe('progress on stderr', () => {
  function io(cwd: string, terminal: boolean) {
    const err: string[] = [];
    const progress: string[] = [];
    const cliIo: CliIO = { out: () => undefined, err: (line) => err.push(line), cwd, ...(terminal ? { progress: (text: string) => progress.push(text) } : {}) };
    return { cliIo, err, progress };
  }

  it('check over many files: a progress line on a terminal, cleared at the end; nothing otherwise', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-progress-'));
    for (let i = 0; i < 150; i++) {
      const id = `${String(i + 1).padStart(3, '0')}_${i.toString(16).padStart(16, '0')}`;
      writeFileSync(path.join(dir, `f${i}.seed`), `<<< ${id}\nHeadline ${i}\n>>> ${id}\n`);
    }
    const terminal = io(dir, true);
    expect(await main(['check', '.'], terminal.cliIo)).toBe(0);
    expect(terminal.progress[0]).toMatch(/^checking 1\/150 files$/);
    expect(terminal.progress.at(-1)).toBe('');
    expect(terminal.err).toEqual([]);
    const pipe = io(dir, false);
    expect(await main(['check', '.'], pipe.cliIo)).toBe(0);
    expect(pipe.err).toEqual([]);
  });

  it('entities over many documents: the documents done so far, then cleared', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-progress-'));
    const blocks: string[] = [];
    for (let i = 0; i < 250; i++) {
      const id = `${String(i + 1).padStart(3, '0')}_${i.toString(16).padStart(16, '0')}`;
      blocks.push(`<<< ${id}`, `Talks ${i} in Kharkiv`, `>>> ${id}`);
    }
    writeFileSync(path.join(dir, 'many.seed'), blocks.join('\n') + '\n');
    const terminal = io(dir, true);
    expect(await main(['entities', 'many.seed', '--workers', '0'], terminal.cliIo)).toBe(0);
    expect(terminal.progress[0]).toMatch(/^extracting entities: \d+\/250 documents$/);
    expect(terminal.progress.at(-1)).toBe('');
    const pipe = io(dir, false);
    expect(await main(['entities', 'many.seed', '--workers', '0'], pipe.cliIo)).toBe(0);
    expect(pipe.err).toEqual([]);
  });
});

describe('exit codes stay 0 / 1 / 2', () => {
  it('a run that fails unexpectedly exits 2 with one line, never a stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-exit-'));
    writeFileSync(path.join(dir, 'a.seed'), 'stray\n');
    const err: string[] = [];
    const io: CliIO = { out: () => { throw new Error('the output went away'); }, err: (line) => err.push(line), cwd: dir };
    expect(await main(['check', '.'], io)).toBe(2);
    expect(err).toEqual(['seed-review: internal error: the output went away (please report this)']);
    expect(runCli(['check', '.'], dir).code).toBe(1);
    writeFileSync(path.join(dir, 'a.seed'), '<<< 001_0123456789abcdef\nA headline\n>>> 001_0123456789abcdef\n');
    expect(runCli(['check', '.'], dir).code).toBe(0);
  });
});
