import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import { classifyDelimiter } from '../../src/core/delimiters';
import { loadSeedGrammar, renderScopes, repoRoot, scopesOf, ScopedToken, tokenizeText } from './grammar-helpers';

const root = repoRoot();
const fixture = (name: string): string => fs.readFileSync(path.join(root, 'test', 'fixtures', name), 'utf8');
const ID = '000_0f5d7b9424756893';
const OPEN = `<<< ${ID}`;
const CLOSE = `>>> ${ID}`;

let grammar: IGrammar;
beforeAll(async () => {
  grammar = await loadSeedGrammar();
});

/** Tokenizes `text` and returns the tokens of its line `index` (0-based). */
function line(text: string, index: number): ScopedToken[] {
  return tokenizeText(grammar, text)[index];
}

/** Asserts that all of `needle` on that line carries a scope starting with `scope`. */
function expectScope(tokens: ScopedToken[], needle: string, scope: string): void {
  const scopes = scopesOf(tokens, needle);
  expect(scopes.some((s) => s === scope || s.startsWith(`${scope}.`)), `"${needle}" has [${scopes.join(', ')}], expected ${scope}`).toBe(true);
}

function expectNoScope(tokens: ScopedToken[], needle: string, scope: string): void {
  const text = tokens.map((t) => t.text).join('');
  const start = text.indexOf(needle);
  expect(start, `"${needle}" in ${text}`).toBeGreaterThanOrEqual(0);
  let pos = 0;
  for (const t of tokens) {
    const end = pos + t.text.length;
    if (end > start && pos < start + needle.length) {
      expect(t.scopes.filter((s) => s.startsWith(scope)), `"${t.text}" in "${needle}"`).toEqual([]);
    }
    pos = end;
  }
}

const hasInvalid = (tokens: ScopedToken[]): boolean => tokens.some((t) => t.scopes.some((s) => s.startsWith('invalid')));

describe('grammar file', () => {
  it('is what syntaxes/build-grammar.mjs generates', () => {
    expect(() => execFileSync(process.execPath, [path.join(root, 'syntaxes', 'build-grammar.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('ends every scope name in .seed', () => {
    const raw = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes', 'seed.tmLanguage.json'), 'utf8'));
    const names: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if ((k === 'name' || k === 'contentName') && typeof v === 'string') names.push(...v.split(' '));
          else walk(v);
        }
      }
    };
    walk(raw.repository);
    walk(raw.patterns);
    expect(names.length).toBeGreaterThan(20);
    for (const n of names) expect(n, n).toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9$-]+)*\.seed$/);
    expect(raw.scopeName).toBe('text.seed');
  });
});

describe('delimiters and ids', () => {
  it('scopes the open line: marker, id parts, attributes', () => {
    const t = line(`${OPEN} status=approved source=aljazeera`, 0);
    expectScope(t, '<<<', 'keyword.control.delimiter.open.seed');
    expectScope(t, '000', 'constant.numeric.sequence.seed');
    expectScope(t, '_', 'punctuation.separator.id.seed');
    expectScope(t, '0f5d7b9424756893', 'entity.name.tag.hash.seed');
    expectScope(t, ID, 'meta.id.seed');
    expectScope(t, 'source', 'entity.other.attribute-name.seed');
    expectScope(t, 'aljazeera', 'string.unquoted.seed');
    expect(hasInvalid(t)).toBe(false);
  });

  it('accepts sequence numbers longer than three digits', () => {
    const t = line('<<< 12345_0f5d7b9424756893', 0);
    expectScope(t, '12345', 'constant.numeric.sequence.seed');
    expect(hasInvalid(t)).toBe(false);
  });

  it('scopes the close line', () => {
    const t = line(`${OPEN}\nHeadline\n${CLOSE}`, 2);
    expectScope(t, '>>>', 'keyword.control.delimiter.close.seed');
    expectScope(t, '0f5d7b9424756893', 'entity.name.tag.hash.seed');
    expect(hasInvalid(t)).toBe(false);
  });

  it('ignores a leading BOM on the first line', () => {
    const t = line(`\uFEFF${OPEN} status=flagged\nHeadline`, 0);
    expectScope(t, '<<<', 'keyword.control.delimiter.open.seed');
    expectScope(t, 'flagged', 'constant.language.status.flagged.seed');
  });
});

