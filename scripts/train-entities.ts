/**
 * Trains the entity model from annotated news.
 *
 * Usage: npm run train:entities -- TRAIN.seed TRAIN.gold.jsonl [--dev DEV.seed DEV.gold.jsonl] -o MODEL
 *        [--epochs N] [--seed N] [--min-count N] [--no-train-gazetteer] [--no-common]
 *        [--exact-strong-weights]
 *
 * Deterministic: the same data, settings and seed give a byte-identical model file.
 */
import { writeFileSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { generalGazetteer, readAnnotated, runScript } from './entity-data';
import { trainModel } from '../src/core/entities/ner/train';
import { EntityModel } from '../src/core/entities/ner/model';

function main(): void {
  const args = process.argv.slice(2);
  const positional: string[] = [];
  let dev: [string, string] | undefined;
  let out: string | undefined;
  let epochs = 5;
  let seed = 1;
  let minCount = 3;
  let trainGazetteer = true;
  let common = true;
  let strongWeights: 'clip' | 'exact' = 'clip';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dev') {
      dev = [args[++i], args[++i]];
    } else if (a === '-o' || a === '--out') {
      out = args[++i];
    } else if (a === '--epochs') {
      epochs = Number(args[++i]);
    } else if (a === '--seed') {
      seed = Number(args[++i]);
    } else if (a === '--min-count') {
      minCount = Number(args[++i]);
    } else if (a === '--no-train-gazetteer') {
      trainGazetteer = false;
    } else if (a === '--no-common') {
      common = false;
    } else if (a === '--exact-strong-weights') {
      strongWeights = 'exact';
    } else {
      positional.push(a);
    }
  }
  if (positional.length !== 2 || !out || (dev && (!dev[0] || !dev[1])) || !(epochs >= 1) || !Number.isInteger(seed)) {
    console.error('usage: npm run train:entities -- TRAIN.seed TRAIN.gold.jsonl [--dev DEV.seed DEV.gold.jsonl] -o MODEL [--epochs N] [--seed N] [--min-count N] [--exact-strong-weights]');
    process.exit(2);
  }
  const train = readAnnotated(positional[0], positional[1]);
  const devDocs = dev ? readAnnotated(dev[0], dev[1]).docs : undefined;
  const log = (s: string): void => console.log(s);
  log(`training on ${train.docs.length} documents (${train.crossLine} gold spans across lines dropped), seed ${seed}, ${epochs} epochs, min count ${minCount}`);
  const t0 = performance.now();
  const bytes = trainModel(train.docs, { epochs, seed, minCount, gazetteer: generalGazetteer({ common }), trainGazetteer, strongWeights, dev: devDocs, log });
  const model = EntityModel.decode(bytes);
  // Atomic: a failed write never leaves half a model behind.
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, out);
  log(`wrote ${out}: ${bytes.length} bytes, ${model.featureCount} features, version ${model.version}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

runScript('train:entities', main);
