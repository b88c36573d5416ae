// The UI as a user sees it: `npm start`'s setup (extension linked into code-server, sample workspace),
// driven through the browser with the keyboard. Opens sample.seed with Ctrl+P, shows the Outline view,
// opens malformed/all-codes.seed and the Problems panel, shows the CodeLens and the Seed Corpus view,
// and asserts on what the page shows: outline rows, problem rows and the status bar's error count,
// syntax colouring, lens texts, tree rows. Last, a generated corpus of 3,000 documents (ui-large/,
// written before the server starts and removed when it stops): its CodeLenses are windowed around
// the view (src/core/review/lens-window.ts), so after Ctrl+End the last document's lens must be
// drawn, with the view still at the end, and after Ctrl+Home the first one's again.
// Screenshots go to test-results/screenshots/ui-*.png. Prints `N passed, N failed`; exits 1 on a failure.
//
// Usage: node scripts/vscode/ui-test.mjs [--headed]   (runs `npm run build` first unless --no-build)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, runMain, workspaceDir } from './common.mjs';
import { quickOpen, runCommand, runUiSession, UI_TIMEOUT } from './ui-checks.mjs';
import { startDemoServer } from './start.mjs';

/** The large corpus: more documents than the CodeLens window's threshold (2,000). */
const LARGE_COUNT = 3000;
const largeDir = join(workspaceDir, 'ui-large');
const largeName = `corpus-${LARGE_COUNT}.seed`;
/** The large corpus's line count, set when start() writes it. */
let largeLineCount = 0;
const largeId = (i) => `${String(i).padStart(4, '0')}_${(0xb000000000000000n + BigInt(i)).toString(16)}`;

/**
 * Writes ui-large/corpus-3000.seed: 3,000 documents of 4 lines and a blank line (15,000 lines,
 * 364 KB: five times the window's 3,000 lines each side, quick to open). Nothing random.
 */
function writeLargeCorpus() {
  rmSync(largeDir, { recursive: true, force: true });
  mkdirSync(largeDir, { recursive: true });
  const text = Array.from({ length: LARGE_COUNT }, (_, i) => `<<< ${largeId(i)}\nHeadline of document ${i}\nThe body of document ${i} has a few words.\n>>> ${largeId(i)}\n`).join('\n');
  writeFileSync(join(largeDir, largeName), text);
  return text.split('\n').length;
}

/**
 * In the page: what the editor shows of the seed file. Every `<<< ID` line on screen with the lens
 * decoration's text just above it (or none), the line numbers on screen, how many lenses are on
 * screen. Runs in the browser (page.evaluate), so it uses nothing of this module.
 */
