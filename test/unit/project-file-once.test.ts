import { describe, expect, it } from 'vitest';
import { ProjectConfigResolver, type ProjectConfigResult } from '../../src/core/config/project-config';
import { locateLexiconProblem, projectFileLexicon } from '../../src/core/entities/lexicon-files';
import { MemoryFileSystem } from '../../src/core/host';

/** A MemoryFileSystem that counts the reads of each location. */
function countingFileSystem(files: Record<string, string | Uint8Array>) {
  const fs = MemoryFileSystem.from(files);
  const reads = new Map<string, number>();
  const read = fs.readFile.bind(fs);
  fs.readFile = async (location: string) => {
    reads.set(location, (reads.get(location) ?? 0) + 1);
    return read(location);
  };
  return Object.assign(fs, {
    reads,
    readsOf: (location: string) => reads.get(location) ?? 0,
    write: (location: string, text: string) => fs.writeFileAtomic(location, new TextEncoder().encode(text)),
  });
}

const PROJECT = '/w/.seed-review.json';
const LEXICON_SOURCE = '.seed-review.json lexicon';

/** What the two consumers of a project file take from it: the settings (ProjectConfigs, check) and the lexicon (LexiconSource, entities). */
async function bothConsumers(resolver: ProjectConfigResolver, files: string[]) {
  const settings = await Promise.all(files.map((f) => resolver.forFile(f)));
  const lexicons = await Promise.all(files.map(async (f) => {
    const project = await resolver.forFile(f);
    return project && projectFileLexicon(project, LEXICON_SOURCE);
  }));
  return { settings, lexicons };
}

