/**
 * 32-bit hashing for the entity model. Every feature (a word, an affix, a word pair, a gazetteer
 * entry) is reduced to a number here, so the shipped model holds numbers only. The functions are
 * fixed forever for a model format version: changing them invalidates every trained model.
 */

/** FNV-1a over UTF-16 code units, seeded, with a final avalanche so nearby strings spread. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

/** hashString(s.slice(from, to), seed) without building the slice. */
export function hashRange(s: string, from: number, to: number, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

/** Murmur3's finaliser: every input bit affects every output bit. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines two hashes into one (order matters): feature templates, word pairs, phrases. */
export function mix(a: number, b: number): number {
  return fmix((Math.imul(a ^ 0x9e3779b9, 0x27d4eb2d) + b) >>> 0);
}

/** Combines three hashes. */
export function mix3(a: number, b: number, c: number): number {
  return mix(mix(a, b), c);
}