describe('attributes', () => {
  it.each(['unreviewed', 'approved', 'rejected', 'flagged'])('gives status=%s its own scope, bare or quoted', (status) => {
    expectScope(line(`${OPEN} status=${status}`, 0), status, `constant.language.status.${status}.seed`);
    expectScope(line(`${OPEN} status="${status}" note=x`, 0), status, `constant.language.status.${status}.seed`);
  });

  it('leaves an unknown status value an ordinary string', () => {
    const t = line(`${OPEN} status=aproved`, 0);
    expectScope(t, 'aproved', 'string.unquoted.seed');
    expectNoScope(t, 'aproved', 'constant.language');
  });

  it('scopes quoted values with \\" and \\\\ escapes', () => {
    const t = line(`${OPEN} note="check \\"Izium\\" \\\\ claim" lang=en`, 0);
    expectScope(t, 'check ', 'string.quoted.double.seed');
    expectScope(t, '\\"', 'constant.character.escape.seed');
    expectScope(t, '\\\\', 'constant.character.escape.seed');
    expectScope(t, 'lang', 'entity.other.attribute-name.seed');
    expectScope(t, 'en', 'string.unquoted.seed');
    expect(hasInvalid(t)).toBe(false);
  });

  it('scopes a date attribute as a date', () => {
    expectScope(line(`${OPEN} date=2022-09-10`, 0), '2022-09-10', 'constant.numeric.date.seed');
  });

  it('marks malformed attributes invalid but keeps reading the line', () => {
    const t = line(`${OPEN} Bad=1 noequals x= note="open lang=en`, 0);
    expectScope(t, 'Bad', 'invalid.illegal.attribute-name.seed');
    expectScope(t, 'noequals', 'invalid.illegal.attribute.seed');
    expectScope(t, '=', 'punctuation.separator.key-value.seed');
    expectScope(t, 'x', 'entity.other.attribute-name.seed');
    expectScope(t, '"open lang=en', 'invalid.illegal.unterminated-string.seed');
    const missing = line(`${OPEN} lang= x=1`, 0);
    expectScope(missing, '=', 'invalid.illegal.missing-value.seed');
    expectScope(missing, '1', 'string.unquoted.seed');
    expectScope(line(`${OPEN} note="a \\n b"`, 0), '\\n', 'invalid.illegal.unknown-escape.seed');
  });
});

describe('comments, headline and body', () => {
  it('scopes # lines outside documents as comments, not inside', () => {
    const lines = tokenizeText(grammar, `# corpus note\n${OPEN}\nHeadline\n# hashtag paragraph\n${CLOSE}\n# after`);
    expectScope(lines[0], '#', 'punctuation.definition.comment.seed');
    expectScope(lines[0], 'corpus note', 'comment.line.number-sign.seed');
    expectNoScope(lines[3], '# hashtag paragraph', 'comment');
    expectScope(lines[5], 'after', 'comment.line.number-sign.seed');
  });

  it('scopes only the first non-blank line after the open as the headline', () => {
    const lines = tokenizeText(grammar, `${OPEN}\n\n   \nThe headline\nA paragraph\n\nAnother paragraph\n${CLOSE}`);
    expectScope(lines[3], 'The headline', 'markup.heading.seed');
    expectNoScope(lines[4], 'A paragraph', 'markup.heading');
    expectNoScope(lines[6], 'Another paragraph', 'markup.heading');
    for (const l of lines) expect(hasInvalid(l)).toBe(false);
  });

  it('keeps inline scopes inside the headline', () => {
    const t = line(`${OPEN}\n“Quoted” headline of 2022-09-10 with 3 items`, 1);
    expectScope(t, 'Quoted', 'string.quoted.double.seed');
    expectScope(t, 'Quoted', 'markup.heading.seed');
    expectScope(t, '2022-09-10', 'constant.numeric.date.seed');
    expectScope(t, '3', 'constant.numeric.seed');
  });

  it('scopes quotations, numbers and dates in body text', () => {
    const text = `${OPEN}\nH\nHe said, “The Russian military is performing.” and "done" and ‘Zelensky’s own’ and «oui». About 1,500.5 troops, 30 tanks on 2022-09-10.\n${CLOSE}`;
    const t = line(text, 2);
    expectScope(t, 'The Russian military is performing.', 'string.quoted.double.seed');
    expectScope(t, '“', 'punctuation.definition.string.begin.seed');
    expectScope(t, '”', 'punctuation.definition.string.end.seed');
    expectScope(t, 'done', 'string.quoted.double.seed');
    expectScope(t, 'Zelensky’s own', 'string.quoted.single.seed');
    expectScope(t, 'oui', 'string.quoted.other.guillemets.seed');
    expectScope(t, '1,500.5', 'constant.numeric.seed');
    expectScope(t, '30', 'constant.numeric.seed');
    expectScope(t, '2022-09-10', 'constant.numeric.date.seed');
    expectNoScope(t, 'About', 'string');
  });

  it('does not treat apostrophes or digits inside words as quotes or numbers', () => {
    const t = line(`${OPEN}\nH\nRussia’s COVID19 soldiers’ 1990s B52`, 2);
    expect(t.some((tok) => tok.scopes.some((s) => s.startsWith('string') || s.startsWith('constant')))).toBe(false);
  });

  it('leaves an unclosed quotation unscoped instead of running on', () => {
    const lines = tokenizeText(grammar, `${OPEN}\nH\nHe said, “it goes on\nNext paragraph” here\n${CLOSE}`);
    expectNoScope(lines[2], 'it goes on', 'string');
    expectNoScope(lines[3], 'Next paragraph', 'string');
  });
});

