// The UI as a user sees it: `npm start`'s setup (extension linked into code-server, sample workspace),
// driven through the browser with the keyboard. Opens sample.seed with Ctrl+P, shows the Outline view,
// opens malformed/all-codes.seed and the Problems panel, shows the CodeLens and the Seed Corpus view,
// and asserts on what the page shows: outline rows, problem rows and the status bar's error count,
// syntax colouring, lens texts, tree rows.
// Screenshots go to test-results/screenshots/ui-*.png. Prints `N passed, N failed`; exits 1 on a failure.
//
// Usage: node scripts/vscode/ui-test.mjs [--headed]   (runs `npm run build` first unless --no-build)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, runMain } from './common.mjs';
import { quickOpen, runCommand, runUiSession, UI_TIMEOUT } from './ui-checks.mjs';
import { startDemoServer } from './start.mjs';

async function main() {
  return runUiSession({
    prefix: 'ui',
    viewport: { width: 1400, height: 900 },
    explorerShows: 'sample.seed',
    start: () => startDemoServer({ label: 'ui-test', quiet: process.env.SEED_VERBOSE !== '1' }),
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
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(main);
}
