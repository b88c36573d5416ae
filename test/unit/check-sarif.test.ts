/**
 * `seed-review check --format sarif` validated against the official SARIF 2.1.0 JSON schema
 * (test/fixtures/sarif/, draft-04, validated with ajv), and its regions checked against the JSON
 * format's 1-based UTF-16 positions.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { root, runCli as run } from './cli-runner';

const schema = JSON.parse(readFileSync(path.join(root, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function valid(log: unknown): void {
  const ok = validate(log);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

describe('check --format sarif', () => {
  it('the schema itself is the official one and rejects what is not SARIF', () => {
    expect(schema.id).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false); // a driver needs a name
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
  });

  it('is valid SARIF 2.1.0 with every rule, its help text, and regions as the JSON format gives them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-sarif-'));
    mkdirSync(path.join(dir, 'sub dir'));
    const text = readFileSync(path.join(root, 'test/fixtures/malformed/all-codes.seed'), 'utf8');
    writeFileSync(path.join(dir, 'sub dir', 'a.seed'), text);
    writeFileSync(path.join(dir, 'b.seed'), '<<< 001_0123456789abcdef src="é😀" date=2024-13-01\nHeadline\n>>> 001_0123456789abcdef\n');
    const sarif = run(['check', '.', '--format', 'sarif'], dir);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    valid(log);

    const [runLog] = log.runs;
    expect(runLog.columnKind).toBe('utf16CodeUnits');
    const rules = runLog.tool.driver.rules as { id: string; help: { text: string }; shortDescription: { text: string } }[];
    expect(rules.map((r) => r.id)).toEqual(Array.from({ length: 16 }, (_, i) => `SEED${String(i + 1).padStart(3, '0')}`));
    for (const rule of rules) expect(rule.help.text.length).toBeGreaterThan(rule.shortDescription.text.length);

    const json = run(['check', '.', '--format', 'json'], dir).lines.map((line) => JSON.parse(line));
    const results = runLog.results as { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[] }[];
    expect(results).toHaveLength(json.length);
    results.forEach((result, i) => {
      const d = json[i];
      expect(rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.ruleId).toBe(d.code);
      expect(result.message.text).toBe(d.message);
      expect(result.level).toBe({ error: 'error', warning: 'warning', information: 'note', hint: 'note' }[d.severity as string]);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(decodeURIComponent(artifactLocation.uri)).toBe(d.file);
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(region).toEqual({ startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
    });
    expect(results.some((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'sub%20dir/a.seed')).toBe(true);
    // Columns count UTF-16 units: "é" is one, "😀" two.
    const date = results.find((r) => r.ruleId === 'SEED010' && r.locations[0].physicalLocation.artifactLocation.uri === 'b.seed');
    const line = '<<< 001_0123456789abcdef src="é😀" date=2024-13-01';
    expect(date?.locations[0].physicalLocation.region.startColumn).toBe(line.indexOf('2024-13-01') + 1);
  });

  it('a clean run is valid SARIF with no results, and files given by absolute path are file URIs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-sarif-'));
    writeFileSync(path.join(dir, 'ok.seed'), '<<< 001_0123456789abcdef\nHeadline\n>>> 001_0123456789abcdef\n');
    const clean = JSON.parse(run(['check', 'ok.seed', '--format', 'sarif'], dir).stdout);
    valid(clean);
    expect(clean.runs[0].results).toEqual([]);
    writeFileSync(path.join(dir, 'bad.seed'), '<<< 002_0123456789abcdef\nHeadline\n');
    const elsewhere = JSON.parse(run(['check', path.join(dir, 'bad.seed'), '--format', 'sarif'], root).stdout);
    valid(elsewhere);
    expect(elsewhere.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(`file://${path.join(dir, 'bad.seed')}`);
  });
});
