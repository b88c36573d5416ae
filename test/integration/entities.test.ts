// Named entities in a real VS Code: hover (mention and id), Find All References, document
// highlights, the lexicon file, the extraction cache and semantic tokens, on the sample corpus
// (test/fixtures/sample.seed) plus a small corpus written here that mentions Lena Hartmann again.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { generateCorpus } from '../../bench/corpus-generator';
import { closeAllEditors, extensionApi, openWorkspaceFile, repoRoot, waitFor, workspaceRoot } from './helpers';

const EXTRA = 'entities-test.seed';
const extraText = [
  '# Entity test corpus',
  '<<< 200_00000000000000a1 source=test',
  'Governor Lena Hartmann warns on inflation',
  'Governor Lena Hartmann told lawmakers in Berlin on Thursday that prices were still rising too fast.',
  'Hartmann said the central bank would act again if needed.',
  '>>> 200_00000000000000a1',
  '',
  '<<< 201_00000000000000a2 status=approved',
  'Markets rally after central bank speech in Berlin',
  'Investors in Frankfurt welcomed comments by Lena Hartmann on Friday.',
  '>>> 201_00000000000000a2',
  '',
].join('\n');

/** Lines of test/fixtures/sample.seed (0-based) used below. */
const SAMPLE = {
  hartmann: new vscode.Position(28, 12), // "Governor Lena Hartmann said ..." in 103_7f2a4c6e8b0d1357
  openId: new vscode.Position(3, 8), // "<<< 100_4e1a9c0b7d2f3856 status=approved ..."
  closeId: new vscode.Position(8, 8), // ">>> 100_4e1a9c0b7d2f3856"
  ferries: new vscode.Position(71, 3), // "Ferries to the outer islands sailed again ..."
  scheldt: new vscode.Position(5, 40), // "... through the Scheldt estuary ..."
  antwerp: new vscode.Position(4, 10), // "Port of Antwerp reopens ..."
};

const service = () => extensionApi().entities.service;

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

function extraUri(): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), EXTRA));
}

function sampleUri(): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), 'sample.seed'));
}

/** Waits until the entity index holds the extra corpus and nothing is building. */
async function indexed(): Promise<void> {
  await waitFor('the entity index to hold the extra corpus', async () => {
    await service().whenIdle();
    return service().index.mentionsOfDocument(extraUri().toString(), '201_00000000000000a2').length > 0 ? true : undefined;
  }, 60_000);
}

