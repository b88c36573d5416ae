// What the UI tests share: driving the workbench as a user does (command palette, Quick Open) and
// recording checks that never throw, so every check runs and every screenshot is taken.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { log, onExit, repoRoot, runChecked, screenshotsDir, which } from './common.mjs';
import { launchChromium } from './run-offline.mjs';

/** How long to wait for something the extension computes to show up. */
export const UI_TIMEOUT = 30_000;

/** Runs a command by its title through the command palette (F1). Retries while the extension's commands register. */
export async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    try {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 5000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt >= 6) throw error;
    }
  }
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open (Ctrl+P), as a user does, and waits for its tab. */
export async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // Wait for the row of this file: until the search answers, the list still shows the last results.
  const base = name.split('/').pop();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${base}"]`).first().waitFor({ state: 'visible' });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

/**
 * A list of named checks with screenshots named `PREFIX-NAME.png`. `page()` gives the page once it
 * exists; `shotOnFailure` also saves a picture of each failing check.
 */
export function uiChecks(prefix, page, { shotOnFailure = false } = {}) {
  const results = [];
  const shot = async (name, locator) => {
    const file = join(screenshotsDir, `${prefix}-${name}.png`);
    await (locator ?? page()).screenshot({ path: file }).then(() => log(`screenshot: ${file}`), (error) => log(`screenshot ${name} failed: ${error.message}`));
  };
  const check = async (name, body) => {
    try {
      const detail = await body();
      results.push({ name, ok: true });
      console.log(`  ✔ ${name}${detail ? ` (${detail})` : ''}`);
    } catch (error) {
      results.push({ name, ok: false });
      console.log(`  ✘ ${name}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
      if (shotOnFailure) await shot(`failed-${results.length}`);
    }
  };
  /** Records that the run itself broke (the workbench did not load...), with a picture. */
  const broke = async (error) => {
    results.push({ name: 'the workbench loaded', ok: false });
    console.log(`  ✘ the workbench loaded: ${error instanceof Error ? error.message : String(error)}`);
    await shot('failed');
  };
  /** Prints `N passed, N failed` and returns the exit code. */
  const finish = () => {
    const failed = results.filter((result) => !result.ok).length;
    console.log(`${results.length - failed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
  };
  return { check, shot, broke, finish };
}

/**
 * One UI test run, the part every UI test shares. Builds the extension unless `--no-build`,
 * starts a server with `start()` (it returns `{ address, stop }`), opens Chromium (`--headed` to
 * watch) on the address, waits for the workbench and for `explorerShows` in the Explorer, then
 * runs `body({ page, check, shot })`. Anything that throws outside a check is recorded as "the
 * workbench loaded" failing, with a screenshot. Browser and server stop however it ends.
 * Returns the exit code (see uiChecks' finish).
 */
export async function runUiSession({ prefix, viewport, shotOnFailure = false, explorerShows, start, body }) {
  const { values } = parseArgs({ options: { headed: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false } } });
  if (!values['no-build']) {
    log('npm run build ...');
    await runChecked(which('npm') ?? 'npm', ['run', 'build', '--silent'], { cwd: repoRoot });
  }
  mkdirSync(screenshotsDir, { recursive: true });
  let server;
  let browser;
  let page;
  onExit(() => {
    server?.stop();
    browser?.process?.()?.kill('SIGKILL');
  });
  server = await start();
  log(`code-server at ${server.address}`);
  const { check, shot, broke, finish } = uiChecks(prefix, () => page, { shotOnFailure });
  browser = await launchChromium({ headed: values.headed });
  page = await browser.newPage({ viewport });
  try {
    await page.goto(server.address);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer lists the workspace once the remote connection is up.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: explorerShows }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await body({ page, check, shot });
  } catch (error) {
    await broke(error);
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  return finish();
}
