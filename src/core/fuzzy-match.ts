/**
 * Whether every character of `needle` occurs in `haystack` in order (both already lower-cased),
 * the loose matching VS Code's quick-open users expect ("kharkiv" finds "Kharkiv offensive", "0f5d" an id).
 */
export function matchesInOrder(haystack: string, needle: string): boolean {
  let at = 0;
  for (const char of needle) {
    at = haystack.indexOf(char, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