describe('the project file is read and parsed once for all its consumers (settings and lexicon)', () => {
  const text = '// team\n{\n  "severity": { "SEED011": "off" },\n  "lexicon": {\n    "entities": [\n      { "text": "Ferries", "type": "organization" },\n      { "text": "Zorro", "type": "hero" }\n    ]\n  }\n}\n';
  const seeds = ['/w/a.seed', '/w/b.seed', '/w/deep/c.seed', '/w/deep/er/d.seed'];

  it('a folder\'s file is read once however many consumers and files ask, and parsed once', async () => {
    const fs = countingFileSystem({ [PROJECT]: text });
    const resolver = new ProjectConfigResolver(fs);
    const { settings, lexicons } = await bothConsumers(resolver, seeds);
    await bothConsumers(resolver, seeds);
    expect(fs.readsOf(PROJECT)).toBe(1);
    // One parse: every consumer gets the same result object.
    expect(new Set(settings).size).toBe(1);
    expect(settings[0]?.config?.severity).toEqual({ SEED011: 'off' });
    expect(lexicons[0]?.lexicon?.entities.map((e) => e.text)).toEqual(['Ferries']);
    // The lexicon's problem is placed from the text kept with the result: the "Zorro" entry, line 7 (1-based).
    expect(lexicons[0]?.problems).toEqual([{
      location: PROJECT,
      range: { start: { line: 6, character: 16 }, end: { line: 6, character: 23 } },
      message: '.seed-review.json lexicon: entities[1] ("Zorro"): "type" must be "person", "place" or "organization", got "hero"',
    }]);
    // Each folder on the way up is looked in once too.
    expect(fs.readsOf('/w/deep/.seed-review.json')).toBe(1);
    expect(fs.readsOf('/w/deep/er/.seed-review.json')).toBe(1);
  });

  it('after a change each folder is read once more, whoever asks, and only the changed file is parsed again', async () => {
    const fs = countingFileSystem({ [PROJECT]: text, '/v/.seed-review.json': '{ "crossFileChecks": false }' });
    const resolver = new ProjectConfigResolver(fs);
    await bothConsumers(resolver, [...seeds, '/v/e.seed']);
    const other = await resolver.forFile('/v/e.seed');
    await fs.write(PROJECT, '{ "severity": { "SEED008": "error" }, "lexicon": { "ignore": ["Antwerp"] } }');
    expect(await resolver.recheck()).toEqual([PROJECT]);
    const { settings, lexicons } = await bothConsumers(resolver, [...seeds, '/v/e.seed']);
    await bothConsumers(resolver, [...seeds, '/v/e.seed']);
    expect(fs.readsOf(PROJECT)).toBe(2);
    expect(settings.slice(0, 4).every((s) => s?.config?.severity.SEED008 === 'error')).toBe(true);
    expect(lexicons[0]?.lexicon?.ignore).toEqual(['Antwerp']);
    expect(lexicons[0]?.problems).toEqual([]);
    // The other folders are read again (as forgetting everything had them read: a file no watcher
    // sees is noticed so), once each; the unchanged file keeps its parse.
    expect(fs.readsOf('/v/.seed-review.json')).toBe(2);
    expect(fs.readsOf('/w/deep/.seed-review.json')).toBe(2);
    expect(await resolver.forFile('/v/e.seed')).toBe(other);
  });

  it('a second notice of the same change (a save, then the watcher) reads the same bytes: nothing parsed again, nothing to announce', async () => {
    const fs = countingFileSystem({ [PROJECT]: text });
    const resolver = new ProjectConfigResolver(fs);
    await fs.write(PROJECT, '{ "crossFileChecks": false }');
    const before = await resolver.forFile('/w/a.seed');
    expect(await resolver.recheck()).toEqual([]); // read before the notice: already the new bytes
    expect(await resolver.forFile('/w/b.seed')).toBe(before);
    expect(fs.readsOf(PROJECT)).toBe(2);
  });

  it('notices one after the other are compared in turn (a delete and a create racing)', async () => {
    const fs = countingFileSystem({ [PROJECT]: text });
    const resolver = new ProjectConfigResolver(fs);
    await resolver.forFile('/w/a.seed');
    await fs.delete(PROJECT);
    const deleted = resolver.recheck();
    const again = resolver.recheck();
    expect([await deleted, await again]).toEqual([[PROJECT], []]);
    expect(await resolver.forFile('/w/a.seed')).toBeUndefined();
  });

  it('a broken file gives one clear message with its position, to both consumers, from one read', async () => {
    const fs = countingFileSystem({ [PROJECT]: '{\n  "severity": { "SEED007": "warning" }\n  "lexicon": {}\n}\n' });
    const resolver = new ProjectConfigResolver(fs);
    const { settings, lexicons } = await bothConsumers(resolver, seeds);
    expect(fs.readsOf(PROJECT)).toBe(1);
    expect(settings[0]?.config).toBeUndefined();
    expect(settings[0]?.problems).toEqual([{
      location: PROJECT, range: { start: { line: 2, character: 2 }, end: { line: 2, character: 11 } },
      message: 'invalid JSON: comma expected; this file is not used until it is fixed',
    }]);
    // Not used at all, so no lexicon and no second message from the lexicon.
    expect(lexicons[0]).toEqual({ problems: [] });
  });

  it('a file that is not UTF-8 is one message at the start, and gives no lexicon', async () => {
    const fs = countingFileSystem({ [PROJECT]: new Uint8Array([0x7b, 0xff, 0x7d]) });
    const resolver = new ProjectConfigResolver(fs);
    const project = await resolver.forFile('/w/a.seed') as ProjectConfigResult;
    expect(project.problems.map((p) => [p.range.start, p.message])).toEqual([[{ line: 0, character: 0 }, 'not valid UTF-8 (first bad byte at offset 1); the project file must be UTF-8 text']]);
    expect(projectFileLexicon(project, LEXICON_SOURCE)).toEqual({ problems: [] });
  });

  it('a deleted file: the next one above applies (or none), read once; its re-creation is seen', async () => {
    const fs = countingFileSystem({ [PROJECT]: '{ "severity": { "SEED011": "off" } }', '/w/deep/.seed-review.json': '{ "crossFileChecks": false }' });
    const resolver = new ProjectConfigResolver(fs);
    expect((await resolver.forFile('/w/deep/c.seed'))?.config?.crossFileChecks).toBe(false);
    await fs.delete('/w/deep/.seed-review.json');
    expect(await resolver.recheck()).toEqual(['/w/deep/.seed-review.json']);
    expect((await resolver.forFile('/w/deep/c.seed'))?.location).toBe(PROJECT);
    expect(fs.readsOf(PROJECT)).toBe(1); // not looked at before: read once, by the walk
    await fs.delete(PROJECT);
    expect(await resolver.recheck()).toEqual([PROJECT]);
    expect(await resolver.forFile('/w/deep/c.seed')).toBeUndefined();
    await fs.write('/w/deep/.seed-review.json', '{ "ignore": ["c.seed"] }');
    expect(await resolver.recheck()).toEqual(['/w/deep/.seed-review.json']);
    expect((await resolver.forFile('/w/deep/c.seed'))?.config?.ignore).toEqual(['c.seed']);
    expect(fs.readsOf('/w/deep/.seed-review.json')).toBe(4); // first read, then once per recheck
    expect(fs.readsOf(PROJECT)).toBe(3);
  });

  it('a file in a folder no walk looked in changes nothing: no answer depends on it', async () => {
    const fs = countingFileSystem({ '/w/deep/c.seed': '' });
    const resolver = new ProjectConfigResolver(fs);
    expect(await resolver.forFile('/w/deep/c.seed')).toBeUndefined();
    await fs.write('/elsewhere/.seed-review.json', '{}').catch(() => undefined);
    expect(await resolver.recheck()).toEqual([]);
    expect(fs.readsOf('/elsewhere/.seed-review.json')).toBe(0);
    expect(resolver.forFileNow('/w/deep/d.seed')).toBeUndefined(); // still answered at once
  });

  it('an answer found while a change is read is not kept (it may hold the old bytes)', async () => {
    const fs = countingFileSystem({ [PROJECT]: '{ "crossFileChecks": false }' });
    const resolver = new ProjectConfigResolver(fs);
    await resolver.forFile('/w/a.seed');
    await fs.write(PROJECT, '{ "crossFileChecks": true }');
    const late = resolver.forFile('/w/deep/c.seed'); // walks while the change is read
    const changed = resolver.recheck();
    await late;
    expect(await changed).toEqual([PROJECT]);
    expect((await resolver.forFile('/w/deep/c.seed'))?.config?.crossFileChecks).toBe(true);
    expect(resolver.forFileNow('/w/deep/other.seed')).toMatchObject({ config: { crossFileChecks: true } });
  });

  it('lexicon problems are placed in the text as the editor shows it: without a BOM', async () => {
    const fs = countingFileSystem({ [PROJECT]: '\uFEFF{ "lexicon": { "ignore": [""] } }' });
    const resolver = new ProjectConfigResolver(fs);
    const project = await resolver.forFile('/w/a.seed') as ProjectConfigResult;
    expect(project.text?.charCodeAt(0)).toBe(0x7b);
    const { problems } = projectFileLexicon(project, LEXICON_SOURCE);
    expect(problems.map((p) => [p.range, p.message])).toEqual([[
      { start: { line: 0, character: 15 }, end: { line: 0, character: 23 } }, '.seed-review.json lexicon: ignore[0] must be a non-empty string',
    ]]);
  });

  it('locateLexiconProblem: the quoted text named, else the key, else the start', () => {
    const text = '{\n  "types": { "Kharkiv": "x" }\n}';
    expect(locateLexiconProblem(text, 'src: types["Kharkiv"] must be ...')).toEqual({ start: { line: 1, character: 13 }, end: { line: 1, character: 22 } });
    expect(locateLexiconProblem(text, 'src: "types" must be an object')).toEqual({ start: { line: 1, character: 2 }, end: { line: 1, character: 9 } });
    expect(locateLexiconProblem(text, 'src: expected an object')).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
  });
});
