// One list of diagnostic codes everywhere: the rules (help text, SARIF), the settings' severity
// schema in package.json and the project file's schema. A code added to one and not the others
// would be refused by the editor's settings (additionalProperties: false) or by the schema.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/core/rules';
import { parseProjectConfig } from '../../src/core/config/project-config';

const root = resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifest and schema are read as plain JSON
const json = (relative: string) => JSON.parse(readFileSync(join(root, relative), 'utf8')) as Record<string, any>;
const codes = rules.map((rule) => rule.code);

describe('diagnostic codes are listed alike', () => {
  const properties = json('package.json').contributes.configuration.properties as Record<string, { scope?: string; properties?: Record<string, { description: string }> }>;

  it('the seedReview.diagnostics.severity setting names every rule, with its name', () => {
    const severity = properties['seedReview.diagnostics.severity'].properties ?? {};
    expect(Object.keys(severity)).toEqual(codes);
    for (const rule of rules) expect(severity[rule.code].description, rule.code).toBe(rule.name);
  });

  it('the .seed-review.json schema names every rule, with its name', () => {
    const severity = json('schemas/seed-review.schema.json').properties.severity.properties as Record<string, { description: string }>;
    expect(Object.keys(severity)).toEqual(codes);
    for (const rule of rules) expect(severity[rule.code].description, rule.code).toBe(rule.name);
  });

  it('a project file naming an unknown code says which codes exist', () => {
    const { problems } = parseProjectConfig('{ "severity": { "SEED999": "off" } }', '/p/.seed-review.json');
    expect(problems.map((p) => p.message)).toEqual([`"SEED999" is not a diagnostic code (SEED001 to ${codes[codes.length - 1]})`]);
  });

  it('the settings read per file are resource-scoped, so each folder of a multi-root workspace gets its own', () => {
    // A window-scoped setting written in a folder's settings is ignored by VS Code in a multi-root workspace.
    for (const name of ['seedReview.diagnostics.enabled', 'seedReview.diagnostics.severity', 'seedReview.workspace.crossFileChecks']) {
      expect(properties[name].scope, name).toBe('resource');
    }
  });
});
