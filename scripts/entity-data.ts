/**
 * Reading annotated corpora for training and evaluation: a seed file and a gold JSON Lines file
 * (`{"id", "entities": [{"type", "start", "end"}]}`, offsets into the document body: the lines
 * between the delimiters joined with "\n"). Also the gazetteers that do not come from the
 * training data: compromise's lexicon and the project's own lists, hashed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import nlp from 'compromise';
import { parseSeed } from '../src/core/parser';
import { documentBodyLines } from '../src/core/entities/extract';
import { COUNTRY_NAMES, DEMONYMS, GAZETTEER, ORG_SUFFIXES, TITLES } from '../src/core/entities/gazetteer';
import { GAZ_CLASSES, textPhraseHash } from '../src/core/entities/ner/features';
import type { GoldSpan, TrainingDocument } from '../src/core/entities/ner/train';
import type { EntityClass } from '../src/core/entities/ner/model';
import type { EntityLine } from '../src/core/entities/types';

/** One annotated document as read from disk. */
export interface AnnotatedDocument extends TrainingDocument {
  id: string;
  /** File line of lines[0]. */
  bodyStartLine: number;
  /** The non-blank lines as the extension hands them to extraction. */
  entityLines: EntityLine[];
}

/** Reads a seed file and its gold file. Gold spans that cross a line break are dropped (counted). */
export function readAnnotated(seedPath: string, goldPath: string): { docs: AnnotatedDocument[]; crossLine: number } {
  const text = readFileSync(seedPath, 'utf8');
  const fileLines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const gold = new Map<string, { type: string; start: number; end: number }[]>();
  readFileSync(goldPath, 'utf8').split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let g: { id: string; entities: { type: string; start: number; end: number }[] };
    try {
      g = JSON.parse(line) as typeof g;
    } catch (error) {
      throw new Error(`${goldPath}:${index + 1}: not a JSON line (${(error as Error).message})`);
    }
    if (typeof g?.id !== 'string' || !Array.isArray(g.entities)) throw new Error(`${goldPath}:${index + 1}: expected {"id": "...", "entities": [...]}`);
    gold.set(g.id, g.entities);
  });
  let crossLine = 0;
  const docs = parseSeed(text, { fileName: path.basename(seedPath) }).documents.map((d) => {
    const lines = d.bodyEndLine >= d.bodyStartLine ? fileLines.slice(d.bodyStartLine, d.bodyEndLine + 1) : [];
    const starts: number[] = [];
    let off = 0;
    for (const l of lines) {
      starts.push(off);
      off += l.length + 1;
    }
    const spans: GoldSpan[] = [];
    for (const e of gold.get(d.id) ?? []) {
      let li = starts.length - 1;
      while (li > 0 && starts[li] > e.start) li--;
      if (li < 0 || e.end > starts[li] + lines[li].length) {
        crossLine++;
        continue;
      }
      spans.push({ line: li, start: e.start - starts[li], end: e.end - starts[li], cls: e.type as EntityClass });
    }
    return { id: d.id, lines, spans, bodyStartLine: d.bodyStartLine, entityLines: documentBodyLines(d) };
  });
  return { docs, crossLine };
}

const bit = (c: (typeof GAZ_CLASSES)[number]): number => 1 << GAZ_CLASSES.indexOf(c);

