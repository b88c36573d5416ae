import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bundle, BundleInput } from '../../src/core/review/bundle';
import { split } from '../../src/core/review/split';
import {
  applyLedgerChanges, jsonErrorOffset, LedgerBlockedError, parseLedger, serializeLedger, statusOfAttributes, type LedgerRecord,
} from '../../src/core/review/ledger';
import { changeLedger, loadLedger, updateLedger } from '../../src/core/review/ledger-store';
import { MemoryFileSystem } from '../../src/core/host/memory-file-system';

const A = '001_0000000000000001';
const B = '002_0000000000000002';
const C = '003_0000000000000003';

/** corpus -> split -> bundle (records attached as the ledger would give them back). */
function resplit(corpus: string): { text: string; warnings: string[] } {
  const result = split(corpus);
  const errors = result.problems.filter((p) => p.severity === 'error');
  expect(errors).toEqual([]);
  // Through the ledger's bytes, as on disk.
  const ledger = parseLedger(serializeLedger(result.records));
  expect(ledger.diagnostics).toEqual([]);
  const files: BundleInput[] = result.files
    .map((f) => ({ name: f.name, text: f.text, record: ledger.byId.get(f.name.slice(0, -4)) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const bundled = bundle(files);
  expect(bundled.problems).toEqual([]);
  return { text: bundled.text, warnings: result.problems.map((p) => p.message) };
}

describe('ledger parse and serialise', () => {
  it('reads records in open-line order and writes them sorted by id, one line each', () => {
    const text = `{"id": "${B}", "attributes": {"status": "approved", "note": "ok \\"x\\""}}\n{"id":"${A}","attributes":{"status":"flagged"}}\n`;
    const ledger = parseLedger(text, new Set([A, B]));
    expect(ledger.diagnostics).toEqual([]);
    expect(ledger.byId.get(B)?.attributes).toEqual({ status: 'approved', note: 'ok "x"' });
    expect(Object.keys(ledger.byId.get(B)!.attributes)).toEqual(['status', 'note']);
    expect(serializeLedger(ledger.entries)).toBe(
      `{"id": "${A}", "attributes": {"status": "flagged"}}\n{"id": "${B}", "attributes": {"status": "approved", "note": "ok \\"x\\""}}\n`);
    expect(statusOfAttributes(ledger.byId.get(A)?.attributes)).toBe('flagged');
  });

  it('reports a conflict marker, a malformed line and a bad key with precise ranges, and blocks rewriting', () => {
    const text = [
      `{"id": "${A}", "attributes": {"status": "approved"}}`,
      '<<<<<<< HEAD',
      `{"id": "${B}", "attributes": {"status": "approved"}}`,
      '=======',
      `{"id": "${B}", "attributes": {"status": "rejected"}}`,
      '>>>>>>> theirs',
      `{"id": "${C}", "attributes": {"status": }}`,
      `{"id": "${C}", "attributes": {"Status": "x"}}`,
    ].join('\n') + '\n';
    const ledger = parseLedger(text);
    expect(ledger.blocked).toBe(true);
    const simple = ledger.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);
    expect(simple).toEqual([
      ['SEED014', 1, 0, 12],
      ['SEED014', 3, 0, 7],
      ['SEED014', 4, 7, 29], // the second line for B: a duplicate id
      ['SEED014', 5, 0, 14],
      ['SEED014', 6, 56, 58], // from the '}' where a value was expected
      ['SEED014', 7, 46, 54], // the key "Status"
    ]);
    expect(ledger.diagnostics[2].related?.[0].range.start.line).toBe(2);
  });

  it('keeps and reports lines for ids without a file (a warning, not blocking)', () => {
    const ledger = parseLedger(`{"id": "${A}", "attributes": {"status": "approved"}}\n`, new Set([B]));
    expect(ledger.blocked).toBe(false);
    expect(ledger.diagnostics.map((d) => [d.code, d.severity, d.range.start.character, d.range.end.character])).toEqual([['SEED015', 'warning', 7, 29]]);
    expect(ledger.entries).toHaveLength(1);
  });

  it('refuses bundle keys, line breaks and values that are not strings', () => {
    for (const attributes of ['{"eol": "crlf"}', '{"note": "a\\nb"}', '{"status": 1}', '[]']) {
      expect(parseLedger(`{"id": "${A}", "attributes": ${attributes}}`).blocked, attributes).toBe(true);
    }
    expect(parseLedger(`{"id": "${A}", "attributes": {"status": "maybe"}}`).diagnostics.map((d) => d.code)).toEqual(['SEED010']);
  });
});

describe('jsonErrorOffset', () => {
  it('finds the first character JSON cannot read', () => {
    const cases: [string, number][] = [['{"a": }', 6], ['{"a": 1,}', 8], ['[1, 2', 5], ['{"a" 1}', 5], ['{"a": "x\\q"}', 9], ['{} x', 3], ['nul', 3], ['{"a": [1, {"b": tru}]}', 19]];
    for (const [text, offset] of cases) expect(jsonErrorOffset(text), text).toBe(offset);
    for (const text of ['{}', '{"a": [1, {"b": true}, null, "x\\u00e9"], "c": -1.5e3}', '[]']) expect(jsonErrorOffset(text), text).toBe(text.length + 1);
  });
});

describe('ledger store (read-modify-write)', () => {
  it('merges into the ledger as it is on disk now, and writes nothing when nothing changes', async () => {
    const fs = MemoryFileSystem.from({ '/seeds/seed-review.jsonl': `{"id": "${B}", "attributes": {"status": "rejected"}}\n` });
    await changeLedger(fs, '/seeds/seed-review.jsonl', [{ id: A, set: { status: 'approved' } }]);
    expect(fs.text('/seeds/seed-review.jsonl')).toBe(`{"id": "${A}", "attributes": {"status": "approved"}}\n{"id": "${B}", "attributes": {"status": "rejected"}}\n`);
    // Another window (or git pull) changes the file: the next change merges into that.
    await fs.writeFileAtomic('/seeds/seed-review.jsonl', new TextEncoder().encode(`{"id": "${C}", "attributes": {"status": "flagged"}}\n`));
    await changeLedger(fs, '/seeds/seed-review.jsonl', [{ id: A, set: { note: 'n' } }]);
    expect(fs.text('/seeds/seed-review.jsonl')).toBe(`{"id": "${A}", "attributes": {"note": "n"}}\n{"id": "${C}", "attributes": {"status": "flagged"}}\n`);
    const writes = fs.writes.length;
    await changeLedger(fs, '/seeds/seed-review.jsonl', [{ id: A, set: { note: 'n' } }]);
    expect(fs.writes.length).toBe(writes);
  });

  it('runs concurrent updates one after another, losing none', async () => {
    const fs = MemoryFileSystem.from({ '/s/x.txt': '' });
    const ids = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(3, '0')}_${i.toString(16).padStart(16, '0')}`);
    await Promise.all(ids.map((id) => changeLedger(fs, '/s/seed-review.jsonl', [{ id, set: { status: 'approved' } }])));
    expect((await loadLedger(fs, '/s/seed-review.jsonl')).ledger.entries).toHaveLength(20);
  });

  it('never rewrites a ledger with a conflict marker', async () => {
    const text = `<<<<<<< HEAD\n{"id": "${A}", "attributes": {"status": "approved"}}\n`;
    const fs = MemoryFileSystem.from({ '/s/seed-review.jsonl': text });
    await expect(changeLedger(fs, '/s/seed-review.jsonl', [{ id: B, set: { status: 'approved' } }])).rejects.toBeInstanceOf(LedgerBlockedError);
    expect(fs.text('/s/seed-review.jsonl')).toBe(text);
    expect(fs.writes).toEqual([]);
  });

  it('leaves the ledger untouched when the write fails', async () => {
    const text = `{"id": "${A}", "attributes": {"status": "approved"}}\n`;
    const fs = MemoryFileSystem.from({ '/s/seed-review.jsonl': text });
    fs.failWrites = { code: 'no-space', afterBytes: 3 };
    await expect(updateLedger(fs, '/s/seed-review.jsonl', () => [])).rejects.toThrow();
    expect(fs.text('/s/seed-review.jsonl')).toBe(text);
  });
});

describe('split and bundle through the ledger', () => {
  it('split puts every attribute into the records; bundle puts them back on the open lines', () => {
    const corpus = `<<< ${A} eol=crlf status=approved note="a \\"b\\"" source=ap x-y=1\nHead\nPara\n>>> ${A}\n<<< ${B}\nH\n>>> ${B}\n`;
    const result = split(corpus);
    expect(result.problems).toEqual([]);
    expect(result.records).toEqual([{ id: A, attributes: { status: 'approved', note: 'a "b"', source: 'ap', 'x-y': '1' } }, { id: B, attributes: {} }]);
    expect(result.files[0].text).toBe('Head\r\nPara\r\n');
    expect(resplit(corpus).text).toBe(corpus);
  });

  it('keeps quoting, attribute order, spacing, blank lines, CRLF and a missing final newline', () => {
    const corpora = [
      `<<< ${A} note="quoted" status=approved  source="ap"\nHead\n>>> ${A}  \n\n\n<<< ${B} status=rejected eol=crlf\nH\n>>> ${B}\n  \n`,
      `<<< ${A} status=approved\r\nHead\r\n>>> ${A}\r\n<<< ${B}\r\nH\r\n>>> ${B}`,
      `\n<<< ${A} escaped-lines=1 status=flagged\n\\>>> x\n>>> ${A}`,
      `<<< ${A} eol=lf final-newline=yes bom=no status=approved\nHead\n>>> ${A}\n`,
    ];
    for (const corpus of corpora) {
      const { text, warnings } = resplit(corpus);
      expect(warnings, JSON.stringify(corpus)).toEqual([]);
      expect(text, JSON.stringify(corpus)).toBe(corpus);
    }
  });

  it('says which comment lines it cannot keep', () => {
    const result = split(`# one\n<<< ${A}\nH\n>>> ${A}\n# two\n# three\n<<< ${B}\nH\n>>> ${B}\n`);
    expect(result.problems.map((p) => p.message)).toEqual([
      '3 comment lines outside documents not kept (lines 1,5-6): a bare seed file and the ledger have no place for them',
    ]);
  });

  it('drops a layout that no longer matches the attributes', () => {
    const result = split(`<<< ${A} note="x"  status=approved\nH\n>>> ${A}\n`);
    const record = { ...result.records[0], attributes: { ...result.records[0].attributes, status: 'rejected' } };
    expect(bundle([{ name: `${A}.txt`, text: result.files[0].text, record }]).text).toBe(`<<< ${A} note="x" status=rejected\nH\n>>> ${A}\n`);
  });
});

// Property: random review actions, splits and bundles never lose or change an attribute or a byte of text.
const SEED = 20261129;
const hex = fc.constantFrom(...'0123456789abcdef'.split(''));
const id = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.array(hex, { minLength: 16, maxLength: 16 }))
  .map(([n, h]) => `${String(n).padStart(3, '0')}_${h.join('')}`);