describe('malformed delimiter lines', () => {
  const opens = [
    '<< 000_0f5d7b9424756893',
    '<<<< 000_0f5d7b9424756893',
    '<<<000_0f5d7b9424756893',
    '  <<< 000_0f5d7b9424756893',
    '<<<\t000_0f5d7b9424756893',
    '<<<  000_0f5d7b9424756893',
    '<<<',
    '<<< ',
    '<<< 00_0f5d7b9424756893',
    '<<< 000_0F5D7B9424756893',
    '<<< 000_0f5d7b942475689',
    '<<< 000_0f5d7b94247568931',
    '<<< 0000f5d7b9424756893',
    '<<< 000-0f5d7b9424756893',
    '«« 000_0f5d7b9424756893',
    '« 000_0f5d7b9424756893',
    '＜＜＜ 000_0f5d7b9424756893',
    '‹‹‹ 000_0f5d7b9424756893',
    '<<＜ 000_0f5d7b9424756893',
  ];
  it.each(opens)('scopes open attempt %j as invalid and starts a document', (bad) => {
    // Preceded by a comment so the bare-seed rule for the first line is not involved.
    const lines = tokenizeText(grammar, `# c\n${bad}\nHeadline`);
    expectScope(lines[1], bad.trim() || bad, 'invalid.illegal.delimiter.open.seed');
    expectScope(lines[2], 'Headline', 'markup.heading.seed');
  });

  const closes = [
    '>> 000_0f5d7b9424756893',
    '>>>> 000_0f5d7b9424756893',
    '>>>000_0f5d7b9424756893',
    '  >>> 000_0f5d7b9424756893',
    '>>>\t000_0f5d7b9424756893',
    '>>>',
    '>>> 000_0F5D7B9424756893',
    '>>> 00_0f5d7b9424756893',
    '»» 000_0f5d7b9424756893',
    '＞＞＞ 000_0f5d7b9424756893',
    '››› 000_0f5d7b9424756893',
  ];
  it.each(closes)('scopes close attempt %j as invalid and ends the document', (bad) => {
    const lines = tokenizeText(grammar, `${OPEN}\nHeadline\n${bad}\n# comment again`);
    expectScope(lines[2], bad.trim(), 'invalid.illegal.delimiter.close.seed');
    expectScope(lines[3], 'comment again', 'comment.line.number-sign.seed');
  });

  it('marks text after the close id, keeping marker and id scoped', () => {
    const t = line(`${OPEN}\nH\n${CLOSE} trailing words`, 2);
    expectScope(t, '>>>', 'keyword.control.delimiter.close.seed');
    expectScope(t, '0f5d7b9424756893', 'entity.name.tag.hash.seed');
    expectScope(t, 'trailing words', 'invalid.illegal.trailing-text.seed');
  });

  it.each(['<<<<<<< HEAD', '=======', '>>>>>>> feature/x', '<<<<<<<', '>>>>>>>'])('scopes git conflict marker %j, inside or outside documents', (marker) => {
    const lines = tokenizeText(grammar, `${marker}\n${OPEN}\nHeadline\n${marker}\nstill body\n${CLOSE}`);
    expectScope(lines[0], marker, 'invalid.illegal.conflict-marker.seed');
    expectScope(lines[3], marker, 'invalid.illegal.conflict-marker.seed');
    // A conflict marker is no delimiter: the document goes on.
    expectScope(lines[4], 'still body', 'meta.document.seed');
  });

  it.each([
    '> a quoted reply',
    '>> 10 people died',
    '-> an arrow',
    '<b>bold</b>',
    '<< is a shift operator',
    '<<<<<<<<< eight and more markers',
    '« Bonjour », dit-il.',
    '› next item',
  ])('keeps body line %j as body text', (body) => {
    const lines = tokenizeText(grammar, `${OPEN}\nHeadline\n${body}\nlast\n${CLOSE}`);
    expect(hasInvalid(lines[2]), JSON.stringify(lines[2])).toBe(false);
    expectScope(lines[2], body, 'meta.document.seed');
    expectScope(lines[3], 'last', 'meta.document.seed');
  });
});

