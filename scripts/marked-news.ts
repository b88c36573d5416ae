/**
 * Turns hand-annotated news (a "marked" text file) into the seed + gold JSON Lines form that
 * `npm run eval:entities` and `npm run train:entities` read.
 *
 * Marked form: lines starting with `#` are comments; articles are separated by blank lines; an
 * article's first line is its headline, each further line a paragraph. Entities are written
 * inline as `[TYPE words]`, TYPE one of PER, LOC, ORG, MISC (brackets do not nest).
 *
 * Usage: npx esbuild scripts/marked-news.ts --bundle --platform=node --outfile=out/marked-news.js --log-level=warning
 *        && node out/marked-news.js IN.marked.txt... -o OUT   (writes OUT.seed and OUT.gold.jsonl)
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** One gold entity: UTF-16 offsets into the document body (its lines joined with "\n"). */
export interface MarkedEntity {
  type: 'PER' | 'LOC' | 'ORG' | 'MISC';
  start: number;
  end: number;
  text: string;
}

/** One article read from the marked form. */
export interface MarkedArticle {
  id: string;
  lines: string[];
  entities: MarkedEntity[];
}

const MARK = /\[(PER|LOC|ORG|MISC) ([^\][]+)\]/g;

/** 16 hex digits from two FNV-1a hashes of the text: a stable document id. */
function hex16(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * Parses marked text into articles; `firstNumber` is the NNN of the first document id. Throws
 * one message naming the line when a bracket is left unmatched or a type is unknown.
 */
export function parseMarked(text: string, firstNumber = 0, source = 'input'): MarkedArticle[] {
  const articles: MarkedArticle[] = [];
  let current: { lines: string[]; entities: MarkedEntity[]; offset: number } | undefined;
  const flush = (): void => {
    if (!current) return;
    const number = String(firstNumber + articles.length).padStart(3, '0');
    articles.push({ id: `${number}_${hex16(current.lines.join('\n'))}`, lines: current.lines, entities: current.entities });
    current = undefined;
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.startsWith('#')) return;
    if (raw.trim() === '') {
      flush();
      return;
    }
    current ??= { lines: [], entities: [], offset: 0 };
    let plain = '';
    let last = 0;
    for (const m of raw.matchAll(MARK)) {
      plain += raw.slice(last, m.index);
      const start = current.offset + plain.length;
      plain += m[2];
      current.entities.push({ type: m[1] as MarkedEntity['type'], start, end: start + m[2].length, text: m[2] });
      last = (m.index ?? 0) + m[0].length;
    }
    plain += raw.slice(last);
    if (/[[\]]/.test(plain)) throw new Error(`${source}:${index + 1}: a bracket that is not an entity mark ([PER|LOC|ORG|MISC words])`);
    current.lines.push(plain);
    current.offset += plain.length + 1;
  });
  flush();
  return articles;
}

/** The seed corpus text of the articles (delimiters with their ids, a blank line between). */
export function seedText(articles: readonly MarkedArticle[]): string {
  return articles.map((a) => [`<<< ${a.id}`, ...a.lines, `>>> ${a.id}`].join('\n')).join('\n\n') + '\n';
}

/** The gold JSON Lines of the articles, as the CoNLL conversion in /work/shared/data has them. */
export function goldText(articles: readonly MarkedArticle[]): string {
  return articles.map((a) => JSON.stringify({ id: a.id, entities: a.entities })).join('\n') + '\n';
}

function main(): void {
  const args = process.argv.slice(2);
  const o = args.indexOf('-o');
  const out = o >= 0 ? args[o + 1] : undefined;
  const inputs = args.filter((_, i) => o < 0 || (i !== o && i !== o + 1));
  if (!out || inputs.length === 0) {
    console.error('usage: node out/marked-news.js IN.marked.txt... -o OUT (writes OUT.seed and OUT.gold.jsonl)');
    process.exit(2);
  }
  const articles: MarkedArticle[] = [];
  for (const file of inputs) articles.push(...parseMarked(readFileSync(file, 'utf8'), articles.length, file));
  const write = (file: string, text: string): void => {
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  };
  write(`${out}.seed`, seedText(articles));
  write(`${out}.gold.jsonl`, goldText(articles));
  const count = (t: string): number => articles.reduce((n, a) => n + a.entities.filter((e) => e.type === t).length, 0);
  console.log(`${articles.length} articles; PER ${count('PER')}, LOC ${count('LOC')}, ORG ${count('ORG')}, MISC ${count('MISC')} -> ${out}.seed, ${out}.gold.jsonl`);
}

if (require.main === module) main();
