// End to end through `seed-review entities` (the built CLI, as a user runs it): a lexicon entry
// with "matchLowercase": true is found where the text writes it in lower case (and in capitals),
// with the taught type and canonical name; without the option the lower-case occurrence is not an
// entity. And the lexicon wins over the model: a name the model types one way comes out with the
// type the user taught. (Core unit tests: entities-lexicon.test.ts.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-runner';

interface Mention { type: string; text: string; canonical: string; line: number; column: number; length: number }

const ID = '001_aaaaaaaaaaaaaaaa';
const body = [
  'Acme Widgets cuts jobs in Kharkiv',
  'Olena Kowalski said Acme Widgets would close two plants, and staff at acme widgets heard it on Monday.',
  'In Kharkiv, ACME WIDGETS said nothing; the acme widgetsmiths union did not comment.',
  'Workers in kharkiv were told by letter.',
];
const corpus = [`<<< ${ID}`, ...body, `>>> ${ID}`, ''].join('\n');

/** The lower-case "acme widgets" of body line 2 (file line 3), 1-based column. */
const LOWER = { line: 3, column: body[1].indexOf('acme widgets') + 1, length: 'acme widgets'.length };

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-lexicon-lower-'));
  writeFileSync(path.join(dir, 'a.seed'), corpus);
  return dir;
}

/** Every mention `seed-review entities a.seed --format json` lists, run from `dir`. */
function entities(dir: string, extra: string[] = []): Mention[] {
  const result = runCli(['entities', 'a.seed', '--format', 'json', '--workers', '0', ...extra], dir);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return result.lines.flatMap((line) => (JSON.parse(line) as { entities: Mention[] }).entities);
}

const at = (found: Mention[], line: number, column: number) => found.find((m) => m.line === line && m.column === column);

