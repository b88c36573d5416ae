/**
 * Generators of seed corpora and of the damage done to them, for the property tests and the
 * fuzzer (test/properties/properties.ts). Plain fast-check: no vitest, so `npm run fuzz` can
 * run them in Node.
 */
import fc from 'fast-check';

const hex = fc.constantFrom(...'0123456789abcdef'.split(''));
export const seedId = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.array(hex, { minLength: 16, maxLength: 16 }))
  .map(([n, h]) => `${String(n).padStart(3, '0')}_${h.join('')}`);
const word = fc.constantFrom('Kyiv', 'council', 'said', 'on', 'Monday', '“quoted”', 'café', '2,000', 'the', 'Reuters', '> arrow', '#tag', 'é', '—');
export const bodyLine = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
const attrs = fc.constantFrom('', ' status=approved', ' status=flagged note="check \\"this\\""', ' source=ap date=2022-09-10', ' lang=en x=1');
const document = fc.tuple(seedId, attrs, bodyLine, fc.array(fc.oneof(bodyLine, fc.constant('')), { maxLength: 5 }))
  .map(([i, a, head, body]) => [`<<< ${i}${a}`, head, ...body, `>>> ${i}`]);

/** A valid corpus as lines, with its line ending and whether the last line ends with one. */
export const corpus = fc.tuple(
  fc.array(fc.oneof(document, fc.constant(['# comment']), fc.constant([''])), { minLength: 1, maxLength: 6 }),
  fc.constantFrom('\n', '\r\n'),
  fc.boolean(),
).map(([parts, eol, finalEol]) => ({ lines: parts.flat(), eol, finalEol }));

/** Fragments that damage delimiter lines: markers, look-alikes, conflict markers, ids, quotes. */
export const noise = fc.constantFrom('<<', '>>', '<<<', '>>>', '«', '»', '＜', '＞', '‹', '›', '=======', '<<<<<<< HEAD', '>>>>>>> x',
  ' ', '\t', 'X', 'A', '_', '"', '=', '#', '', '000_', '>> 001_aaaaaaaaaaaaaaaa', '<<< 002_bbbbbbbbbbbbbbbb', 'stray words');

/**
 * Further damage found by adversarial testing (issue 12): invisible characters, a lone CR,
 * attributes with quotes and bundle line lists, huge sequence numbers, seven-marker runs.
 */
export const adversarialNoise = fc.constantFrom('\u00a0', '\u200b', '\u200d', '\ufeff', '\u2060', '\r', '>>>>>>>', '<<<<<<<',
  ' note="a "b" c"', ' note="x status=rejected"', ' escaped-lines=1-2000000000', ' crlf-lines=1', ' status=approved status=approved',
  '9007199254740992_a430d84680aabd0b', '99999999999999999999_aaaaaaaaaaaaaaaa', 'AAAA', '\t>>>\t', '>>', '»');

/** One edit of a corpus's lines. */
export type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'garble'; at: number; col: number; text: string; remove: number };

function editOf(fragment: fc.Arbitrary<string>): fc.Arbitrary<Edit> {
  return fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fragment, bodyLine) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('garble' as const), at: fc.nat(), col: fc.nat({ max: 30 }), text: fragment, remove: fc.nat({ max: 3 }) }),
  );
}

/** Edits with the original noise (the generator the seeds refer to). */
export const edit = editOf(noise);
/** Edits with the original and the adversarial noise. */
export const adversarialEdit = editOf(fc.oneof(noise, adversarialNoise));

/** Applies edits to lines (positions wrap around the line count). */
export function mutate(lines: string[], edits: Edit[]): string[] {
  const ls = [...lines];
  for (const e of edits) {
    const at = ls.length ? e.at % ls.length : 0;
    if (e.kind === 'insert') ls.splice(at, 0, e.text);
    else if (e.kind === 'delete') ls.splice(at, 1);
    else if (e.kind === 'duplicate' && ls.length) ls.splice(at, 0, ls[at]);
    else if (e.kind === 'garble' && ls.length) {
      // Prefer delimiter lines: they are what the edits are meant to damage.
      const delim = ls.findIndex((l, i) => i >= at && /^[<>]/.test(l));
      const i = delim >= 0 ? delim : at;
      const l = ls[i];
      const col = Math.min(e.col, l.length);
      ls[i] = l.slice(0, col) + e.text + l.slice(col + e.remove);
    }
  }
  return ls;
}

/** A damaged corpus as text: a valid corpus, some edits, maybe a BOM. */
export function damagedCorpus(edits: fc.Arbitrary<Edit>): fc.Arbitrary<string> {
  return fc.tuple(corpus, fc.array(edits, { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([{ lines, eol, finalEol }, es, bom]) => (bom ? '\uFEFF' : '') + mutate(lines, es).join(eol) + (finalEol ? eol : ''));
}