function editorView() {
  const editor = document.querySelector('.editor-instance .monaco-editor');
  const guard = editor?.querySelector('.overflow-guard');
  if (!guard) return undefined;
  const box = guard.getBoundingClientRect();
  const shown = (rect) => rect.height > 0 && rect.top >= box.top - 1 && rect.bottom <= box.bottom + 1;
  const text = (element) => (element.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
  const lenses = [...editor.querySelectorAll('.codelens-decoration')].map((element) => ({ rect: element.getBoundingClientRect(), text: text(element) }))
    .filter((lens) => shown(lens.rect));
  const starts = [];
  for (const line of editor.querySelectorAll('.view-lines .view-line')) {
    const rect = line.getBoundingClientRect();
    const content = text(line);
    if (!content.startsWith('<<< ') || !shown(rect)) continue;
    // The lens line is a view zone right above its document's first line.
    const lens = lenses.find((candidate) => candidate.rect.bottom <= rect.top + 2 && rect.top - candidate.rect.bottom < rect.height);
    starts.push({ id: content.slice(4), top: rect.top - box.top, roomAbove: rect.top - box.top >= rect.height * 2, lens: lens?.text });
  }
  const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')]
    .filter((element) => shown(element.getBoundingClientRect())).map((element) => Number(text(element))).filter(Number.isInteger);
  return { starts, numbers, lenses: lenses.length, height: box.height };
}

async function main() {
  return runUiSession({
    prefix: 'ui',
    viewport: { width: 1400, height: 900 },
    explorerShows: 'sample.seed',
    start: async () => {
      largeLineCount = writeLargeCorpus();
      console.log(`large corpus: ui-large/${largeName}, ${LARGE_COUNT} documents, ${largeLineCount} lines`);
      const server = await startDemoServer({ label: 'ui-test', quiet: process.env.SEED_VERBOSE !== '1' });
      // Integration runs share test/workspace: the large corpus goes when the server does.
      // Removed before awaiting the stop, so that an exit path that does not wait removes it too.
      return { ...server, stop: () => { const stopping = server.stop(); rmSync(largeDir, { recursive: true, force: true }); return stopping; } };
    },
    body: async ({ page, check, shot }) => {
        console.log('UI test: Seed Review in the browser workbench');

        await check('Ctrl+P opens sample.seed in an editor', async () => {
          await quickOpen(page, 'sample.seed');
          return 'tab shown';
        });
        await check('the status bar shows the language mode "Seed corpus"', async () => {
          const mode = page.locator('#status\\.editor\\.mode');
          await mode.filter({ hasText: /seed/i }).waitFor({ state: 'visible', timeout: UI_TIMEOUT });
          return (await mode.innerText()).trim();
        });
        await check('the editor is syntax-highlighted (delimiter, id and text coloured differently)', async () => {
          // Monaco paints each token class mtkN with a theme colour: a grammar gives several on one line.
          const classes = await page.waitForFunction(() => {
            const found = new Set();
            for (const span of document.querySelectorAll('.editor-instance .view-lines .view-line span span')) {
              for (const name of span.classList) if (/^mtk\d+$/.test(name)) found.add(name);
            }
            return found.size >= 3 ? [...found] : false;
          }, undefined, { timeout: UI_TIMEOUT });
          return `${(await classes.jsonValue()).length} token colours`;
        });
        await shot('editor', page.locator('.editor-instance').first());

        await check('the Outline view lists the documents of sample.seed', async () => {
          await runCommand(page, 'Explorer: Focus on Outline View');
          const rows = page.locator('.outline-tree .monaco-list-row');
          await rows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
          const labels = (await rows.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
          if (labels.length === 0) throw new Error('the outline has rows but no labels');
          return `${labels.length} labels, first: ${JSON.stringify(labels[0])}`;
        });
        await shot('outline');

        await check('CodeLens above each document shows status, counts and Approve / Reject', async () => {
          // Back to the editor, as a reader of the lenses is: VS Code drops a lens request that is
          // waiting when the editor loses the focus (the Outline view took it) and asks again when
          // the editor gets it back.
          await runCommand(page, 'View: Focus Active Editor Group');
          const lenses = page.locator('.editor-instance .contentWidgets .codelens-decoration, .editor-instance .codelens-decoration');
          await lenses.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
          const texts = (await lenses.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
          const withCounts = texts.find((text) => /\d+ paragraphs?/.test(text) && /\d+ words/.test(text));
          if (!withCounts) throw new Error(`no lens with paragraph and word counts among ${JSON.stringify(texts.slice(0, 3))}`);
          if (!texts.some((text) => /Approve/.test(text) && /Reject/.test(text))) throw new Error('no Approve / Reject lens');
          return withCounts;
        });
        await shot('codelens', page.locator('.editor-instance').first());

        await check('hovering a person in sample.seed shows who it is across the corpus', async () => {
          const lines = readFileSync(join(repoRoot, 'test', 'fixtures', 'sample.seed'), 'utf8').split(/\r?\n/);
          const line = lines.findIndex((text) => text.includes('Lena Hartmann'));
          const column = lines[line].indexOf('Hartmann') + 3;
          await page.keyboard.press('Control+G');
          const input = page.locator('.quick-input-widget input');
          await input.waitFor({ state: 'visible' });
          await input.fill(`:${line + 1}:${column}`);
          await page.keyboard.press('Enter');
          await runCommand(page, 'Show or Focus Hover');
          const hover = page.locator('.monaco-hover', { hasText: 'Hartmann' }).first();
          await hover.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
          const text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
          if (!/person/i.test(text)) throw new Error(`the hover does not give the type: ${text.slice(0, 120)}`);
          return text.slice(0, 100);
        });
        await shot('hover', page.locator('.editor-instance').first());
        await page.keyboard.press('Escape');


        await check('opening malformed/all-codes.seed fills the Problems panel', async () => {
          await quickOpen(page, 'all-codes.seed');
          await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
          const rows = page.locator('.markers-panel .monaco-list-row');
          await rows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
          const texts = await rows.allInnerTexts();
          const seedRows = texts.filter((text) => /SEED0\d\d/.test(text));
          if (seedRows.length === 0) throw new Error(`no SEED0xx problem among ${texts.length} rows`);
          return `${seedRows.length} visible rows with a SEED code`;
        });
        await check('the status bar counts the errors', async () => {
          // The problems item reads "Errors: N, Warnings: M..." in its aria-label.
          const item = page.locator('#status\\.problems a, #status\\.problems').first();
          await page.waitForFunction(() => {
            const element = document.querySelector('#status\\.problems a') ?? document.querySelector('#status\\.problems');
            const label = element?.getAttribute('aria-label') ?? '';
            const match = /Errors?: (\d+)/i.exec(label);
            return match !== null && Number(match[1]) > 0;
          }, undefined, { timeout: UI_TIMEOUT });
          return await item.getAttribute('aria-label');
        });
        await shot('problems');

        await check('the Seed Corpus view lists the seed files with status counts', async () => {
          await runCommand(page, 'Seed Review: Focus on Seed Corpus View');
          const rows = page.locator('.part.sidebar .monaco-list-row', { hasText: 'sample.seed' });
          await rows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
          const label = (await rows.first().innerText()).replace(/\s+/g, ' ').trim();
          if (!/\d+ documents?/.test(label)) throw new Error(`the sample.seed row has no document count: ${label}`);
          return label;
        });
        await check('expanding sample.seed shows its documents with headlines and ids', async () => {
          const fileRow = page.locator('.part.sidebar .monaco-list-row', { hasText: 'sample.seed' }).first();
          if ((await fileRow.getAttribute('aria-expanded')) !== 'true') await fileRow.click();
          const documentRows = page.locator('.part.sidebar .monaco-list-row[aria-level="2"]');
          await documentRows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
          const labels = (await documentRows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
          if (!labels.some((text) => /\d{3,}_[0-9a-f]{16}/.test(text))) throw new Error(`no document row shows an id: ${JSON.stringify(labels.slice(0, 3))}`);
          return `${labels.length} document rows, first: ${JSON.stringify(labels[0])}`;
        });
        await shot('tree');

        // The large corpus. The editor must have the focus (Seed Corpus view had it): VS Code drops a
        // waiting lens request when the editor loses it, and Ctrl+End must go to the editor.
        const lastId = largeId(LARGE_COUNT - 1);
        const firstId = largeId(0);
        const lensOk = (text) => /unreviewed/.test(text ?? '') && /\d+ paragraphs?/.test(text ?? '') && /\d+ words/.test(text ?? '') && /Approve/.test(text ?? '') && /Reject/.test(text ?? '');
        /** Polls the page until `ready(view)` holds; on timeout throws with the last view seen. */
        const waitForView = async (what, ready) => {
          let last;
          const deadline = Date.now() + 2 * UI_TIMEOUT;
          while (Date.now() < deadline) {
            last = await page.evaluate(editorView);
            if (last && ready(last)) return last;
            await page.waitForTimeout(100);
          }
          throw new Error(`${what}: not within ${2 * UI_TIMEOUT / 1000} s; last seen ${JSON.stringify(last)?.slice(0, 600)}`);
        };
        /** Every document start on screen with room for its lens line above has a lens with counts and Approve / Reject. */
        const missing = (view) => view.starts.filter((start) => start.roomAbove && !lensOk(start.lens));
        await check(`a corpus of ${LARGE_COUNT} documents: after Ctrl+End the last document's lens is drawn and the view stays at the end`, async () => {
          await quickOpen(page, largeName);
          await runCommand(page, 'View: Focus Active Editor Group');
          // The top first: VS Code's first lenses (the window at the top of the file).
          await waitForView('the first document\'s lens at the top', (view) => view.starts.some((start) => start.id === firstId && lensOk(start.lens)));
          const pressed = Date.now();
          await page.keyboard.press('Control+End');
          const atEnd = (view) => view.numbers.includes(largeLineCount);
          const drawn = await waitForView('the last document\'s lens, with the last line in view', (view) =>
            atEnd(view) && view.starts.some((start) => start.id === lastId && lensOk(start.lens)) && missing(view).length === 0);
          // Once more after the lenses are in: still at the end (no jump back when they arrived).
          const after = await page.evaluate(editorView);
          if (!after || !atEnd(after)) throw new Error(`the view left the end after the lenses were drawn: lines ${after?.numbers[0]}-${after?.numbers.at(-1)}`);
          if (missing(after).length > 0) throw new Error(`documents on screen without their lens: ${missing(after).map((start) => start.id).join(', ')}`);
          const lens = drawn.starts.find((start) => start.id === lastId)?.lens;
          // Information only (polled every 100 ms, on a shared machine): never a pass condition.
          return `seen ${Date.now() - pressed} ms after Ctrl+End; lines ${drawn.numbers[0]}-${drawn.numbers.at(-1)} of ${largeLineCount} shown, ${drawn.starts.length} document starts on screen all with lenses; last: ${lens}`;
        });
        await shot('codelens-large-end', page.locator('.editor-instance').first());
        await check(`the ${LARGE_COUNT}-document corpus after Ctrl+Home: the top documents have their lenses again`, async () => {
          await page.keyboard.press('Control+Home');
          const drawn = await waitForView('the first document\'s lens after Ctrl+Home', (view) =>
            view.numbers.includes(1) && view.starts.some((start) => start.id === firstId && lensOk(start.lens)) && missing(view).length === 0);
          return `lines ${drawn.numbers[0]}-${drawn.numbers.at(-1)} shown, ${drawn.starts.length} document starts on screen all with lenses`;
        });
        await shot('codelens-large-top', page.locator('.editor-instance').first());
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(main);
}