/** Words that announce a place in news: general English, not taken from any corpus. */
const PLACE_CONTEXT = ['in', 'near', 'outside', 'across', 'around', 'from', 'to', 'into', 'towards', 'toward', 'via', 'captured', 'recaptured',
  'seized', 'liberated', 'retook', 'shelled', 'bombed', 'attacked', 'fled', 'visited', 'visiting', 'arrived', 'landed', 'outskirts', 'city', 'town',
  'village', 'province', 'region', 'capital', 'district', 'port', 'border', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western'];

/** Words that announce an organisation in news. */
const ORG_CONTEXT = ['company', 'companies', 'firm', 'group', 'maker', 'manufacturer', 'producer', 'bank', 'carrier', 'airline', 'insurer', 'retailer',
  'club', 'side', 'agency', 'newspaper', 'daily', 'broadcaster', 'operator', 'giant', 'conglomerate', 'subsidiary', 'brewer', 'chain', 'exchange',
  'shares', 'stake', 'shareholders', 'party', 'union', 'ministry', 'spokesman', 'spokeswoman', 'chairman', 'chief'];

const COMMON_TAGS = new Set(['Adjective', 'Singular', 'Plural', 'Uncountable', 'Noun', 'Adverb', 'Preposition', 'Determiner', 'Conjunction',
  'Pronoun', 'Month', 'WeekDay', 'Infinitive', 'PresentTense', 'PastTense', 'Gerund', 'Actor', 'Comparative', 'Superlative', 'Possessive',
  'QuestionWord', 'Modal', 'Copula', 'Negative', 'Expression', 'TextValue', 'Cardinal', 'Ordinal', 'Unit']);

/**
 * The words of company names in cspell's company dictionary (@cspell/dict-companies, MIT, a
 * development dependency read at training time only): one word a line, names split into words
 * ("Hewlett-Packard", "Symantec", "Air"), some stock tickers.
 */
function companyWords(): string[] {
  // The package exports no path to its word list: find it from its manifest.
  const req = createRequire(path.join(process.cwd(), 'package.json'));
  const dir = path.dirname(req.resolve('@cspell/dict-companies/cspell-ext.json'));
  return readFileSync(path.join(dir, 'dict', 'companies.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 1 && !l.startsWith('#') && /^\p{Lu}/u.test(l));
}

/** Gazetteer of general knowledge: compromise's lexicon and the project's lists, as phrase hash -> class mask. */
export function generalGazetteer(options: { common?: boolean } = {}): Map<number, number> {
  const out = new Map<number, number>();
  const add = (phrase: string, mask: number): void => {
    const h = textPhraseHash(phrase);
    if (h !== undefined && mask !== 0) out.set(h, (out.get(h) ?? 0) | mask);
  };
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  for (const [word, tag] of Object.entries(lexicon)) {
    const tags = Array.isArray(tag) ? tag : [tag];
    let m = 0;
    for (const t of tags) {
      if (t === 'Person' || t === 'MaleName' || t === 'FemaleName' || t === 'FirstName') m |= bit('per');
      if (t === 'MaleName' || t === 'FemaleName' || t === 'FirstName') m |= bit('first');
      if (t === 'LastName') m |= bit('last');
      if (t === 'Place' || t === 'City' || t === 'Country' || t === 'Region') m |= bit('loc');
      if (t === 'Organization' || t === 'Company' || t === 'SportsTeam' || t === 'School') m |= bit('org');
      if (t === 'Demonym') m |= bit('demonym');
      if (t === 'Honorific') m |= bit('title');
      if (options.common !== false && COMMON_TAGS.has(t) && !word.includes(' ')) m |= bit('common');
    }
    add(word, m);
  }
  for (const [phrase, type] of GAZETTEER) add(phrase, type === 'place' ? bit('llist') : bit('olist'));
  for (const c of COUNTRY_NAMES) add(c, bit('llist'));
  for (const d of DEMONYMS) add(d, bit('demonym'));
  for (const t of TITLES) add(t, bit('title'));
  for (const s of ORG_SUFFIXES) add(s, bit('orgsuffix'));
  for (const w of PLACE_CONTEXT) add(w, bit('locctx'));
  for (const w of ORG_CONTEXT) add(w, bit('orgctx'));
  // Company words that no other list knows: a word known as a place, a person or a common word
  // ("Hamburg", "Air") says little as a company word (measured: keeping those too cost 0.3 points
  // of development F1).
  for (const word of companyWords()) {
    const h = textPhraseHash(word);
    if (h === undefined) continue;
    const known = out.get(h) ?? 0;
    if ((known & ~(bit('org') | bit('olist'))) !== 0) continue;
    out.set(h, known | bit('clist'));
  }
  return out;
}

/**
 * Runs a script's main so that bad input ends in one line on stderr and exit code 1, never a
 * stack trace (a missing file names the file).
 */
export function runScript(name: string, main: () => void | Promise<void>): void {
  Promise.resolve().then(main).catch((error: unknown) => {
    const e = error as NodeJS.ErrnoException;
    const message = e?.code === 'ENOENT' ? `cannot read ${e.path}: no such file`
      : e?.code === 'EACCES' ? `cannot read ${e.path}: permission denied`
        : e?.code === 'EISDIR' ? `cannot read ${e.path}: it is a folder`
          : error instanceof Error ? error.message : String(error);
    console.error(`${name}: ${message}`);
    process.exit(1);
  });
}
