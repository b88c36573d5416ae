import * as vscode from 'vscode';
import { isBareSeedFileName } from '../../core/ids';
import { bundle, BundleInput } from '../../core/review/bundle';
import { problemLine } from '../../core/review/bundle-format';
import { split } from '../../core/review/split';
import { firstBlocking, isEmptyRecord, LEDGER_FILE_NAME, LedgerBlockedError, type Ledger } from '../../core/review/ledger';
import { loadLedger, updateLedger } from '../../core/review/ledger-store';
import { openDocument } from '../parse-cache';
import { plural } from './shared';
import { baseName, describeFileError } from '../../core/host/file-system';
import { encodeSeedText } from '../../core/host/seed-text';
import { vscodeFileSystem } from '../host/vscode-file-system';

/** Options for scripted use and tests: `overwrite: false` refuses instead of asking, `true` skips the question. */
export interface BundleCommandOptions {
  overwrite?: boolean;
}

/** What a bundle or split command did. */
export interface BundleCommandResult {
  written: vscode.Uri[];
  error?: string;
  warnings?: string[];
}

/**
 * "Bundle Seed Files into Corpus…" and "Split Corpus into Seed Files…": dialogs around the
 * core bundle/split (the CLI's twins). Nothing is overwritten without a modal confirmation.
 */
export function registerBundleCommands(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('seedReview.bundle', (inputs?: vscode.Uri[], output?: vscode.Uri, options?: BundleCommandOptions) =>
      bundleCommand(inputs, output, options ?? {})),
    vscode.commands.registerCommand('seedReview.split', (source?: vscode.Uri, folder?: vscode.Uri, options?: BundleCommandOptions) =>
      splitCommand(source, folder, options ?? {})),
  );
}