describe('entities', function () {
  this.timeout(90_000);

  before(async () => {
    fs.writeFileSync(path.join(workspaceRoot(), EXTRA), extraText);
    await indexed();
  });

  after(async () => {
    await closeAllEditors();
    fs.rmSync(path.join(workspaceRoot(), EXTRA), { force: true });
  });

  afterEach(closeAllEditors);

  it('hover on a mention: canonical name, type, aliases, counts, documents with links, co-mentioned entities', async () => {
    const document = await openWorkspaceFile('sample.seed');
    const text = await hoverText(document.uri, SAMPLE.hartmann);
    assert.match(text, /\*\*Lena Hartmann\*\* — person/);
    assert.match(text, /Also written: .*\*Hartmann\*/);
    assert.match(text, /In this document: 1 mention\b/);
    const corpus = /In the corpus: (\d+) mentions in (\d+) documents/.exec(text);
    assert.ok(corpus, `corpus counts in:\n${text}`);
    assert.ok(Number(corpus[1]) >= 5 && Number(corpus[2]) >= 3, `at least 5 mentions in 3 documents: ${corpus[0]}`);
    // Links open the other documents at the mention, through the one allowed command.
    const links = [...text.matchAll(/\]\((command:seedReview\.entities\.openMention\?[^ )]+)/g)].map((m) => m[1]);
    const targets = links.map((link) => JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1))) as [string, number, number, number]);
    const extra = targets.find((t) => t[0] === extraUri().toString() && t[1] === 2);
    assert.ok(extra, `a link to ${EXTRA} line 3, in:\n${text}`);
    assert.match(text, /200\\_00000000000000a1/);
    assert.match(text, /Often mentioned with: .*Berlin \(2\)/);
    // Following the link opens the document with the mention selected.
    await vscode.commands.executeCommand('seedReview.entities.openMention', ...extra);
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.toString(), extraUri().toString());
    assert.strictEqual(editor?.document.getText(editor.selection), 'Lena Hartmann');
  });

  it('hover on a document id: headline, status, paragraph and word counts', async () => {
    const document = await openWorkspaceFile('sample.seed');
    for (const position of [SAMPLE.openId, SAMPLE.closeId]) {
      const text = await hoverText(document.uri, position);
      assert.match(text, /\*\*Port of Antwerp reopens after fog halts shipping for two days\*\*/);
      assert.match(text, /status: \*\*approved\*\*/);
      assert.match(text, /3 paragraphs · \d+ words/);
      // In a code span the id shows as written: no Markdown escape (issue 12).
      assert.ok(text.includes('`100_4e1a9c0b7d2f3856`'), `the id in a code span, in:\n${text}`);
    }
  });

  it('Find All References lists every mention of the entity in the workspace', async () => {
    const document = await openWorkspaceFile('sample.seed');
    const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, SAMPLE.hartmann)) ?? [];
    const found = locations.map((l) => `${path.basename(l.uri.fsPath)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`);
    for (const expected of ['sample.seed:28:9-22', `${EXTRA}:2:9-22`, `${EXTRA}:3:9-22`, `${EXTRA}:4:0-8`, `${EXTRA}:9:44-57`]) {
      assert.ok(found.includes(expected), `${expected} in ${found.join(', ')}`);
    }
  });

  it('document highlights mark the entity in the current file only', async () => {
    const document = await openWorkspaceFile(EXTRA);
    const highlights = (await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', document.uri, new vscode.Position(3, 12))) ?? [];
    const ranges = highlights.map((h) => `${h.range.start.line}:${h.range.start.character}-${h.range.end.character}`).sort();
    assert.deepStrictEqual(ranges, ['2:9-22', '3:9-22', '4:0-8', '9:44-57']);
    assert.ok(highlights.every((h) => h.kind === vscode.DocumentHighlightKind.Read));
  });

  it('a document outside the workspace corpus is answered from its own text', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'seed', content: extraText });
    await vscode.window.showTextDocument(document);
    const text = await hoverText(document.uri, new vscode.Position(3, 12));
    assert.match(text, /\*\*Lena Hartmann\*\* — person/);
    assert.match(text, /In this document: 3 mentions/);
    assert.match(text, /not part of the workspace corpus/);
    assert.doesNotMatch(text, /In the corpus/);
  });

  it('before a new file is indexed, hover answers from the document and says the index is building', async () => {
    // Inside the workspace: only the workspace folders' files make up the corpus.
    const file = path.join(workspaceRoot(), 'entities-generated.seed');
    // About 2,000 generated articles: a few seconds of work for the workers (the model extracts
    // a hundred articles in well under a second, so a smaller file is indexed before the hover).
    const corpus = generateCorpus({ targetBytes: 2_000_000, seed: 3, malformedRate: 0, documentChars: [500, 1600] });
    fs.writeFileSync(file, corpus);
    try {
      const lines = corpus.split('\n');
      // A paragraph line (not a delimiter, not the headline after it) naming a generated place.
      const line = lines.findIndex((l, i) => i > 0 && !lines[i - 1].startsWith('<<<') && !/^(<<<|>>>|#)/.test(l) && l.includes('Rotterdam'));
      assert.ok(line > 0, 'the generated corpus names Rotterdam in a paragraph');
      const position = new vscode.Position(line, lines[line].indexOf('Rotterdam') + 2);
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(document);
      // A new seed file joins the workspace index (and so the corpus) as soon as the index sees it.
      await waitFor('the workspace index to list the new file', () => (extensionApi().workspaceIndex.get(document.uri) ? true : undefined));
      const early = await hoverText(document.uri, position);
      assert.match(early, /\*\*Rotterdam\*\* — place/);
      assert.match(early, /corpus index: building \d+%/);
      assert.doesNotMatch(early, /In the corpus/);
      await waitFor('the generated file to be indexed', async () => {
        await service().whenIdle();
        return service().index.uris().includes(document.uri.toString()) ? true : undefined;
      }, 80_000);
      const late = await hoverText(document.uri, position);
      assert.match(late, /In the corpus: \d+ mentions in \d+ documents/);
      assert.doesNotMatch(late, /building/);
    } finally {
      await closeAllEditors();
      fs.rmSync(file, { force: true });
    }
  });

  it('a change on disk or in an editor re-extracts only the changed document', async () => {
    await service().whenIdle();
    const extra = path.join(workspaceRoot(), EXTRA);
    const added = ['<<< 202_00000000000000a3', 'Hartmann meets mayor of Hamburg', 'Lena Hartmann travelled to Hamburg on Monday.', '>>> 202_00000000000000a3', ''];
    const inPlace = service().stats.extractedInPlace;
    const byWorkers = service().stats.extractedByWorkers;
    fs.writeFileSync(extra, extraText + added.join('\n'));
    await waitFor('the new document in the index', async () => {
      await service().whenIdle();
      return service().index.mentionsOfDocument(extraUri().toString(), '202_00000000000000a3').length > 0 ? true : undefined;
    }, 20_000);
    // One new document: extracted alone (in place), the two others kept as they were.
    assert.strictEqual(service().stats.extractedInPlace + service().stats.extractedByWorkers - inPlace - byWorkers, 1);
    assert.ok(service().index.entity('person:lena hartmann')!.documentCount >= 4);

    // An edit in the editor (no save): the edited document only.
    const document = await openWorkspaceFile(EXTRA);
    const before = service().stats.extractedInPlace + service().stats.extractedByWorkers;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(9, 0, 9, 9), 'Traders');
    await vscode.workspace.applyEdit(edit);
    await waitFor('the edited document in the index', async () => {
      await service().whenIdle();
      return service().index.mentionsOfDocument(extraUri().toString(), '201_00000000000000a2').some((m) => m.line === 9 && m.start === 42 && m.text === 'Lena Hartmann') ? true : undefined;
    }, 20_000);
    assert.strictEqual(service().stats.extractedInPlace + service().stats.extractedByWorkers - before, 1);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    fs.writeFileSync(extra, extraText);
    await waitFor('the added document to leave the index', async () => {
      await service().whenIdle();
      return service().index.mentionsOfDocument(extraUri().toString(), '202_00000000000000a3').length === 0 ? true : undefined;
    }, 20_000);
  });

  it('a second build reads unchanged documents from the cache in storage', async () => {
    await service().whenIdle();
    const before = { ...service().stats };
    await service().rebuild({ reloadCache: true });
    const stats = service().stats;
    assert.ok(fs.existsSync(service().cacheFile), `cache file ${service().cacheFile}`);
    assert.ok(stats.cacheLoaded > 0, 'the cache was read back from storage');
    // Over every round of the rebuild's run, not its last one only: a late file event from the test
    // before can add a round of unchanged files, which reads nothing from the cache.
    const extracted = (s: typeof stats) => s.extractedByWorkers + s.extractedInPlace + s.extractedInSlices;
    assert.strictEqual(extracted(stats), extracted(before), 'nothing was extracted again');
    assert.ok(stats.fromCache - before.fromCache >= 14, `documents from cache: ${stats.fromCache - before.fromCache} (last round ${stats.lastBuildFromCache})`);
    // The rebuilt index answers as before.
    await indexed();
    const text = await hoverText(sampleUri(), SAMPLE.hartmann);
    assert.match(text, /In the corpus: \d+ mentions in \d+ documents/);
  });

  describe('lexicon file .seed-entities.json', () => {
    const lexiconFile = () => path.join(workspaceRoot(), '.seed-entities.json');
    afterEach(async () => {
      if (fs.existsSync(lexiconFile())) {
        fs.rmSync(lexiconFile());
        await waitFor('the lexicon to be dropped', () => (service().index.entity('organization:ferries') ? undefined : true), 15_000);
        await waitFor('the lexicon diagnostics to go', () => (vscode.languages.getDiagnostics(vscode.Uri.file(lexiconFile())).length === 0 ? true : undefined), 15_000);
      }
    });

    it('adds an entity, forces a type and ignores a word; removing the file undoes it', async () => {
      await openWorkspaceFile('sample.seed');
      // The model's view first (these are the facts the lexicon then changes; the model reads the
      // river in "through the Scheldt estuary" as a place, and the lexicon forces another type).
      assert.strictEqual(await hoverText(sampleUri(), SAMPLE.ferries), '', 'without a lexicon "Ferries" is no entity');
      assert.match(await hoverText(sampleUri(), SAMPLE.scheldt), /\*\*Scheldt\*\* — place/);
      assert.match(await hoverText(sampleUri(), SAMPLE.antwerp), /\*\*Antwerp\*\* — place/);
      fs.writeFileSync(lexiconFile(), JSON.stringify({
        entities: [{ text: 'Ferries', type: 'organization' }],
        ignore: ['Antwerp'],
        types: { Scheldt: 'organization' },
      }, null, 2));
      await waitFor('the lexicon to apply', () => (service().index.entity('organization:ferries') ? true : undefined), 15_000);
      assert.match(await hoverText(sampleUri(), SAMPLE.ferries), /\*\*Ferries\*\* — organization/);
      assert.match(await hoverText(sampleUri(), SAMPLE.scheldt), /\*\*Scheldt\*\* — organization/);
      assert.strictEqual(await hoverText(sampleUri(), SAMPLE.antwerp), '');
      fs.rmSync(lexiconFile());
      await waitFor('the lexicon to be dropped', () => (service().index.entity('organization:ferries') ? undefined : true), 15_000);
      assert.strictEqual(await hoverText(sampleUri(), SAMPLE.ferries), '');
      assert.match(await hoverText(sampleUri(), SAMPLE.scheldt), /\*\*Scheldt\*\* — place/);
      assert.match(await hoverText(sampleUri(), SAMPLE.antwerp), /\*\*Antwerp\*\* — place/);
    });

    it('reports invalid entries as diagnostics on the file and keeps the valid ones', async () => {
      fs.writeFileSync(lexiconFile(), JSON.stringify({ entities: [{ text: 'Ferries', type: 'organization' }, { text: 'Zorro', type: 'hero' }] }, null, 2));
      const uri = vscode.Uri.file(lexiconFile());
      const diagnostics = await waitFor('lexicon diagnostics', () => {
        const found = vscode.languages.getDiagnostics(uri);
        return found.length > 0 ? found : undefined;
      }, 15_000);
      assert.strictEqual(diagnostics.length, 1);
      assert.match(diagnostics[0].message, /entities\[1\] \("Zorro"\): "type" must be "person", "place" or "organization", got "hero"/);
      assert.strictEqual(diagnostics[0].range.start.line, 7, 'the squiggle is on the "Zorro" entry');
      await waitFor('the valid entry to apply', () => (service().index.entity('organization:ferries') ? true : undefined), 15_000);
    });

    it('reports a JSON syntax error where it is', async () => {
      fs.writeFileSync(lexiconFile(), '{\n  "ignore": ["Antwerp",]\n}\n');
      const uri = vscode.Uri.file(lexiconFile());
      const diagnostics = await waitFor('lexicon diagnostics', () => {
        const found = vscode.languages.getDiagnostics(uri);
        return found.length > 0 ? found : undefined;
      }, 15_000);
      assert.match(diagnostics[0].message, /^Invalid JSON, so this lexicon is not used: /);
      assert.strictEqual(diagnostics[0].range.start.line, 1);
    });

    it('the "lexicon" of .seed-review.json applies too, and seed-review entities reads the same', async () => {
      const projectFile = path.join(workspaceRoot(), '.seed-review.json');
      try {
        fs.writeFileSync(projectFile, '// shared by the team\n{ "lexicon": { "entities": [{ "text": "Ferries", "type": "organization" }], "types": { "Scheldt": "organization" } } }\n');
        await waitFor('the project file\'s lexicon to apply', () => (service().index.entity('organization:ferries') ? true : undefined), 15_000);
        assert.match(await hoverText(sampleUri(), SAMPLE.scheldt), /\*\*Scheldt\*\* — organization/);
        const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'seed-review.js'), 'entities', 'sample.seed', '--format', 'json'], {
          cwd: workspaceRoot(), encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        });
        assert.strictEqual(cli.status, 0, cli.stderr);
        const mentions = cli.stdout.split('\n').filter(Boolean).flatMap((line) => (JSON.parse(line) as { entities: { text: string; type: string }[] }).entities);
        assert.ok(mentions.some((m) => m.text === 'Ferries' && m.type === 'organization'), 'the CLI finds the lexicon entity');
        assert.ok(mentions.filter((m) => m.text === 'Scheldt').every((m) => m.type === 'organization') && mentions.some((m) => m.text === 'Scheldt'), 'the CLI applies the forced type');
      } finally {
        fs.rmSync(projectFile, { force: true });
      }
      await waitFor('the lexicon to be dropped', () => (service().index.entity('organization:ferries') ? undefined : true), 15_000);
    });

    it('invalid entries of the "lexicon" of .seed-review.json are diagnostics at their entry (from the read the settings share); the valid ones apply', async () => {
      const projectFile = path.join(workspaceRoot(), '.seed-review.json');
      const uri = vscode.Uri.file(projectFile);
      try {
        fs.writeFileSync(projectFile, JSON.stringify({ lexicon: { entities: [{ text: 'Ferries', type: 'organization' }, { text: 'Zorro', type: 'hero' }] } }, null, 2));
        await openWorkspaceFile('sample.seed');
        const diagnostics = await waitFor('the project file\'s lexicon diagnostics', () => {
          const found = vscode.languages.getDiagnostics(uri);
          return found.length > 0 ? found : undefined;
        }, 15_000);
        assert.strictEqual(diagnostics.length, 1, diagnostics.map((d) => d.message).join('\n'));
        assert.strictEqual(diagnostics[0].message, '.seed-review.json lexicon: entities[1] ("Zorro"): "type" must be "person", "place" or "organization", got "hero" (this entry is skipped; the rest applies)');
        const { start, end } = diagnostics[0].range;
        assert.deepStrictEqual([start.line, start.character, end.line, end.character], [8, 16, 8, 23], 'the squiggle is on "Zorro"');
        await waitFor('the valid entry to apply', () => (service().index.entity('organization:ferries') ? true : undefined), 15_000);
      } finally {
        fs.rmSync(projectFile, { force: true });
      }
      await waitFor('the lexicon to be dropped', () => (service().index.entity('organization:ferries') ? undefined : true), 15_000);
      await waitFor('the diagnostics to go', () => (vscode.languages.getDiagnostics(uri).length === 0 ? true : undefined), 15_000);
    });

    it('two subfolders with their own .seed-review.json lexicons: each document gets its nearest one, as seed-review entities says, and follows a change', async () => {
      const root = fs.mkdtempSync(path.join(workspaceRoot(), 'lexicon-walk-'));
      const project = (folder: string, type: string) => fs.writeFileSync(path.join(root, folder, '.seed-review.json'),
        `// this folder's lexicon\n{ "lexicon": { "entities": [{ "text": "Meridian", "type": "${type}" }] } }\n`);
      const ids: Record<string, string> = { north: '501_00000000000005a1', south: '502_00000000000005b2' };
      const uriIn = (folder: string) => vscode.Uri.file(path.join(root, folder, 'deep', 'news.seed'));
      const meridian = new vscode.Position(2, 20); // "Negotiators met at Meridian ..."
      /** The type the index gives "Meridian" in the folder's document (undefined: no such mention yet). */
      const typeIn = (folder: string) => service().index.mentionsOfDocument(uriIn(folder).toString(), ids[folder]).find((m) => m.text === 'Meridian')?.type;
      const cliTypes = (folder: string) => {
        const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'seed-review.js'), 'entities', path.join(folder, 'deep', 'news.seed'), '--format', 'json'], {
          cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        });
        assert.strictEqual(cli.status, 0, cli.stderr);
        return [...new Set(cli.stdout.split('\n').filter(Boolean).flatMap((line) => (JSON.parse(line) as { entities: { text: string; type: string }[] }).entities)
          .filter((m) => m.text === 'Meridian').map((m) => m.type))];
      };
      try {
        for (const folder of ['north', 'south']) {
          fs.mkdirSync(path.join(root, folder, 'deep'), { recursive: true });
          fs.writeFileSync(uriIn(folder).fsPath, `<<< ${ids[folder]}\nTalks at Meridian end without a deal\nNegotiators met at Meridian on Tuesday, officials said.\n>>> ${ids[folder]}\n`);
        }
        project('north', 'organization');
        project('south', 'place');
        // Opened, so the index has them even when the file watcher misses a new folder.
        for (const folder of ['north', 'south']) await vscode.workspace.openTextDocument(uriIn(folder));
        await waitFor('each folder\'s lexicon in the index', async () => {
          await service().whenIdle();
          return typeIn('north') === 'organization' && typeIn('south') === 'place' ? true : undefined;
        }, 60_000).catch((error: Error) => {
          throw new Error(`${error.message} (north: ${typeIn('north')}, south: ${typeIn('south')})`);
        });
        const hoverIn = async (folder: string) => {
          const editor = await vscode.window.showTextDocument(uriIn(folder));
          const text = await hoverText(uriIn(folder), meridian);
          const found = service().lookup(editor.document, meridian);
          return `${text}\n(lookup: ${found?.mode} ${found?.entity.key})`;
        };
        assert.match(await hoverIn('north'), /\*\*Meridian\*\* — organization/);
        assert.match(await hoverIn('south'), /\*\*Meridian\*\* — place/);
        assert.deepStrictEqual(cliTypes('north'), ['organization'], 'the CLI reads the nearest project file too');
        assert.deepStrictEqual(cliTypes('south'), ['place']);

        // The north lexicon is edited in the editor and saved: its document follows, from the cached
        // extraction (nothing is extracted again); the south one keeps its own.
        const { stats } = service();
        const extracted = stats.extractedByWorkers + stats.extractedInPlace + stats.extractedInSlices;
        const projectDocument = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, 'north', '.seed-review.json')));
        const edit = new vscode.WorkspaceEdit();
        const type = projectDocument.getText().indexOf('"organization"');
        edit.replace(projectDocument.uri, new vscode.Range(projectDocument.positionAt(type), projectDocument.positionAt(type + '"organization"'.length)), '"person"');
        assert.ok(await vscode.workspace.applyEdit(edit));
        assert.ok(await projectDocument.save());
        await waitFor('the north document to follow its changed lexicon', async () => {
          await service().whenIdle();
          return typeIn('north') === 'person' ? true : undefined;
        }, 30_000);
        assert.strictEqual(typeIn('south'), 'place');
        assert.match(await hoverIn('north'), /\*\*Meridian\*\* — person/);
        assert.deepStrictEqual(cliTypes('north'), ['person']);
        assert.strictEqual(stats.extractedByWorkers + stats.extractedInPlace + stats.extractedInSlices, extracted, 'no document extracted again');
      } finally {
        await closeAllEditors();
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    it('an entry with "matchLowercase" makes a lower-case occurrence a mention (hover, references), as seed-review entities says; without the option it is none', async () => {
      const root = fs.mkdtempSync(path.join(workspaceRoot(), 'lexicon-lower-'));
      const id = '503_00000000000005c3';
      const uri = vscode.Uri.file(path.join(root, 'news.seed'));
      const projectUri = vscode.Uri.file(path.join(root, '.seed-review.json'));
      const body = 'Olena Kowalski said Acme Widgets would close two plants, and staff at acme widgets heard it on Monday.';
      const lower = new vscode.Position(2, body.indexOf('acme widgets') + 5); // inside "acme widgets"
      const range = (line: number, start: number) => `${line}:${start}-${start + 'acme widgets'.length}`;
      /** The index's mentions of the lower-case words ("Acme Widgets" in any case), as line:start-end type. */
      const acmes = () => service().index.mentionsOfDocument(uri.toString(), id).filter((m) => m.text.toLowerCase() === 'acme widgets')
        .map((m) => `${m.line}:${m.start}-${m.end} ${m.type} ${m.text}`);
      const capitalised = [`${range(1, 0)} organization Acme Widgets`, `${range(2, body.indexOf('Acme Widgets'))} organization Acme Widgets`];
      const withLower = [...capitalised, `${range(2, body.indexOf('acme widgets'))} organization acme widgets`];
      /** Rewrites the project file in the editor and saves it (a save counts even when the watcher misses the new folder). */
      const teach = async (matchLowercase: boolean | undefined) => {
        const entry = { text: 'Acme Widgets', type: 'organization', ...(matchLowercase === undefined ? {} : { matchLowercase }) };
        const text = `// this folder's lexicon\n${JSON.stringify({ lexicon: { entities: [entry] } }, null, 2)}\n`;
        const document = await vscode.workspace.openTextDocument(projectUri);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(projectUri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
        assert.ok(await vscode.workspace.applyEdit(edit));
        assert.ok(await document.save());
      };
      const indexHas = (expected: string[], what: string) => waitFor(what, async () => {
        await service().whenIdle();
        return JSON.stringify(acmes()) === JSON.stringify(expected) ? true : undefined;
      }, 30_000).catch((error: Error) => {
        throw new Error(`${error.message} (index: ${acmes().join(', ')})`);
      });
      const cliLower = () => {
        const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'seed-review.js'), 'entities', 'news.seed', '--format', 'json'], {
          cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        });
        assert.strictEqual(cli.status, 0, cli.stderr);
        return cli.stdout.split('\n').filter(Boolean).flatMap((line) => (JSON.parse(line) as { entities: { text: string; type: string; canonical: string }[] }).entities)
          .filter((m) => m.text === 'acme widgets').map((m) => `${m.type} ${m.canonical}`);
      };
      try {
        fs.writeFileSync(uri.fsPath, `<<< ${id}\nAcme Widgets cuts jobs in Kharkiv\n${body}\n>>> ${id}\n`);
        fs.writeFileSync(projectUri.fsPath, '{}\n');
        // Opened, so the index has it even when the file watcher misses a new folder.
        await vscode.workspace.openTextDocument(uri);
        // Option absent: the capitalised occurrences take the taught type; the lower-case one is no mention.
        await teach(undefined);
        await indexHas(capitalised, 'the lexicon without matchLowercase in the index');
        await vscode.window.showTextDocument(uri);
        assert.strictEqual(await hoverText(uri, lower), '', 'without matchLowercase "acme widgets" is no entity');
        assert.deepStrictEqual(cliLower(), []);

        // Asked for: the lower-case occurrence is a mention of the same entity, with the taught type.
        await teach(true);
        await indexHas(withLower, 'the lower-case occurrence in the index');
        await vscode.window.showTextDocument(uri);
        assert.match(await hoverText(uri, lower), /\*\*Acme Widgets\*\* — organization/);
        const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, lower)) ?? [];
        const found = locations.filter((l) => l.uri.toString() === uri.toString()).map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`).sort();
        assert.deepStrictEqual(found, withLower.map((m) => m.split(' ')[0]).sort(), 'references from the lower-case mention list every occurrence');
        assert.deepStrictEqual(cliLower(), ['organization Acme Widgets'], 'the CLI lists it too');

        // Switched off again (false): the index follows, and the hover is gone.
        await teach(false);
        await indexHas(capitalised, 'the lower-case occurrence to leave the index');
        await vscode.window.showTextDocument(uri);
        assert.strictEqual(await hoverText(uri, lower), '');
        assert.deepStrictEqual(cliLower(), []);
      } finally {
        await closeAllEditors();
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });

  it('semantic tokens colour mentions by type when the setting is on', async () => {
    const config = vscode.workspace.getConfiguration('seedReview.entities');
    await config.update('semanticHighlighting', true, vscode.ConfigurationTarget.Global);
    try {
      const document = await openWorkspaceFile('sample.seed');
      const legend = await waitFor('the semantic tokens legend', async () =>
        (await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', document.uri)) ?? undefined);
      assert.deepStrictEqual(legend.tokenTypes, ['entityPerson', 'entityPlace', 'entityOrganization']);
      const tokens = await waitFor('semantic tokens', async () =>
        (await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', document.uri)) ?? undefined);
      const decoded: string[] = [];
      let line = 0;
      let char = 0;
      for (let i = 0; i < tokens.data.length; i += 5) {
        line += tokens.data[i];
        char = tokens.data[i] === 0 ? char + tokens.data[i + 1] : tokens.data[i + 1];
        decoded.push(`${line}:${char}:${tokens.data[i + 2]}:${legend.tokenTypes[tokens.data[i + 3]]}`);
      }
      assert.ok(decoded.includes('28:9:13:entityPerson'), `Lena Hartmann in ${decoded.join(' ')}`);
      assert.ok(decoded.includes('4:8:7:entityPlace'), `Antwerp in ${decoded.join(' ')}`);
    } finally {
      await config.update('semanticHighlighting', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
