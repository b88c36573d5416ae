/**
 * Line scanning shared by the parser and the benchmark floor: one indexOf('\n') pass, with a
 * '\r' before the '\n' treated as part of the line ending.
 */

/** Strips a leading BOM; positions of the result are what VS Code shows. */
export function stripBom(text: string): { text: string; hasBom: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), hasBom: true } : { text, hasBom: false };
}

/** Whether characters [start, end) of `text` are all spaces or tabs. */
export function isBlankSpan(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * Calls `visit(line, start, contentEnd)` for every line; `contentEnd` excludes the line
 * ending. Returns the line count and how many lines ended in CRLF and in LF.
 */
export function scanLines(
  text: string,
  visit: (line: number, start: number, contentEnd: number) => void,
): { lineCount: number; crlf: number; lf: number } {
  let pos = 0;
  let line = 0;
  let crlf = 0;
  let lf = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) {
      let end = text.length;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
      visit(line, pos, end);
      return { lineCount: line + 1, crlf, lf };
    }
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) {
      end--;
      crlf++;
    } else {
      lf++;
    }
    visit(line, pos, end);
    pos = nl + 1;
    line++;
  }
}
