/**
 * The property tests with a fixed seed (printed; SEED_PROPERTY_SEED overrides it), and every
 * counterexample the fuzzer saved in test/fixtures/fuzz/, replayed on every run. The properties
 * themselves are in test/properties/properties.ts, shared with `npm run fuzz`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PROPERTIES, propertySeed, type FuzzFixture } from '../properties/properties';

const seed = propertySeed();
const fixtureDir = path.resolve(__dirname, '../fixtures/fuzz');

describe(`properties (seed ${seed})`, () => {
  for (const property of PROPERTIES) {
    it(property.name, () => {
      const details = fc.check(fc.property(property.arbitrary, property.check), { seed, numRuns: property.numRuns });
      if (details.failed) {
        const text = details.counterexample?.[0];
        throw new Error(`property ${property.name} failed with seed ${seed} (path ${details.counterexamplePath}):\n` +
          `${JSON.stringify(text)}\n${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
      }
    });
  }
});

describe('fuzz counterexamples (test/fixtures/fuzz)', () => {
  const files = fs.existsSync(fixtureDir) ? fs.readdirSync(fixtureDir).filter((f) => f.endsWith('.json')).sort() : [];
  it('every fixture names a known property', () => {
    for (const file of files) {
      const fixture = JSON.parse(fs.readFileSync(path.join(fixtureDir, file), 'utf8')) as FuzzFixture;
      expect(PROPERTIES.map((p) => p.name), file).toContain(fixture.property);
    }
  });
  for (const file of files) {
    it(file, () => {
      const fixture = JSON.parse(fs.readFileSync(path.join(fixtureDir, file), 'utf8')) as FuzzFixture;
      PROPERTIES.find((p) => p.name === fixture.property)?.check(fixture.text);
    });
  }
});