const lineText = fc.constantFrom('Kyiv said', '', '  ', '>>> 001_0000000000000001', '<<<<<<< HEAD', 'café — “x”', '#tag', '\\x');
const fileText = fc.tuple(fc.array(lineText, { maxLength: 5 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([ls, eol, final, bom]) => (bom ? '\ufeff' : '') + ls.map((l, i) => l + (i < ls.length - 1 || final ? eol : '')).join(''));
const value = fc.constantFrom('approved', 'x y', 'a "quoted" \\ value', '', 'ü', '2022-09-10', 'tab\there');
const key = fc.constantFrom('status', 'note', 'source', 'date', 'lang', 'x-1', 'constructor');
const action = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), doc: fc.nat(), key, value }),
  fc.record({ kind: fc.constant('clear' as const), doc: fc.nat(), key }),
  fc.record({ kind: fc.constant('roundtrip' as const) }),
);

describe('property: review actions, splits and bundles', () => {
  it('never lose or change an attribute or a byte of text', () => {
    console.log(`ledger property test: fast-check seed ${SEED}`);
    fc.assert(fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 5 }), fc.array(fileText, { minLength: 5, maxLength: 5 }), fc.array(action, { maxLength: 12 }),
      (ids, texts, actions) => {
        const files = new Map([...ids].sort().map((docId, i) => [docId, texts[i]] as const));
        let records = new Map<string, LedgerRecord>();
        const expected = new Map<string, Record<string, string>>(ids.map((docId) => [docId, {}]));
        for (const step of actions) {
          if (step.kind === 'roundtrip') {
            // bare files + ledger -> bundle -> split: the same files, the same ledger bytes.
            const ledgerText = serializeLedger(records.values());
            const bundled = bundle([...files].map(([docId, text]) => ({ name: `${docId}.txt`, text, record: records.get(docId) })));
            expect(bundled.problems).toEqual([]);
            const back = split(bundled.text);
            expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
            expect(new Map(back.files.map((f) => [f.name.slice(0, -4), f.text]))).toEqual(files);
            expect(serializeLedger(back.records)).toBe(ledgerText);
            // and corpus -> split -> bundle: the same corpus bytes.
            const again = bundle(back.files.map((f) => ({ name: f.name, text: f.text, record: back.records.find((r) => `${r.id}.txt` === f.name) })));
            expect(again.text).toBe(bundled.text);
            records = new Map(parseLedger(serializeLedger(back.records)).byId);
          } else {
            const docId = ids[step.doc % ids.length];
            const set = { [step.key]: step.kind === 'set' ? step.value : undefined };
            records = applyLedgerChanges(records.values(), [{ id: docId, set }]);
            const attributes = { ...expected.get(docId) };
            if (step.kind === 'set') attributes[step.key] = step.value;
            else delete attributes[step.key];
            expected.set(docId, attributes);
          }
          for (const docId of ids) expect(records.get(docId)?.attributes ?? {}).toEqual(expected.get(docId));
        }
      }), { seed: SEED, numRuns: 300 });
  });
});
