// The UI in the browser workbench with the web build only: the extension is installed with a
// manifest that has no `main`, so VS Code runs its `browser` entry in the web worker extension host
// (as github.dev and vscode.dev do). Opens sample.seed (Ctrl+P), shows the Outline view, the Problems
// panel on malformed/all-codes.seed, the hover on a document id and on a name (the entity index built in
// the browser), checks that Ctrl+Alt+A (what AltGr+A sends on Windows) does not approve and that the
// chord Ctrl+K A does,
// and checks in the Running Extensions view that the extension runs in the web worker host.
// Screenshots go to test-results/screenshots/ui-web-*.png. Prints `N passed, N failed`; exits 1 on a failure.
//
// Usage: node scripts/vscode/ui-web.mjs [--headed] [--no-build]
import { pathToFileURL } from 'node:url';
import { runMain } from './common.mjs';
import { quickOpen, runCommand, runUiSession, UI_TIMEOUT } from './ui-checks.mjs';
import { startDemoServer } from './start.mjs';

/** Moves the cursor to LINE:COLUMN (1-based) with Ctrl+G. */
async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
}

async function main() {
  return runUiSession({
    prefix: 'ui-web',
    viewport: { width: 1400, height: 900 },
    explorerShows: 'sample.seed',
    shotOnFailure: true,
    start: () => startDemoServer({ label: 'ui-web', quiet: process.env.SEED_VERBOSE !== '1', web: true }),
    body: async ({ page, check, shot }) => {
      console.log('UI test: Seed Review\'s web build in the browser workbench (web worker extension host)');

      await check('Ctrl+P opens sample.seed as a Seed corpus', async () => {
        await quickOpen(page, 'sample.seed');
        const mode = page.locator('#status\\.editor\\.mode');
        await mode.filter({ hasText: /seed/i }).waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        return (await mode.innerText()).trim();
      });

      await check('the Outline view lists the documents of sample.seed', async () => {
        await runCommand(page, 'Explorer: Focus on Outline View');
        const rows = page.locator('.outline-tree .monaco-list-row');
        await rows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        const labels = (await rows.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
        if (labels.length < 3) throw new Error(`only ${labels.length} outline rows`);
        return `${labels.length} rows, first: ${JSON.stringify(labels[0])}`;
      });
      await shot('outline');

      await check('hovering a document id shows its headline and status', async () => {
        await goTo(page, 4, 10);
        await runCommand(page, 'Show or Focus Hover');
        const hover = page.locator('.monaco-hover', { hasText: 'status' }).first();
        await hover.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        const text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
        if (!/Antwerp/.test(text)) throw new Error(`the hover does not show the headline: ${text.slice(0, 120)}`);
        return text.slice(0, 100);
      });
      await shot('hover', page.locator('.editor-instance').first());
      await page.keyboard.press('Escape');

      await check('hovering a name shows the entity from the index built in the browser', async () => {
        // "Governor Lena Hartmann said ..." (line 29), once the entity index has the corpus.
        const deadline = Date.now() + UI_TIMEOUT * 3;
        for (;;) {
          await goTo(page, 29, 13);
          await runCommand(page, 'Show or Focus Hover');
          const hover = page.locator('.monaco-hover', { hasText: 'Lena Hartmann' }).first();
          try {
            await hover.waitFor({ state: 'visible', timeout: 5000 });
            const text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
            if (/person/.test(text) && /In the corpus/.test(text)) return text.slice(0, 140);
          } catch {
            // Not yet: the index may still be building.
          }
          if (Date.now() > deadline) throw new Error('no entity hover on Lena Hartmann');
          await page.keyboard.press('Escape');
        }
      });
      await shot('entity-hover', page.locator('.editor-instance').first());
      await page.keyboard.press('Escape');

      await check('Ctrl+Alt+A (AltGr+A on Windows) does not approve; the chord Ctrl+K A approves the document under the cursor', async () => {
        // The third document (line 20 or so) is unreviewed in the sample; find an open line without a status.
        const lines = page.locator('.editor-instance .view-lines .view-line');
        const texts = await lines.allInnerTexts();
        const flagged = texts.findIndex((text) => /^<<<\s\S+ status=flagged/.test(text.replace(/\u00a0/g, ' ')));
        if (flagged < 0) throw new Error('no flagged document visible at the top of sample.seed');
        const before = texts[flagged].replace(/\u00a0/g, ' ');
        const id = /^<<< (\S+)/.exec(before)[1];
        await page.locator('.editor-instance .view-lines .view-line', { hasText: id }).first().click();
        await page.keyboard.press('End');
        await page.keyboard.press('Control+Alt+A');
        // A Polish reviewer typing "ą": nothing may change. Give a wrongly bound command time to act.
        await page.waitForTimeout(1500);
        const after = (await page.locator('.editor-instance .view-lines .view-line', { hasText: id }).first().innerText()).replace(/\u00a0/g, ' ');
        if (/status=approved/.test(after)) throw new Error(`Ctrl+Alt+A approved ${id}: AltGr letters would approve documents`);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('A');
        await page.locator('.editor-instance .view-lines .view-line', { hasText: `${id} status=approved` }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        return `${id}: Ctrl+Alt+A left it flagged; Ctrl+K A: flagged -> approved`;
      });
      await shot('approved', page.locator('.editor-instance').first());

      await check('opening malformed/all-codes.seed fills the Problems panel', async () => {
        await quickOpen(page, 'all-codes.seed');
        await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
        const rows = page.locator('.markers-panel .monaco-list-row');
        await rows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        const seedRows = (await rows.allInnerTexts()).filter((text) => /SEED0\d\d/.test(text));
        if (seedRows.length === 0) throw new Error('no SEED0xx problem in the panel');
        return `${seedRows.length} visible rows with a SEED code`;
      });
      await shot('problems');

      await check('the Seed Corpus view lists the seed files', async () => {
        await runCommand(page, 'Seed Review: Focus on Seed Corpus View');
        const rows = page.locator('.part.sidebar .monaco-list-row', { hasText: 'sample.seed' });
        await rows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        return (await rows.first().innerText()).replace(/\s+/g, ' ').trim();
      });
      await shot('tree');

      await check('Running Extensions shows Seed Review in the web worker extension host', async () => {
        await runCommand(page, 'Developer: Show Running Extensions');
        const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Seed Review' }).first();
        await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
        return text.slice(0, 160);
      });
      await shot('running-extensions');
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(main);
}