describe('agreement with the parser (src/core/delimiters.ts)', () => {
  /** What the grammar took a line for, judged from its scopes. */
  function grammarKind(tokens: ScopedToken[]): string | undefined {
    const scopes = tokens.flatMap((t) => t.scopes);
    if (scopes.some((s) => s.startsWith('invalid.illegal.conflict-marker'))) return 'conflict';
    if (scopes.some((s) => /^(keyword\.control|invalid\.illegal)\.delimiter\.open/.test(s))) return 'open';
    if (scopes.some((s) => /^(keyword\.control|invalid\.illegal)\.delimiter\.close/.test(s))) return 'close';
    return undefined;
  }

  function expectSameKind(text: string): void {
    const parser = text.trimStart().startsWith('#') ? undefined : classifyDelimiter(text)?.kind;
    // Outside documents (after a comment) and inside one (after a headline) alike.
    const outside = tokenizeText(grammar, `# c\n${text}`)[1];
    const inside = tokenizeText(grammar, `${OPEN}\nHeadline\n${text}`)[2];
    expect(grammarKind(outside), `outside: ${JSON.stringify(text)}`).toBe(parser);
    expect(grammarKind(inside), `inside: ${JSON.stringify(text)}`).toBe(parser);
  }

  it.each([
    '<<< Hello world',
    '<<< status=approved',
    '‹ 000_0f5d7b9424756893',
    '« 000_0f5d7b9424756893',
    '«««« 000_0f5d7b9424756893',
    '======= x',
    '=======  ',
    '||||||| merged common ancestors',
    '<<<<<<< 000_0f5d7b9424756893',
    '<<<<<<<\tHEAD',
    '  <<<<<<< HEAD',
    '>> 2022-09-10 was the day',
    '>> 10 people',
    '>>> 000_0f5d7b9424756893 trailing',
    '<<< _abc',
    '<<< 123456789012',
    '<<< 12345678901',
  ])('classifies %j as the parser does', (text) => expectSameKind(text));

  it('classifies fuzzed delimiter-like lines as the parser does', () => {
    const markers = ['<', '>', '«', '»', '‹', '›', '＜', '＞', '=', '|'];
    const line = fc.tuple(
      fc.constantFrom('', '', ' ', '\t'),
      fc.array(fc.constantFrom(...markers), { minLength: 1, maxLength: 9 }).map((m) => m.join('')),
      fc.constantFrom('', ' ', ' ', '  ', '\t'),
      fc.constantFrom('', '000_0f5d7b9424756893', '000_0F5D', '12345678901', '123456789012', '1-2', '_1', 'HEAD', 'status=approved', 'Hello', '10'),
      fc.constantFrom('', ' x', ' status=flagged', ' “q”', '\t'),
    ).map((parts) => parts.join(''));
    const noise = fc.string({ unit: fc.constantFrom(...markers, ' ', '\t', '0', '1', '_', '-', 'a', 'F', '=', '"', '#'), maxLength: 24 });
    fc.assert(fc.property(fc.oneof(line, noise), (text) => expectSameKind(text)), { numRuns: 1500 });
  });
});

describe('no state leaks between documents', () => {
  it('ends an unclosed document at the next open delimiter', () => {
    const lines = tokenizeText(grammar, fixture('grammar/missing-close.seed'));
    expectScope(lines[2], 'Headline of the unclosed', 'markup.heading.seed');
    expectScope(lines[4], '<<<', 'keyword.control.delimiter.open.seed');
    expectScope(lines[4], 'approved', 'constant.language.status.approved.seed');
    expectScope(lines[5], 'Headline of the second document', 'markup.heading.seed');
    expectNoScope(lines[6], 'Second body line.', 'markup.heading');
    expectNoScope(lines[6], 'Second body line.', 'string');
    expectScope(lines[8], 'a comment after the close', 'comment.line.number-sign.seed');
  });

  it('tokenizes a valid document the same whatever garbage comes before it', () => {
    const doc = `${OPEN.replace('000', '777')} status=rejected note="n \\" q"\n\nHeadline “q” 2022-01-02\nBody 12 ‘x’\n${CLOSE.replace('000', '777')}`;
    const docLines = doc.split('\n').length;
    const reference = tokenizeText(grammar, `# c\n${doc}`).slice(1);
    const pool = [
      '', '# comment', OPEN, CLOSE, `${OPEN} note="unterminated`, 'body “open quote', 'body "open', 'body ‘open',
      '<<<< 000_0f5d7b9424756893', '>>', '<<<<<<< HEAD', '=======', '  <<< 0_0', '« 1_2', 'text outside',
      `${CLOSE} trailing`, '>>> 000_0F5D7B9424756893', '<b>', '> quote', 'status=approved', '\\', '"',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 12 }), (prefix) => {
        const lines = tokenizeText(grammar, ['# c', ...prefix, doc].join('\n'));
        const tail = lines.slice(lines.length - docLines);
        expect(tail).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  });
});

