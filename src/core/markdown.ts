/**
 * Markdown for hovers and tooltips. Text in emphasis is backslash-escaped; text in a code span
 * must not be (CommonMark shows a backslash inside a code span as written), so a code span is
 * fenced with more backticks than the text holds in a row instead.
 */

/** Escapes Markdown so headlines and names show as written (outside code spans). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** `text` as a CommonMark code span that shows it exactly as written. */
export function markdownCodeSpan(text: string): string {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text.charCodeAt(i) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick (or a space) needs a space inside the fence;
  // CommonMark strips exactly one on each side.
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  // Line breaks would end the hover's paragraph; an id never holds one, a defensive space does no harm.
  return fence + pad + text.replace(/[\r\n]/g, ' ') + pad + fence;
}