describe('entities: lexicon entries with "matchLowercase"', () => {
  const acme = (matchLowercase?: boolean) => ({ text: 'Acme Widgets', type: 'organization', ...(matchLowercase === undefined ? {} : { matchLowercase }) });

  it('the model alone does not take the lower-case words for a name', () => {
    const found = entities(folder());
    expect(at(found, LOWER.line, LOWER.column)).toBeUndefined();
    expect(found.some((m) => m.text === 'acme widgets')).toBe(false);
  });

  for (const source of ['.seed-review.json', '.seed-entities.json', '--lexicon'] as const) {
    it(`taught in ${source}: the lower-case occurrence is listed with the taught type and canonical name, as are the capitalised ones`, () => {
      const dir = folder();
      const lexicon = { entities: [acme(true)] };
      if (source === '.seed-review.json') writeFileSync(path.join(dir, source), `// the team's\n${JSON.stringify({ lexicon })}\n`);
      else writeFileSync(path.join(dir, source === '--lexicon' ? 'mine.json' : source), JSON.stringify(lexicon));
      const found = entities(dir, source === '--lexicon' ? ['--lexicon', 'mine.json'] : []);
      expect(at(found, LOWER.line, LOWER.column)).toEqual({ type: 'organization', text: 'acme widgets', canonical: 'Acme Widgets', ...LOWER });
      // Capitalised and all-capitals occurrences: the same entity.
      const acmes = found.filter((m) => m.canonical === 'Acme Widgets').map((m) => `${m.line}:${m.column} ${m.type} ${m.text}`);
      expect(acmes).toEqual([
        '2:1 organization Acme Widgets',
        `3:${body[1].indexOf('Acme Widgets') + 1} organization Acme Widgets`,
        `3:${LOWER.column} organization acme widgets`,
        `4:${body[2].indexOf('ACME WIDGETS') + 1} organization ACME WIDGETS`,
      ]);
      // Only at word boundaries: "acme widgetsmiths" is no occurrence.
      expect(found.some((m) => /widgetsmiths/i.test(m.text))).toBe(false);
    });
  }

  for (const option of ['absent', 'false'] as const) {
    it(`with the option ${option}, the same text's lower-case occurrence is not listed; the capitalised ones still are`, () => {
      const dir = folder();
      writeFileSync(path.join(dir, '.seed-review.json'), JSON.stringify({ lexicon: { entities: [acme(option === 'absent' ? undefined : false)] } }));
      const found = entities(dir);
      expect(at(found, LOWER.line, LOWER.column)).toBeUndefined();
      expect(found.some((m) => m.text === 'acme widgets')).toBe(false);
      expect(found.filter((m) => m.text === 'Acme Widgets').map((m) => `${m.line}:${m.column} ${m.type}`))
        .toEqual(['2:1 organization', `3:${body[1].indexOf('Acme Widgets') + 1} organization`]);
    });
  }

  it('the lexicon wins over the model: a place the model finds, taught as an organisation, is one everywhere, lower case included', () => {
    const dir = folder();
    // The model's view first: the capitalised Kharkiv is a place (twice); the lower-case one is no
    // organisation (today the model calls it a place too).
    const model = entities(dir).filter((m) => m.text.toLowerCase() === 'kharkiv');
    expect(model.filter((m) => m.text === 'Kharkiv').map((m) => `${m.line}:${m.column} ${m.type}`)).toEqual([
      `2:${body[0].indexOf('Kharkiv') + 1} place`,
      '4:4 place',
    ]);
    expect(model.some((m) => m.type === 'organization')).toBe(false);
    writeFileSync(path.join(dir, '.seed-review.json'), JSON.stringify({ lexicon: { entities: [{ text: 'Kharkiv', type: 'organization', matchLowercase: true }] } }));
    const taught = entities(dir).filter((m) => m.text.toLowerCase() === 'kharkiv');
    expect(taught.map((m) => `${m.line}:${m.column} ${m.type} ${m.text} → ${m.canonical}`)).toEqual([
      `2:${body[0].indexOf('Kharkiv') + 1} organization Kharkiv → Kharkiv`,
      '4:4 organization Kharkiv → Kharkiv',
      `5:${body[3].indexOf('kharkiv') + 1} organization kharkiv → Kharkiv`,
    ]);
    // The forced type of "types" wins too: it retypes each mention the model found (and finds no new one).
    writeFileSync(path.join(dir, '.seed-review.json'), JSON.stringify({ lexicon: { types: { Kharkiv: 'organization' } } }));
    const typed = entities(dir).filter((m) => m.text.toLowerCase() === 'kharkiv');
    expect(typed.map((m) => `${m.line}:${m.column} ${m.type}`)).toEqual(model.map((m) => `${m.line}:${m.column} organization`));
  });

  it('gives the same lower-case matches with worker threads as without', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-lexicon-lower-'));
    // 40 documents: enough for the CLI to extract them in worker threads.
    const blocks: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `${String(300 + i)}_${i.toString(16).padStart(16, '0')}`;
      blocks.push(`<<< ${id}`, ...body, `>>> ${id}`);
    }
    writeFileSync(path.join(dir, 'a.seed'), blocks.join('\n') + '\n');
    writeFileSync(path.join(dir, '.seed-review.json'), JSON.stringify({ lexicon: { entities: [acme(true)] } }));
    const inProcess = runCli(['entities', 'a.seed', '--format', 'json', '--workers', '0'], dir);
    const threaded = runCli(['entities', 'a.seed', '--format', 'json', '--workers', '2'], dir);
    expect(inProcess.code, inProcess.stderr).toBe(0);
    expect(threaded.code, threaded.stderr).toBe(0);
    expect(threaded.stdout).toBe(inProcess.stdout);
    const docs = threaded.lines.map((line) => JSON.parse(line) as { entities: Mention[] });
    expect(docs.length).toBe(40);
    expect(docs.every((d) => d.entities.some((m) => m.text === 'acme widgets' && m.type === 'organization'))).toBe(true);
  });
});
