import { describe, expect, it } from 'vitest';
import {
  applySeverity, effectiveOptions, isIgnored, NOT_RESOLVED, parseProjectConfig, ProjectConfigResolver, type ProjectConfigResult,
} from '../../src/core/config/project-config';
import { MemoryFileSystem } from '../../src/core/host';
import { parseSeed } from '../../src/core/parser';

describe('parseProjectConfig', () => {
  it('reads JSON with comments and trailing commas', () => {
    const text = '// shared by the team\n{\n  /* quiet */ "severity": { "SEED011": "off", "SEED010": "error", },\n  "crossFileChecks": false,\n  "ignore": ["drafts/**"],\n}\n';
    const { config, problems } = parseProjectConfig(text, '/p/.seed-review.json');
    expect(problems).toEqual([]);
    expect(config).toEqual({
      location: '/p/.seed-review.json', folder: '/p', severity: { SEED011: 'off', SEED010: 'error' }, crossFileChecks: false, ignore: ['drafts/**'],
    });
  });

  it('a syntax error has its exact position (0-based here; the CLI prints 1-based) and nothing applies', () => {
    const text = '{\n  "severity": { "SEED011": "off" }\n  "ignore": []\n}';
    const { config, problems } = parseProjectConfig(text, '/p/.seed-review.json');
    expect(config).toBeUndefined();
    expect(problems).toEqual([{ location: '/p/.seed-review.json', range: { start: { line: 2, character: 2 }, end: { line: 2, character: 10 } }, message: 'invalid JSON: comma expected; this file is not used until it is fixed' }]);
  });

  it('positions count UTF-16 units after a BOM and non-ASCII text, as the editor does', () => {
    const text = '\uFEFF{ "ignore": ["é😀"], "severity": { "SEED011": 3 } }';
    const { problems } = parseProjectConfig(text, '/p/.seed-review.json');
    const at = text.indexOf('3') - 1; // the BOM is not a column
    expect(problems).toMatchObject([{ range: { start: { line: 0, character: at }, end: { line: 0, character: at + 1 } } }]);
  });

  it('wrong shapes are problems at the value; the valid parts apply', () => {
    const text = '{ "severity": { "SEED011": "loud", "SEED099": "off", "SEED008": "error" }, "crossFileChecks": "yes", "ignore": "drafts", "colour": 1 }';
    const { config, problems } = parseProjectConfig(text, '/p/.seed-review.json');
    expect(config?.severity).toEqual({ SEED008: 'error' });
    expect(problems.map((p) => [text.slice(p.range.start.character, p.range.end.character), p.message])).toEqual([
      ['"loud"', 'the severity of SEED011 must be one of error, warning, information, hint, off'],
      ['"SEED099"', '"SEED099" is not a diagnostic code (SEED001 to SEED016)'],
      ['"yes"', '"crossFileChecks" must be true or false'],
      ['"drafts"', '"ignore" must be a list of globs, for example ["drafts/**"]'],
      ['"colour"', 'unknown setting "colour"; expected one of severity, crossFileChecks, lexicon, ignore'],
    ]);
  });
});

describe('ProjectConfigResolver', () => {
  it('finds the nearest project file walking up from each file, through the host file system', async () => {
    const fs = MemoryFileSystem.from({
      '/w/.seed-review.json': '{ "severity": { "SEED011": "off" } }',
      '/w/team/.seed-review.json': '{ "severity": { "SEED008": "error" } }',
      '/w/a.seed': '', '/w/team/deep/b.seed': '', '/elsewhere/c.seed': '',
    });
    const resolver = new ProjectConfigResolver(fs);
    expect((await resolver.forFile('/w/a.seed'))?.config?.severity).toEqual({ SEED011: 'off' });
    expect((await resolver.forFile('/w/team/deep/b.seed'))?.config?.severity).toEqual({ SEED008: 'error' });
    expect(await resolver.forFile('/elsewhere/c.seed')).toBeUndefined();
  });

  it('answers at once for a file whose folder was resolved, and not after clear()', async () => {
    const fs = MemoryFileSystem.from({ '/w/.seed-review.json': '{ "ignore": ["drafts"] }', '/w/drafts/a.seed': '', '/w/drafts/b.seed': '', '/x/c.seed': '' });
    const resolver = new ProjectConfigResolver(fs);
    expect(resolver.forFileNow('/w/drafts/b.seed')).toBe(NOT_RESOLVED);
    await resolver.forFile('/w/drafts/a.seed');
    expect((resolver.forFileNow('/w/drafts/b.seed') as ProjectConfigResult).location).toBe('/w/.seed-review.json');
    await resolver.forFile('/x/c.seed');
    expect(resolver.forFileNow('/x/other.seed')).toBeUndefined();
    // A resolution that started before clear() does not leave its (maybe stale) answer behind.
    const late = resolver.forFile('/w/drafts/a.seed');
    resolver.clear();
    await late;
    expect(resolver.forFileNow('/w/drafts/b.seed')).toBe(NOT_RESOLVED);
  });

  it('works on URI locations (the editor, the browser host)', async () => {
    const fs = MemoryFileSystem.from({ 'vscode-vfs://github/o/r/.seed-review.json': '{ "crossFileChecks": false }', 'vscode-vfs://github/o/r/x/c.seed': '' });
    const resolver = new ProjectConfigResolver(fs);
    expect((await resolver.forFile('vscode-vfs://github/o/r/x/c.seed'))?.config?.crossFileChecks).toBe(false);
    expect(await resolver.forFile('vscode-vfs://github/other.seed')).toBeUndefined();
  });
});

describe('ignore globs and effective options', () => {
  const config = parseProjectConfig('{ "ignore": ["drafts", "*.old.seed", "archive/2023/**"] }', '/w/.seed-review.json').config!;
  it('match relative to the project file: names at any depth, folders and everything in them', () => {
    expect(isIgnored(config, '/w/drafts/a.seed')).toBe(true);
    expect(isIgnored(config, '/w/x/y/z.old.seed')).toBe(true);
    expect(isIgnored(config, '/w/archive/2023/q1/a.seed')).toBe(true);
    expect(isIgnored(config, '/w/archive/2024/a.seed')).toBe(false);
    expect(isIgnored(config, '/w/a.seed')).toBe(false);
    expect(isIgnored(config, '/other/drafts/a.seed')).toBe(false);
  });

  it('the project file wins over settings; severity off drops a code, others change severity', () => {
    const options = effectiveOptions('/w/a.seed', parseProjectConfig('{ "severity": { "SEED008": "error" } }', '/w/.seed-review.json').config, { severity: { SEED008: 'hint', SEED011: 'off' }, crossFileChecks: false });
    expect(options).toEqual({ severity: { SEED008: 'error', SEED011: 'off' }, crossFileChecks: false, ignored: false });
    const diagnostics = parseSeed('<<< 002_0123456789abcdef\n>>> 002_0123456789abcdef\n<<< 001_0123456789abcdee\nH\n>>> 001_0123456789abcdee\n').diagnostics;
    expect(diagnostics.map((d) => `${d.code}:${d.severity}`).sort()).toEqual(['SEED008:warning', 'SEED011:information']);
    expect(applySeverity(diagnostics, options.severity).map((d) => `${d.code}:${d.severity}`)).toEqual(['SEED008:error']);
  });
});
