/** The public surface of the seed language service (pure: no VS Code API). */
export * from './types';
export { parseSeed } from './parser';
export { ParsedDocument, forEachParagraph, paragraphCount, sameParagraphs } from './parsed-document';
export { BodyLineTable } from './body-lines';
export {
  isBareSeedFileName, isValidSeedId, isValidSeedIdAt, parseSeedId, sequenceOf, isIdShaped, describeIdProblem, fnv1a64Hex,
  formatSequence, generateSeedId, sequenceKeyOf, sequenceKeyAt, compareSequenceKeys, nextSequence, sequenceDigits, type SequenceKey,
} from './ids';
export { classifyDelimiter, canonicalDelimiterAt, mayStartDelimiter, type DelimiterLine, type DelimiterKind } from './delimiters';
export {
  REVIEW_STATUSES, RESERVED_KEYS, attributeRange, isValidKey, isValidDate, formatAttributeValue, readAttributes, readAttributesIn, validateAttributesIn,
  type AttributeReading,
} from './attributes';
export { LineIndex, applyTextEdits, positionToOffset, offsetToPosition, lineRange } from './text-edits';
export { stripBom, scanLines, isBlankSpan } from './scanner';
export { documentBodyText, documentContentText } from './document-text';
export { WorkspaceIndex, checkWorkspace, type WorkspaceFile } from './workspace-checks';
export { messages } from './messages';
