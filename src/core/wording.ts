/**
 * A count with its noun, in the singular for one: `plural(3, 'file')` is "3 files",
 * `plural(2, 'entity', 'entities')` is "2 entities".
 */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
