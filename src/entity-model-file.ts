/**
 * Where Node hosts (the extension host, entity workers, the CLI, tests) read the entity model:
 * models/entity-model.bin at the package root, found from this file's directory whatever the
 * build put it in (dist/, out/src/..., or the sources under vitest).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { setEntityModelSource } from './core/entities/ner/runtime';

/** The model file's path; throws a one-line message when the package has none. */
export function entityModelPath(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'models', 'entity-model.bin');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`entity model: models/entity-model.bin not found above ${__dirname}`);
}

function readModel(): Uint8Array {
  return readFileSync(entityModelPath());
}

/** Registers the model file as this process's model source (nothing is read yet). */
export function useEntityModelFile(): void {
  setEntityModelSource(readModel);
}
