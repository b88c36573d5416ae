/**
 * Seed ids (`NNN_HHHHHHHHHHHHHHHH`): validation, splitting, problem descriptions and the
 * generation of fresh ids for quick fixes. Hand-written loops instead of regexes because
 * ids are checked once per document on the parse path.
 */

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const LOWER_A = 97;
const LOWER_F = 102;
const UNDERSCORE = 95;

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isLowerHex(c: number): boolean {
  return isDigit(c) || (c >= LOWER_A && c <= LOWER_F);
}

/** Whether `id` is a well-formed seed id: three or more digits, `_`, 16 lowercase hex digits. */
export function isValidSeedId(id: string): boolean {
  return isValidSeedIdAt(id, 0, id.length);
}

/** isValidSeedId for characters [start, end) of `text` (no slicing on the parse path). */
export function isValidSeedIdAt(text: string, start: number, end: number): boolean {
  if (end - start < 20) return false;
  const us = end - 17;
  if (text.charCodeAt(us) !== UNDERSCORE) return false;
  for (let i = start; i < us; i++) if (!isDigit(text.charCodeAt(i))) return false;
  for (let i = us + 1; i < end; i++) if (!isLowerHex(text.charCodeAt(i))) return false;
  return true;
}

/**
 * The sequence number of a well-formed id (the digits before the `_`) as a number: exact up
 * to 2^53 only. Compare and order sequence numbers with sequenceKeyOf / compareSequenceKeys.
 */
export function sequenceOf(id: string): number {
  const us = id.length - 17;
  let sequence = 0;
  for (let i = 0; i < us; i++) sequence = sequence * 10 + (id.charCodeAt(i) - DIGIT_0);
  return sequence;
}

/** The sequence number and hash of a well-formed id, or undefined when it is malformed. */
export function parseSeedId(id: string): { sequence: number; hash: string } | undefined {
  if (!isValidSeedId(id)) return undefined;
  const us = id.length - 17;
  let sequence = 0;
  for (let i = 0; i < us; i++) sequence = sequence * 10 + (id.charCodeAt(i) - DIGIT_0);
  return { sequence, hash: id.slice(us + 1) };
}

/**
 * Whether a file name (a base name or a path) is a bare seed file name:
 * `NNN_HHHHHHHHHHHHHHHH.txt` with three or more digits and 16 lowercase hex digits.
 */
export function isBareSeedFileName(name: string): boolean {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  const base = slash >= 0 ? name.slice(slash + 1) : name;
  return base.endsWith('.txt') && isValidSeedId(base.slice(0, -4));
}

/**
 * Whether a token looks like an attempt at an id (used to tell delimiter attempts from body
 * text such as `>> 2022 was a good year`): it starts with a digit, holds only letters, digits,
 * `_` and `-`, and either contains `_`/`-` or is at least 12 characters long.
 */
export function isIdShaped(token: string): boolean {
  const n = token.length;
  if (n === 0 || !isDigit(token.charCodeAt(0))) return false;
  let sep = false;
  for (let i = 0; i < n; i++) {
    const c = token.charCodeAt(i);
    if (c === UNDERSCORE || c === 45) sep = true;
    else if (!(isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return sep || n >= 12;
}

/** A short explanation of what is wrong with a malformed id (for SEED004 messages). */
export function describeIdProblem(id: string): string {
  const us = id.indexOf('_');
  if (us < 0) return "the '_' between sequence number and hash is missing";
  const seq = id.slice(0, us);
  const hash = id.slice(us + 1);
  if (!/^\d+$/.test(seq)) return `the sequence number '${seq}' is not all digits`;
  if (seq.length < 3) return `the sequence number '${seq}' has ${seq.length} digit${seq.length === 1 ? '' : 's'}, at least 3 are needed`;
  if (/[A-F]/.test(hash) && /^[0-9a-fA-F]*$/.test(hash) && hash.length === 16) return 'the hash has uppercase hex digits';
  if (!/^[0-9a-fA-F]*$/.test(hash)) return `the hash '${hash}' has characters that are not hex digits`;
  if (hash.length !== 16) return `the hash has ${hash.length} hex digits, 16 are needed`;
  return 'it does not match NNN_ followed by 16 lowercase hex digits';
}

/** FNV-1a, 64 bits, as 16 lowercase hex digits: a stable, dependency-free text hash. */
export function fnv1a64Hex(text: string): string {
  // Two 32-bit halves keep the arithmetic in exact integers.
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2; // offset basis cbf29ce484222325, 16-bit limbs
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i) & 0xffff;
    // multiply by the FNV prime 0x100000001b3 using 16-bit limbs
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3;
    const t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    const c1 = t1 + (t0 >>> 16);
    const c2 = t2 + (c1 >>> 16);
    h0 = t0 & 0xffff;
    h1 = c1 & 0xffff;
    h2 = c2 & 0xffff;
    h3 = (t3 + (c2 >>> 16)) & 0xffff;
  }
  const hex = (v: number) => v.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/**
 * A sequence number as a comparison key: the number itself while it is exact (at most 15
 * significant digits), else its digits without leading zeros. Every key of 16 or more digits
 * is above every numeric key, so keys order like the numbers they stand for, at any length
 * (arithmetic on doubles stops at 2^53, where `n + 1 === n`).
 */
export type SequenceKey = number | string;

/** The sequence key of characters [start, end) of `text`, which are decimal digits. */
export function sequenceKeyAt(text: string, start: number, end: number): SequenceKey {
  let i = start;
  while (i < end - 1 && text.charCodeAt(i) === DIGIT_0) i++;
  if (end - i > 15) return text.slice(i, end);
  let n = 0;
  for (; i < end; i++) n = n * 10 + (text.charCodeAt(i) - DIGIT_0);
  return n;
}

/** The sequence key of a well-formed id. */
export function sequenceKeyOf(id: string): SequenceKey {
  return sequenceKeyAt(id, 0, id.length - 17);
}

/** Negative, zero or positive as sequence key `a` is below, equal to or above `b`. */
export function compareSequenceKeys(a: SequenceKey, b: SequenceKey): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The digits of a sequence key (no leading zeros). */
export function sequenceDigits(key: SequenceKey): string {
  return typeof key === 'number' ? String(key) : key;
}

/** The next sequence number after `key`, as digits: exact at any length. */
export function nextSequence(key: SequenceKey): string {
  const digits = sequenceDigits(key);
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === DIGIT_9) i--;
  if (i < 0) return '1' + '0'.repeat(digits.length);
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - 1 - i);
}

/** Formats a sequence number (a number below 2^53 or a digit string) with at least three digits. */
export function formatSequence(sequence: SequenceKey): string {
  if (typeof sequence === 'number' && !Number.isSafeInteger(sequence)) throw new RangeError(`sequence ${sequence} is not exact; pass its digits`);
  return sequenceDigits(sequence).padStart(3, '0');
}

/**
 * A fresh, well-formed id for text that gets wrapped in a new document: the sequence number
 * `sequence` (bumped while taken) and a hash derived from the text, so the same text always
 * gets the same id and two different wrapped texts do not collide. The bump works on digits,
 * so every step gives a new id and the loop ends after at most one step per taken id.
 */
export function generateSeedId(sequence: SequenceKey, text: string, taken: { has(id: string): boolean }): string {
  const hash = fnv1a64Hex(text);
  let seq = sequenceDigits(sequence);
  let id = `${formatSequence(seq)}_${hash}`;
  while (taken.has(id)) {
    seq = nextSequence(seq);
    id = `${formatSequence(seq)}_${hash}`;
  }
  return id;
}
