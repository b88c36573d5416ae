/**
 * The one-line messages of every diagnostic: what is wrong, then what is expected. Kept in
 * one place so the CLI, the editor and the docs say the same thing. Messages never contain
 * line numbers (the range says where), so they stay stable when lines move.
 */

export const messages = {
  unclosed: (id: string) =>
    `Document '${id || '(no id)'}' is never closed; expected '>>> ${id || 'id'}' before the next open delimiter or the end of the file.`,
  strayClose: (id: string) =>
    `Close delimiter '>>> ${id}' has no open document; expected a matching '<<< ${id || 'id'}' before it, or no close line.`,
  closeMismatch: (closeId: string, openId: string) =>
    `Close id '${closeId}' does not match the open id '${openId}'; expected '>>> ${openId}'.`,
  malformedId: (id: string, problem: string) =>
    `Malformed id '${id}': ${problem}; expected NNN_ followed by 16 lowercase hex digits.`,
  duplicateId: (id: string) =>
    `Duplicate id '${id}': it is already used earlier in this file; expected a unique id.`,
  malformedDelimiter: (kind: 'open' | 'close', problems: string[]) =>
    `Malformed ${kind} delimiter: ${problems.join(', ')}; expected '${kind === 'open' ? '<<<' : '>>>'} id' at the start of the line.`,
  closeLikeText: (written: string, id: string) =>
    `Line '${written}' reads like a close delimiter without id; it is read as text because '>>> ${id}' closes the document further down; expected text that does not start with a marker run, such as '> >'.`,
  loneCr: (everyLine: boolean) => everyLine
    ? 'The lines of this file end in a lone CR (carriage return, as on classic Mac OS), which is not a line ending here, so the file reads as one line; expected LF or CRLF line endings.'
    : 'A lone CR (carriage return without line feed) here is not a line ending, so the lines around it run together; expected LF or CRLF.',
  conflictMarker: () =>
    'Git conflict marker left in the file; expected the conflict to be resolved and the marker removed.',
  textOutside: () =>
    'Text outside any document; expected it inside a \'<<< id\' ... \'>>> id\' pair, or as a \'#\' comment.',
  emptyDocument: (id: string) =>
    `Document '${id || '(no id)'}' has no headline (its body is empty); expected a headline line.`,
  badKey: (key: string) =>
    `Malformed attribute key '${key}'; expected a lowercase letter followed by lowercase letters, digits, '_' or '-'.`,
  missingKey: () => "Attribute without a key; expected 'key=value'.",
  missingEquals: (token: string) => `Attribute '${token}' has no '='; expected 'key=value'.`,
  missingValue: (key: string) => `Attribute '${key}' has no value; expected '${key}=value' or '${key}="..."'.`,
  unterminatedQuote: (key: string) => `Quoted value of '${key}' is not closed; expected a closing '"'.`,
  quoteInBareValue: (key: string) => `Unquoted value of '${key}' contains '"'; expected the whole value in quotes.`,
  badEscape: (seq: string) => `Unknown escape '${seq}' in a quoted value; expected only '\\"' or '\\\\'.`,
  unescapedQuote: (key: string) => `Quoted value of '${key}' has a '"' inside that is not escaped; expected '\\"' for a quote inside the value.`,
  noSpaceAfterQuote: (key: string) => `Text right after the quoted value of '${key}'; expected a space before the next attribute.`,
  duplicateKey: (key: string) => `Duplicate attribute '${key}'; expected each key at most once (the first one counts).`,
  unknownStatus: (value: string) =>
    `Unknown status '${value}'; expected unreviewed, approved, rejected or flagged.`,
  badDateFormat: (value: string) => `Date '${value}' is not YYYY-MM-DD; expected e.g. 2022-09-10.`,
  badDateValue: (value: string) => `Date '${value}' is not a real calendar date; expected a valid YYYY-MM-DD date.`,
  badBundleAttribute: (problem: string) =>
    `Bundle attribute: ${problem}; expected a value split can restore the bare file from.`,
  sequenceNotIncreasing: (seq: string, prev: string) =>
    `Sequence number ${seq} does not increase (the previous document has ${prev}); expected a number above ${prev}.`,
  sequenceOtherHash: (seq: string) =>
    `Sequence number ${seq} is already used with another hash; expected each number once.`,
  sameIdElsewhere: (id: string, where: string) =>
    `Id '${id}' is also used in ${where}; expected ids to be unique across the workspace.`,
  sameTextElsewhere: (id: string, otherId: string) =>
    `Document '${id}' has the same text as '${otherId}'; expected each text under one id only.`,
};
