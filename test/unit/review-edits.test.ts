import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSeed } from '../../src/core/parser';
import { applyTextEdits } from '../../src/core/text-edits';
import type { ReviewStatus, SeedDocument } from '../../src/core/types';
import {
  BARE_FILE_MESSAGE, collectReviewEdits, documentsTouched, noteEdits, quoteAttributeValue, statusEdits,
} from '../../src/core/review/attribute-edits';

const ID = '001_0123456789abcdef';
const ID2 = '002_0123456789abcdef';

function corpus(openLine: string, eol = '\n'): string {
  return [openLine, 'Headline', 'Paragraph one.', `>>> ${ID}`, ''].join(eol);
}

/** Applies a status change to the first document of `text` and returns the new text. */
function withStatus(text: string, status: ReviewStatus | undefined): string {
  const result = parseSeed(text, { fileName: 'a.seed' });
  const lines = text.split(/\r?\n/);
  const change = statusEdits(result.documents[0], lines[result.documents[0].openLine], status);
  if ('error' in change) throw new Error(change.error);
  return applyTextEdits(text, change.edits);
}

describe('status edits', () => {
  it('appends status after the id when there are no attributes', () => {
    expect(withStatus(corpus(`<<< ${ID}`), 'approved')).toBe(corpus(`<<< ${ID} status=approved`));
  });

  it('appends after the existing attributes, before trailing spaces', () => {
    expect(withStatus(corpus(`<<< ${ID} source=x note="a b"  `), 'flagged')).toBe(corpus(`<<< ${ID} source=x note="a b" status=flagged  `));
  });

  it('replaces an existing value in place, keeping the attribute order', () => {
    expect(withStatus(corpus(`<<< ${ID} status=approved source=x`), 'rejected')).toBe(corpus(`<<< ${ID} status=rejected source=x`));
  });

  it('replaces an unknown status value too', () => {
    expect(withStatus(corpus(`<<< ${ID} status=maybe`), 'approved')).toBe(corpus(`<<< ${ID} status=approved`));
  });

  it('clear removes the attribute and its one preceding space', () => {
    expect(withStatus(corpus(`<<< ${ID} source=x status=approved date=2024-01-01`), undefined)).toBe(corpus(`<<< ${ID} source=x date=2024-01-01`));
    expect(withStatus(corpus(`<<< ${ID} status=approved`), undefined)).toBe(corpus(`<<< ${ID}`));
  });

  it('clear on a document without status changes nothing', () => {
    const text = corpus(`<<< ${ID} source=x`);
    const doc = parseSeed(text).documents[0];
    expect(statusEdits(doc, `<<< ${ID} source=x`, undefined)).toEqual({ edits: [] });
  });

  it('setting the status a document already has gives no edit', () => {
    const line = `<<< ${ID} status=approved`;
    expect(statusEdits(parseSeed(corpus(line)).documents[0], line, 'approved')).toEqual({ edits: [] });
  });

  it('folds a repeated status key into one', () => {
    expect(withStatus(corpus(`<<< ${ID} status=approved source=x status=flagged`), 'rejected')).toBe(corpus(`<<< ${ID} status=rejected source=x`));
  });

  it('keeps CRLF line endings and other lines untouched', () => {
    const text = corpus(`<<< ${ID} source=x`, '\r\n');
    expect(withStatus(text, 'approved')).toBe(corpus(`<<< ${ID} source=x status=approved`, '\r\n'));
  });

  it('does not mistake a quoted "status=" for the attribute', () => {
    expect(withStatus(corpus(`<<< ${ID} note="x status=approved y"`), 'rejected')).toBe(corpus(`<<< ${ID} note="x status=approved y" status=rejected`));
  });

  it('refuses a line with an unterminated quote', () => {
    const line = `<<< ${ID} note="open`;
    const change = statusEdits(parseSeed(corpus(line)).documents[0], line, 'approved');
    expect(change).toEqual({ error: expect.stringContaining('unterminated quote') });
  });

  it('refuses a bare seed file with a clear message', () => {
    const doc = parseSeed('Headline\nParagraph\n', { fileName: '000_0f5d7b9424756893.txt' }).documents[0];
    expect(doc.kind).toBe('bare');
    expect(statusEdits(doc, 'Headline', 'approved')).toEqual({ error: BARE_FILE_MESSAGE });
  });

  it('works on a document whose open line has no id', () => {
    const text = `<<< source=x\nHeadline\n>>>\n`;
    const doc = parseSeed(text).documents[0];
    const change = statusEdits(doc, '<<< source=x', 'approved');
    expect('edits' in change && applyTextEdits(text, change.edits)).toBe(`<<< source=x status=approved\nHeadline\n>>>\n`);
  });

  const key = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/).filter((k) => k !== 'status');
  const bare = fc.stringMatching(/^[A-Za-z0-9._:\/é-]{1,8}$/);
  const quotedText = fc.string({ maxLength: 10 }).map((s) => s.replace(/[\r\n]/g, ' '));
  const attribute = fc.oneof(
    fc.tuple(key, bare).map(([k, v]) => `${k}=${v}`),
    fc.tuple(key, quotedText).map(([k, v]) => `${k}=${quoteAttributeValue(v)}`),
    fc.constantFrom('status=approved', 'status=rejected', 'status=flagged', 'status=unreviewed', 'status=odd'),
  );
  const statusArb = fc.constantFrom<ReviewStatus | undefined>('approved', 'rejected', 'flagged', 'unreviewed', undefined);

  /** The open line with every status attribute cut out (and the space before it). */
  function withoutStatus(text: string): string {
    const doc = parseSeed(text).documents[0];
    const line = text.split('\n')[doc.openLine];
    const clear = statusEdits(doc, line, undefined);
    if ('error' in clear) throw new Error(clear.error);
    return applyTextEdits(text, clear.edits);
  }

  it('property: only the status attribute changes', () => {
    fc.assert(fc.property(fc.array(attribute, { maxLength: 5 }), fc.constantFrom('', ' ', '  '), statusArb, (attributes, trailing, status) => {
      const before = corpus(`<<< ${ID}${attributes.map((a) => ' ' + a).join('')}${trailing}`);
      const after = withStatus(before, status);
      const oldDoc = parseSeed(before).documents[0];
      const newDoc = parseSeed(after).documents[0];
      expect(newDoc.status).toBe(status ?? 'unreviewed');
      const others = (doc: SeedDocument) => doc.attributes.filter((a) => a.key !== 'status').map((a) => [a.key, a.value, a.quoted]);
      expect(others(newDoc)).toEqual(others(oldDoc));
      expect(after.split('\n').slice(1)).toEqual(before.split('\n').slice(1));
      expect(withoutStatus(after)).toBe(withoutStatus(before));
      if (status === undefined) expect(newDoc.attributes.some((a) => a.key === 'status')).toBe(false);
    }), { numRuns: 300 });
  });
});