describe('bare seed files and line input', () => {
  it('scopes the real seed: first line headline, quotations in the body, nothing invalid', async () => {
    const lines = tokenizeText(grammar, fixture('000_0f5d7b9424756893.txt'));
    expectScope(lines[0], 'Zelensky’s spirit beat Putin! Russian soldiers fleeing from Ukraine', 'markup.heading.seed');
    for (const l of lines.slice(1)) {
      expect(l.some((t) => t.scopes.includes('markup.heading.seed'))).toBe(false);
    }
    expectScope(lines[3], 'The Russian military is performing to the best of its ability these days to show its back.', 'string.quoted.double.seed');
    for (const l of lines) expect(hasInvalid(l)).toBe(false);
    await expect(renderScopes(lines)).toMatchFileSnapshot('../fixtures/grammar/000_0f5d7b9424756893.txt.scopes');
  });

  it('finds the headline of a bare seed after leading blank lines', () => {
    const lines = tokenizeText(grammar, fixture('grammar/bare-leading-blank.txt'));
    expectScope(lines[2], 'Headline of a bare seed', 'markup.heading.seed');
    expectNoScope(lines[3], 'First paragraph', 'markup.heading');
    expectScope(lines[3], 'a quote', 'string.quoted.double.seed');
  });

  it('does not take a corpus comment or delimiter after leading blank lines for a headline', () => {
    const lines = tokenizeText(grammar, `\n\n# note\n${OPEN}\nHeadline\n${CLOSE}`);
    expectScope(lines[2], 'note', 'comment.line.number-sign.seed');
    expectScope(lines[3], '<<<', 'keyword.control.delimiter.open.seed');
    expectScope(lines[4], 'Headline', 'markup.heading.seed');
  });

  it('gives CRLF text the same scopes as LF text, with no CR in any token', () => {
    const lf = fixture('grammar/basic.seed');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = tokenizeText(grammar, lf);
    const b = tokenizeText(grammar, crlf);
    expect(b).toEqual(a);
    expect(b.flat().some((t) => t.text.includes('\r'))).toBe(false);
  });
});

describe('fixture snapshots (reviewed by hand)', () => {
  it.each(['basic.seed', 'malformed.seed', 'missing-close.seed', 'bare-leading-blank.txt'])('%s', async (name) => {
    const lines = tokenizeText(grammar, fixture(`grammar/${name}`));
    await expect(renderScopes(lines)).toMatchFileSnapshot(`../fixtures/grammar/${name}.scopes`);
  });
});

describe('language-configuration.json', () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'language-configuration.json'), 'utf8'));

  it('declares # line comments and the quote pairs', () => {
    expect(config.comments.lineComment).toBe('#');
    const pairs = config.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
    expect(pairs).toEqual(expect.arrayContaining(['""', '“”', '()', '[]']));
    expect(config.brackets).toEqual([['(', ')'], ['[', ']']]);
  });

  it('has a word pattern that keeps apostrophes, hyphens, non-ASCII letters and ids inside words', () => {
    const re = new RegExp(config.wordPattern.pattern, `g${config.wordPattern.flags}`);
    const words = 'Zelensky’s Government-run Russia\'s Čapek naïve Kyiv, 1,500.5 2022-09-10 000_0f5d7b9424756893 status=approved “quote”'.match(re);
    expect(words).toEqual(['Zelensky’s', 'Government-run', 'Russia\'s', 'Čapek', 'naïve', 'Kyiv', '1,500.5', '2022-09-10', '000_0f5d7b9424756893', 'status', 'approved', 'quote']);
  });

  it('has folding markers that match open and close lines only', () => {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    expect(start.test(OPEN)).toBe(true);
    expect(end.test(CLOSE)).toBe(true);
    expect(start.test('> quote')).toBe(false);
  });
});
