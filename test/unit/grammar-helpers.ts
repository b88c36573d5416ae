import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

/** One token of a tokenized line: its text and its scope stack (outermost first). */
export interface ScopedToken {
  text: string;
  scopes: string[];
}

/** Locates the repository root by walking up to the directory holding the grammar (works from test/ and out/). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'syntaxes', 'seed.tmLanguage.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`syntaxes/seed.tmLanguage.json not found above ${__dirname}`);
    dir = parent;
  }
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

/** Loads the seed grammar with vscode-textmate on top of the WASM oniguruma (once per process). */
export function loadSeedGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const root = repoRoot();
    const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const grammarPath = path.join(root, 'syntaxes', 'seed.tmLanguage.json');
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'text.seed'
          ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
          : null,
    });
    const grammar = await registry.loadGrammar('text.seed');
    if (!grammar) throw new Error('text.seed grammar did not load');
    return grammar;
  })();
  return grammarPromise;
}

/** Splits text into lines the way an editor hands them to the tokenizer: without CR or LF. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Tokenizes a whole text line by line, carrying the rule stack from each line to the next. */
export function tokenizeText(grammar: vsctm.IGrammar, text: string): ScopedToken[][] {
  let ruleStack: vsctm.StateStack = vsctm.INITIAL;
  return splitLines(text).map((line) => {
    const result = grammar.tokenizeLine(line, ruleStack);
    ruleStack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/**
 * The scopes shared by every token overlapping the first occurrence of `needle` on a line, so an
 * assertion about a piece of text holds for all of it, not just its first character.
 */
export function scopesOf(line: ScopedToken[], needle: string, occurrence = 0): string[] {
  const text = line.map((t) => t.text).join('');
  let start = -1;
  for (let i = 0; i <= occurrence; i++) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`"${needle}" not found in line: ${text}`);
  }
  const end = start + needle.length;
  let pos = 0;
  let common: string[] | undefined;
  for (const token of line) {
    const tokenEnd = pos + token.text.length;
    if (tokenEnd > start && pos < end) {
      common = common ? common.filter((s) => token.scopes.includes(s)) : [...token.scopes];
    }
    pos = tokenEnd;
  }
  return common ?? [];
}

/**
 * A readable dump for snapshot files: each source line, then one indented row per token that
 * carries more than the root scope, showing the text and its scopes (root omitted).
 */
export function renderScopes(lines: ScopedToken[][]): string {
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(`${String(i + 1).padStart(3)}| ${line.map((t) => t.text).join('')}`);
    for (const token of line) {
      const scopes = token.scopes.slice(1);
      if (scopes.length === 0) continue;
      out.push(`   ${JSON.stringify(token.text)}  ${scopes.join(' ')}`);
    }
  });
  return out.join('\n') + '\n';
}