describe('note edits', () => {
  it('writes a quoted note with escapes', () => {
    const line = `<<< ${ID} status=approved`;
    const text = corpus(line);
    const change = noteEdits(parseSeed(text).documents[0], line, 'check "Izium" \\ claim');
    expect('edits' in change && applyTextEdits(text, change.edits)).toBe(corpus(`${line} note="check \\"Izium\\" \\\\ claim"`));
    const note = parseSeed(applyTextEdits(text, 'edits' in change ? change.edits : [])).documents[0].attributes.find((a) => a.key === 'note');
    expect(note?.value).toBe('check "Izium" \\ claim');
  });

  it('replaces an existing note in place', () => {
    const line = `<<< ${ID} note="old one" status=approved`;
    const change = noteEdits(parseSeed(corpus(line)).documents[0], line, 'new');
    expect('edits' in change && applyTextEdits(corpus(line), change.edits)).toBe(corpus(`<<< ${ID} note="new" status=approved`));
  });

  it('an empty note removes the attribute', () => {
    const line = `<<< ${ID} note="old one" status=approved`;
    const change = noteEdits(parseSeed(corpus(line)).documents[0], line, '  ');
    expect('edits' in change && applyTextEdits(corpus(line), change.edits)).toBe(corpus(`<<< ${ID} status=approved`));
  });

  it('turns line breaks into spaces', () => {
    expect(quoteAttributeValue('a\nb\r\nc')).toBe('"a b c"');
  });

  it('property: any note reads back as written (line breaks aside)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }).filter((s) => s.trim() !== '' && !/[\r\n]/.test(s)), (note) => {
      const line = `<<< ${ID} status=approved`;
      const change = noteEdits(parseSeed(corpus(line)).documents[0], line, note);
      if ('error' in change) throw new Error(change.error);
      const after = parseSeed(applyTextEdits(corpus(line), change.edits));
      expect(after.diagnostics.filter((d) => d.code === 'SEED009')).toEqual([]);
      expect(after.documents[0].attributes.find((a) => a.key === 'note')?.value).toBe(note);
    }), { numRuns: 200 });
  });
});

describe('documents touched by selections', () => {
  const text = [`<<< ${ID}`, 'H1', `>>> ${ID}`, '', `<<< ${ID2}`, 'H2', `>>> ${ID2}`, ''].join('\n');
  const docs = parseSeed(text).documents;
  const sel = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

  it('a cursor inside a document touches that document', () => {
    expect(documentsTouched(docs, [sel(1, 1, 1, 1)]).map((d) => d.id)).toEqual([ID]);
  });

  it('a cursor between documents touches none', () => {
    expect(documentsTouched(docs, [sel(3, 0, 3, 0)])).toEqual([]);
  });

  it('a selection across documents touches both; one ending at column 0 does not touch that line', () => {
    expect(documentsTouched(docs, [sel(1, 0, 5, 1)]).map((d) => d.id)).toEqual([ID, ID2]);
    expect(documentsTouched(docs, [sel(1, 0, 4, 0)]).map((d) => d.id)).toEqual([ID]);
  });

  it('multiple cursors touch each document once', () => {
    expect(documentsTouched(docs, [sel(5, 0, 5, 0), sel(1, 0, 1, 0), sel(2, 0, 2, 0)]).map((d) => d.id)).toEqual([ID, ID2]);
  });

  it('collects one edit list for several documents', () => {
    const lines = text.split('\n');
    const all = collectReviewEdits(docs, (l) => lines[l], (doc, line) => statusEdits(doc, line, 'approved'));
    expect(all.changed).toEqual([ID, ID2]);
    const after = applyTextEdits(text, all.edits);
    expect(parseSeed(after).documents.map((d) => d.status)).toEqual(['approved', 'approved']);
    const again = collectReviewEdits(parseSeed(after).documents, (l) => after.split('\n')[l], (doc, line) => statusEdits(doc, line, 'approved'));
    expect(again).toMatchObject({ edits: [], changed: [], unchanged: [ID, ID2] });
  });
});