async function bundleCommand(given: vscode.Uri[] | undefined, givenOutput: vscode.Uri | undefined, options: BundleCommandOptions): Promise<BundleCommandResult | undefined> {
  const inputs = given ?? await vscode.window.showOpenDialog({
    title: 'Bundle Seed Files: pick bare seed files or folders',
    canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: 'Bundle',
    filters: { 'Seed files': ['txt'] },
  });
  if (!inputs?.length) return undefined;
  let files: BundleInput[];
  try {
    files = await readBareFiles(inputs);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const result = bundle(files);
  if (result.problems.length) return fail(problemLine(result.problems));

  const output = givenOutput ?? await vscode.window.showSaveDialog({
    title: `Bundle ${plural(files.length, 'seed file')} into a corpus`, saveLabel: 'Bundle',
    defaultUri: vscode.Uri.joinPath(inputs[0], '..', 'corpus.seed'), filters: { 'Seed corpus': ['seed'] },
  });
  if (!output) return undefined;
  if (!output.path.endsWith('.seed')) return fail(`${baseName(output.path)}: the corpus must be a .seed file`);
  if (await exists(output) && !(await confirmOverwrite(`${baseName(output.path)} already exists. Replace it with the bundle of ${plural(files.length, 'file')}?`, options))) {
    return { written: [], error: 'not overwritten' };
  }
  try {
    // Atomic: a failed write (a full disk) leaves the corpus being replaced whole.
    await vscodeFileSystem.writeFileAtomic(output.toString(), encodeSeedText(result.text));
  } catch (error) {
    return fail(`${output.fsPath}: cannot write: ${describeFileError(error)}`);
  }
  vscode.window.setStatusBarMessage(`$(package) Bundled ${plural(result.documentCount, 'file')} into ${baseName(output.path)}`, 5000);
  if (given === undefined) await vscode.window.showTextDocument(output);
  return { written: [output] };
}

async function splitCommand(given: vscode.Uri | undefined, givenFolder: vscode.Uri | undefined, options: BundleCommandOptions): Promise<BundleCommandResult | undefined> {
  let source = given;
  const active = vscode.window.activeTextEditor?.document;
  if (!source && active?.uri.path.endsWith('.seed')) source = active.uri;
  if (!source) {
    source = (await vscode.window.showOpenDialog({ title: 'Split Corpus: pick a .seed corpus', canSelectMany: false, filters: { 'Seed corpus': ['seed'] } }))?.[0];
  }
  if (!source) return undefined;
  const name = baseName(source.path);
  // An open editor's text is what the reviewer sees (maybe unsaved); otherwise the file on disk.
  const open = openDocument(source);
  let text: string;
  try {
    text = open ? open.getText() : decode(await vscode.workspace.fs.readFile(source), name);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const result = split(text);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length) return fail(problemLine(errors, name));

  const folder = givenFolder ?? (await vscode.window.showOpenDialog({
    title: `Split ${name}: pick the folder for ${plural(result.files.length, 'seed file')}`,
    canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Split Here',
    defaultUri: vscode.Uri.joinPath(source, '..'),
  }))?.[0];
  if (!folder) return undefined;
  const targets = result.files.map((file) => ({ uri: vscode.Uri.joinPath(folder, file.name), text: file.text }));
  const existing: vscode.Uri[] = [];
  for (const target of targets) if (await exists(target.uri)) existing.push(target.uri);
  if (existing.length) {
    const first = baseName(existing[0].path);
    const what = existing.length === 1 ? `${first} already exists` : `${first} and ${plural(existing.length - 1, 'other file')} already exist`;
    if (!(await confirmOverwrite(`${what} in ${baseName(folder.path)}. Replace ${existing.length === 1 ? 'it' : 'them'}?`, options))) {
      return { written: [], error: 'not overwritten' };
    }
  }
  const ledgerUri = vscode.Uri.joinPath(folder, LEDGER_FILE_NAME);
  const currentLedger = await loadLedger(vscodeFileSystem, ledgerUri.toString()).catch(() => undefined);
  const blocking = currentLedger && firstBlocking(currentLedger.ledger);
  if (blocking) return fail(`${vscode.workspace.asRelativePath(ledgerUri)}:${blocking.range.start.line + 1}: ${blocking.message}`);
  const written: vscode.Uri[] = [];
  try {
    await vscodeFileSystem.createDirectory(folder.toString());
    for (const target of targets) {
      await vscodeFileSystem.writeFileAtomic(target.uri.toString(), encodeSeedText(target.text));
      written.push(target.uri);
    }
    // Every document's attributes go to the folder's review ledger (merged into what is there now).
    await updateLedger(vscodeFileSystem, ledgerUri.toString(), (records) => {
      const merged = new Map(records);
      for (const record of result.records) {
        if (isEmptyRecord(record)) merged.delete(record.id);
        else merged.set(record.id, record);
      }
      return merged.values();
    });
  } catch (error) {
    return { ...(await fail(`${folder.fsPath}: cannot write: ${error instanceof LedgerBlockedError ? error.message : describeFileError(error)}`)), written };
  }
  const warnings = result.problems.filter((p) => p.severity === 'warning').map((p) => p.message);
  const message = `Split ${name} into ${plural(written.length, 'seed file')} in ${baseName(folder.path)}.`;
  if (warnings.length) void vscode.window.showWarningMessage(`${message} Note: ${warnings.join('; ')}.`);
  else vscode.window.setStatusBarMessage(`$(files) ${message}`, 5000);
  return { written, warnings };
}

/** Reads the bare seed files named (folders: recursively, sorted). */
async function readBareFiles(inputs: readonly vscode.Uri[]): Promise<BundleInput[]> {
  const uris: vscode.Uri[] = [];
  for (const uri of inputs) {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) {
      const before = uris.length;
      await walk(uri, uris);
      if (uris.length === before) throw new Error(`${baseName(uri.path)}: no bare seed files here (expected NNN_<16 hex digits>.txt files)`);
    } else {
      uris.push(uri);
    }
  }
  const files: BundleInput[] = [];
  // Each folder's review ledger puts its attributes back on the open lines; one with a conflict refuses.
  const ledgers = new Map<string, Ledger>();
  for (const uri of uris) {
    const name = baseName(uri.path);
    const shownAs = vscode.workspace.asRelativePath(uri);
    const ledgerUri = vscode.Uri.joinPath(uri, '..', LEDGER_FILE_NAME);
    let ledger = ledgers.get(ledgerUri.toString());
    if (!ledger) {
      ledger = (await loadLedger(vscodeFileSystem, ledgerUri.toString())).ledger;
      const blocking = firstBlocking(ledger);
      if (blocking) throw new Error(`${vscode.workspace.asRelativePath(ledgerUri)}:${blocking.range.start.line + 1}: ${blocking.message} Bundle does not read it until then.`);
      ledgers.set(ledgerUri.toString(), ledger);
    }
    const record = ledger.byId.get(name.slice(0, -4));
    files.push({ name, shownAs, text: decode(await vscode.workspace.fs.readFile(uri), shownAs), ...(record ? { record } : {}) });
  }
  return files;
}

async function walk(folder: vscode.Uri, found: vscode.Uri[]): Promise<void> {
  const entries = (await vscode.workspace.fs.readDirectory(folder)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, type] of entries) {
    if (type & vscode.FileType.Directory) {
      if (!name.startsWith('.') && name !== 'node_modules') await walk(vscode.Uri.joinPath(folder, name), found);
    } else if (isBareSeedFileName(name)) {
      found.push(vscode.Uri.joinPath(folder, name));
    }
  }
}

/** UTF-8 with the BOM kept (bundle records it); invalid UTF-8 is refused rather than guessed. */
function decode(bytes: Uint8Array, shownAs: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`${shownAs}: not valid UTF-8; seed files must be UTF-8 text`);
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function confirmOverwrite(question: string, options: BundleCommandOptions): Promise<boolean> {
  if (options.overwrite !== undefined) return options.overwrite;
  return (await vscode.window.showWarningMessage(question, { modal: true }, 'Replace')) === 'Replace';
}

async function fail(message: string): Promise<BundleCommandResult> {
  void vscode.window.showErrorMessage(`Seed Review: ${message}`);
  return { written: [], error: message };
}
