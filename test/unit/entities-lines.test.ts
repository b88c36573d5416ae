import { describe, expect, it } from 'vitest';
import { parseSeed } from '../../src/core/parser';
import { documentIndexAt, documentKeys } from '../../src/core/entities/document-keys';
import { documentBodyLines } from '../../src/core/entities/extract';

const text = [
  '# corpus',
  '<<< 001_0000000000000001',
  'Headline one',
  '',
  'Paragraph one.',
  '>>> 001_0000000000000001',
  '<<< 001_0000000000000001',
  'Headline again',
  '>>> 001_0000000000000001',
  '<<< 002_0000000000000002',
  '>>> 002_0000000000000002',
  '',
].join('\n');

describe('entity lines', () => {
  const result = parseSeed(text, { fileName: 'x.seed' });

  it('hands the extractor the headline and paragraphs with their file lines, blank lines left out', () => {
    expect(documentBodyLines(result.documents[0])).toEqual([{ line: 2, text: 'Headline one' }, { line: 4, text: 'Paragraph one.' }]);
    expect(documentBodyLines(result.documents[2])).toEqual([]);
  });

  it('keys a repeated id apart so the second document does not replace the first', () => {
    expect(documentKeys(result)).toEqual(['001_0000000000000001', '001_0000000000000001#2', '002_0000000000000002']);
    expect(documentKeys(result)).toBe(documentKeys(result));
  });

  it('finds the document of a line, delimiters included, and none outside documents', () => {
    expect(documentIndexAt(result, 0)).toBe(-1);
    expect(documentIndexAt(result, 1)).toBe(0);
    expect(documentIndexAt(result, 5)).toBe(0);
    expect(documentIndexAt(result, 6)).toBe(1);
    expect(documentIndexAt(result, 10)).toBe(2);
    expect(documentIndexAt(result, 11)).toBe(-1);
  });

  it('reads a bare seed file as one document from its first line', () => {
    const bare = parseSeed('Headline\nBody line.\n', { fileName: '000_0f5d7b9424756893.txt' });
    expect(documentKeys(bare)).toEqual(['000_0f5d7b9424756893']);
    expect(documentBodyLines(bare.documents[0]).map((l) => l.line)).toEqual([0, 1]);
    expect(documentIndexAt(bare, 1)).toBe(0);
  });
});
