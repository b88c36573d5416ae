// The Entity Report as a user sees it, in the browser workbench (code-server + chromium): opens it
// with F1 "Seed Review: Show Entity Report", waits for the webview (nested iframes: iframe.webview →
// iframe#active-frame), asserts on the table, chart, type filter, sort and search, selects an entity,
// sees its documents, opens one, and shows it again in a light and a high-contrast theme (switched
// by editing settings.json in the workbench, which applies it live).
// The workspace is its own (.vscode-test/ui-report-workspace): the sample corpus, the real seed and
// the synthetic news corpus (40 invented articles), so the report has entities of every type to show.
// Screenshots go to test-results/screenshots/report-*.png. Prints `N passed, N failed`; exits 1 on a failure.
//
// Usage: node scripts/vscode/ui-report.mjs [--headed] [--no-build]
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extensionInfo, freePort, freshProfile, repoRoot, runMain, startCodeServer, vscodeTestDir } from './common.mjs';
import { installCodeServer } from './install-code-server.mjs';
import { runCommand, runUiSession, UI_TIMEOUT } from './ui-checks.mjs';

/** The entity index is built by workers after the workspace scan: allow for a slow machine. */
const INDEX_TIMEOUT = 120_000;

const workspace = join(vscodeTestDir, 'ui-report-workspace');

function prepareReportWorkspace() {
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  const fixtures = join(repoRoot, 'test', 'fixtures');
  for (const [from, to] of [
    ['sample.seed', 'sample.seed'],
    ['000_0f5d7b9424756893.txt', '000_0f5d7b9424756893.txt'],
    ['synthetic-news.seed', 'synthetic-news.seed'],
  ]) copyFileSync(join(fixtures, from), join(workspace, to));
}

