/**
 * Lexicons read from files (the `lexicon` of `.seed-review.json`, a `.seed-entities.json`) and
 * where their problems are in the file. Shared by the editor and the command line; the editor
 * shows the problems as diagnostics, so positions are 0-based lines and UTF-16 columns of the
 * text as the editor shows it (without a BOM).
 */
import type { ConfigProblem, ProjectConfigResult } from '../config/project-config';
import type { Range } from '../types';
import { offsetToPosition } from '../text-edits';
import { parseLexicon, type Lexicon } from './lexicon';

/**
 * The `lexicon` of a project file already read and parsed (ProjectConfigResolver), with its
 * invalid entries as problems placed in the file's text: the file is not read again for it.
 * No lexicon when the file has none or could not be parsed (its own problems say why).
 * `source` starts each message ("`.seed-review.json lexicon`: entities[1] ...").
 */
export function projectFileLexicon(project: ProjectConfigResult, source: string): { lexicon?: Lexicon; problems: ConfigProblem[] } {
  if (project.config?.lexicon === undefined) return { problems: [] };
  const { lexicon, errors } = parseLexicon(project.config.lexicon, source);
  const text = project.text ?? '';
  return { lexicon, problems: errors.map((message) => ({ location: project.location, range: locateLexiconProblem(text, message), message })) };
}

/**
 * Where JSON.parse failed. Newer engines say ("at position N"); Node 20's often does not, so the
 * longest prefix that is still a valid beginning of JSON is searched (binary search, a few parses).
 */
export function syntaxErrorOffset(text: string, message: string): number {
  const stated = /position (\d+)/.exec(message);
  if (stated) return Number(stated[1]);
  const validPrefix = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (error) {
      return /Unexpected end|Unterminated string/.test(error instanceof Error ? error.message : '');
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (validPrefix(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Where a validation message of parseLexicon points in the file: the quoted text it names
 * ("Kharkiv"), else the key it names (entities, ignore, types), else the start. Messages carry no
 * offsets, and a close guess beats a squiggle on line 1.
 */
export function locateLexiconProblem(text: string, message: string): Range {
  const afterSource = message.slice(message.indexOf(':') + 1);
  const candidates = [...afterSource.matchAll(/\("([^"]+)"\)|\["([^"]+)"\]/g)].map((m) => m[1] ?? m[2]);
  const key = /"(entities|ignore|types)"|(entities|ignore|types)\[/.exec(afterSource);
  if (key) candidates.push(key[1] ?? key[2]);
  for (const c of candidates) {
    const i = text.indexOf(JSON.stringify(c));
    if (i >= 0) return { start: offsetToPosition(text, i), end: offsetToPosition(text, i + JSON.stringify(c).length) };
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
}
