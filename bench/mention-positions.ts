// Where the hover benchmarks hover: picked from the text, not from the entity index, because they
// hover while the index is still being built. No Node module: the web bench runs it in a browser.
import * as vscode from 'vscode';
import { prng } from './corpus-generator';

/**
 * `count` positions (one character into the name) drawn without repeats by a seeded generator from
 * every match of `names` in the body lines of `text` (delimiter and comment lines skipped).
 */
export function mentionPositions(text: string, names: RegExp, count: number, seed: number): vscode.Position[] {
  const found: vscode.Position[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^(<<<|>>>|#)/.test(line)) return;
    for (const m of line.matchAll(names)) found.push(new vscode.Position(i, (m.index ?? 0) + 1));
  });
  const random = prng(seed);
  const out: vscode.Position[] = [];
  for (let i = 0; i < count && found.length > 0; i++) out.push(found.splice(Math.floor(random() * found.length), 1)[0]);
  return out;
}