async function main() {
  let profile;
  return runUiSession({
    prefix: 'report',
    viewport: { width: 1500, height: 950 },
    shotOnFailure: true,
    explorerShows: 'synthetic-news.seed',
    start: async () => {
      await installCodeServer();
      prepareReportWorkspace();
      profile = freshProfile('ui-report', { 'workbench.colorTheme': 'Default Dark Modern' });
      const { id, version } = extensionInfo();
      symlinkSync(repoRoot, join(profile.extensionsDir, `${id}-${version}`), 'dir');
      const server = await startCodeServer({
        port: await freePort(), ...profile, folder: workspace, onOutput: process.env.SEED_VERBOSE === '1' ? undefined : () => {},
      });
      return { address: `${server.url}/?folder=${encodeURI(workspace)}`, stop: () => server.stop() };
    },
    body: async ({ page, check, shot }) => {
      /**
       * Switches the colour theme the way a user edits settings.json (the server does not watch the
       * file for changes made behind its back): the profile's settings plus the theme, on one line, saved.
       */
      const setTheme = async (theme) => {
        const settings = JSON.parse(readFileSync(join(profile.userDataDir, 'User', 'settings.json'), 'utf8'));
        await runCommand(page, 'Preferences: Open User Settings (JSON)');
        await page.locator('.tabs-container .tab.active', { hasText: 'settings.json' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        await page.waitForTimeout(500); // the editor takes focus once its text is shown
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText(JSON.stringify({ ...settings, 'workbench.colorTheme': theme }));
        // Whatever the editor auto-closed after the text goes.
        await page.keyboard.press('Control+Shift+End');
        await page.keyboard.press('Delete');
        await page.keyboard.press('Control+S');
      };
      // The report's page inside the webview's two iframes.
      const report = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
      const rows = report.locator('#rows tr[data-key]');
      console.log('UI test: the Entity Report in the browser workbench');

      await check('F1 "Seed Review: Show Entity Report" opens the report', async () => {
        await runCommand(page, 'Seed Review: Show Entity Report');
        await page.locator('.tabs-container .tab.active', { hasText: 'Entity Report' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        await report.locator('#table').waitFor({ state: 'attached', timeout: UI_TIMEOUT });
        return 'tab and webview shown';
      });
      await check('the index is built and the table lists the entities, 500 rows at first', async () => {
        await report.locator('#notice').waitFor({ state: 'hidden', timeout: INDEX_TIMEOUT });
        await rows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        const count = await rows.count();
        const summary = await report.locator('#summary').innerText();
        const total = Number(/(\d+) entities/.exec(summary)?.[1] ?? 0);
        if (total < 500) throw new Error(`only ${total} entities (${summary})`);
        if (count !== 500) throw new Error(`${count} rows rendered, expected the first 500`);
        if (!(await report.locator('#more').isVisible())) throw new Error('no "Show more" button');
        return `${summary}, ${count} rows rendered, "${await report.locator('#more').innerText()}"`;
      });
      await check('the header counts each type and the table is sorted by mentions (aria-sort)', async () => {
        const toggles = await report.locator('#types button').allInnerTexts();
        if (toggles.length !== 3) throw new Error(`${toggles.length} type toggles`);
        const sort = await report.locator('th.col-mentions').getAttribute('aria-sort');
        if (sort !== 'descending') throw new Error(`mentions aria-sort=${sort}`);
        const mentions = (await report.locator('#rows tr[data-key] td.num:nth-child(3)').allInnerTexts()).slice(0, 50).map(Number);
        if (mentions.some((m, i) => i > 0 && m > mentions[i - 1])) throw new Error(`not descending: ${mentions.slice(0, 10)}`);
        return toggles.map((t) => t.replace(/\s+/g, ' ').trim()).join(' | ');
      });
      await check('the chart shows the 15 most mentioned, bars coloured by type and scaled', async () => {
        const bars = report.locator('#chart .bar-row');
        const n = await bars.count();
        if (n !== 15) throw new Error(`${n} bars`);
        const widths = await report.locator('#chart rect.bar').evaluateAll((rects) => rects.map((r) => parseFloat(r.getAttribute('width'))));
        if (widths[0] !== 100 || widths.some((w, i) => i > 0 && w > widths[i - 1])) throw new Error(`widths ${widths}`);
        const fills = await report.locator('#chart rect.bar').evaluateAll((rects) => [...new Set(rects.map((r) => getComputedStyle(r).fill))]);
        if (fills.some((f) => !f || f === 'none')) throw new Error(`unfilled bars: ${fills}`);
        const labels = await report.locator('#chart .bar-label').allInnerTexts();
        return `${labels.slice(0, 4).join(', ')}…; ${fills.length} colours`;
      });
      await shot('overview');
      await shot('webview', page.locator('iframe.webview').first());

      await check('clicking the Entity header sorts by name (▲, aria-sort ascending)', async () => {
        await report.locator('th.col-canonical button').click();
        await report.locator('th.col-canonical[aria-sort="ascending"]').waitFor({ timeout: UI_TIMEOUT });
        const names = (await report.locator('#rows tr[data-key] .canonical').allInnerTexts()).slice(0, 30);
        const sorted = names.slice().sort(new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare);
        if (names.join('|') !== sorted.join('|')) throw new Error(`not sorted: ${names.slice(0, 6)}`);
        const arrow = await report.locator('th.col-canonical .arrow').innerText();
        await report.locator('th.col-mentions button').click();
        await report.locator('th.col-mentions[aria-sort="descending"]').waitFor({ timeout: UI_TIMEOUT });
        return `arrow ${arrow}, first ${names[0]}`;
      });
      await check('the search box filters names and aliases', async () => {
        await report.locator('#search').fill('germany');
        await report.locator('#summary', { hasText: ' of ' }).waitFor({ timeout: UI_TIMEOUT });
        const names = await report.locator('#rows tr[data-key] .canonical').allInnerTexts();
        if (names.length === 0 || names.length > 20) throw new Error(`${names.length} rows`);
        if (!names.some((n) => /germany/i.test(n))) throw new Error(`no Germany in ${names}`);
        await shot('search');
        return `${names.length} rows: ${names.slice(0, 4).join(', ')}`;
      });
      await check('the People toggle hides people', async () => {
        await report.locator('#search').fill('');
        await report.locator('#summary', { hasNotText: ' of ' }).waitFor({ timeout: UI_TIMEOUT });
        await report.locator('#types button[data-type="person"]').click();
        await report.locator('#types button[data-type="person"][aria-pressed="false"]').waitFor({ timeout: UI_TIMEOUT });
        const people = await report.locator('#rows tr.type-person').count();
        const shown = await rows.count();
        if (people !== 0 || shown === 0) throw new Error(`${people} people among ${shown} rows`);
        const summary = await report.locator('#summary').innerText();
        await shot('filter');
        await report.locator('#types button[data-type="person"]').click();
        await report.locator('#types button[data-type="person"][aria-pressed="true"]').waitFor({ timeout: UI_TIMEOUT });
        return summary;
      });
      let opened = '';
      await check('clicking an entity lists its documents (headline, id, count)', async () => {
        const first = rows.first();
        const name = await first.locator('.canonical').innerText();
        await first.click();
        await report.locator('#rows tr[aria-selected="true"]').waitFor({ timeout: UI_TIMEOUT });
        const docs = report.locator('#documents button.document');
        await docs.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        const n = await docs.count();
        const title = await report.locator('#details-title').innerText();
        if (title !== name) throw new Error(`details title ${title}, expected ${name}`);
        opened = await docs.first().locator('.doc-id').innerText();
        await shot('selected');
        return `${name}: ${n} documents, ${await report.locator('#details-hint').innerText()}`;
      });
      await check('the keyboard moves through the rows and Enter selects', async () => {
        const second = await rows.nth(1).locator('.canonical').innerText();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await report.locator('#details-title', { hasText: second }).waitFor({ timeout: UI_TIMEOUT });
        await report.locator('#documents button.document').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        const selected = await report.locator('#rows tr[aria-selected="true"] .canonical').innerText();
        if (selected !== second) throw new Error(`selected ${selected}, expected ${second}`);
        opened = await report.locator('#documents button.document .doc-id').first().innerText();
        return `${selected}: ${await report.locator('#details-hint').innerText()}`;
      });
      await check('clicking a document opens it in an editor at the mention', async () => {
        await report.locator('#documents button.document').first().click();
        const tab = page.locator('.tabs-container .tab.active', { hasText: /\.seed|\.txt/ });
        await tab.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
        // The selection is on the mention: the editor paints it.
        await page.locator('.editor-instance .monaco-editor .selected-text').first().waitFor({ state: 'attached', timeout: UI_TIMEOUT });
        await shot('open');
        return `${(await tab.first().innerText()).trim()} (document ${opened})`;
      });
      await check('the report keeps its state in a light theme', async () => {
        await setTheme('Default Light Modern');
        await page.locator('.tabs-container .tab', { hasText: 'settings.json' }).locator('.codicon-close').first().click();
        await report.locator('body.vscode-light').waitFor({ state: 'attached', timeout: UI_TIMEOUT });
        await page.waitForTimeout(500);
        const selected = await report.locator('#rows tr[aria-selected="true"] .canonical').innerText({ timeout: UI_TIMEOUT });
        await shot('light');
        return `selected: ${selected}`;
      });
      await check('and in high contrast', async () => {
        await setTheme('Default High Contrast');
        await page.locator('.tabs-container .tab', { hasText: 'settings.json' }).locator('.codicon-close').first().click();
        await report.locator('body.vscode-high-contrast').waitFor({ state: 'attached', timeout: UI_TIMEOUT });
        await page.waitForTimeout(500);
        await rows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
        await shot('high-contrast');
        return 'rendered';
      });
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(main);
}
