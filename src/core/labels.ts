/** How many words of a paragraph name it in the outline. */
const LABEL_WORDS = 8;

/**
 * A short label for a paragraph: its first words, with an ellipsis when cut. Counted in
 * words, not characters, so a label never ends inside a word.
 */
export function paragraphLabel(text: string, maxWords = LABEL_WORDS): string {
  const words = text.trim().split(/\s+/, maxWords + 1);
  if (words.length <= maxWords) return words.join(' ');
  return words.slice(0, maxWords).join(' ') + '…';
}

/** Counts the words of a line of prose (runs of non-space characters). */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code === 32 || code === 9 || code === 160;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
