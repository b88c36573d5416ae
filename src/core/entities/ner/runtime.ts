/**
 * The one entity model of a process, loaded on first use. Core code cannot read files, so the
 * host (extension, worker, CLI, a browser worker later) registers where the bytes come from;
 * nothing is read or decoded until an entity feature asks for the model.
 */
import { EntityModel, modelVersion } from './model';

let source: (() => Uint8Array) | undefined;
let bytes: Uint8Array | undefined;
let model: EntityModel | undefined;
let loadMs = 0;

/** Registers how to read the model file. Cheap: nothing is read until the model is needed. */
export function setEntityModelSource(load: () => Uint8Array): void {
  if (source === load) return;
  source = load;
  bytes = undefined;
  model = undefined;
}

/** Whether a model source is registered. */
export function hasEntityModelSource(): boolean {
  return source !== undefined;
}

function modelBytes(): Uint8Array {
  if (!source) throw new Error('entity model: no model source registered (setEntityModelSource)');
  bytes ??= source();
  return bytes;
}

/** The model, decoded on the first call. */
export function entityModel(): EntityModel {
  if (!model) {
    const t = performance.now();
    model = EntityModel.decode(modelBytes());
    loadMs = performance.now() - t;
  }
  return model;
}

/** The model's version (a hash of its file) without decoding it: part of every entity cache key. */
export function entityModelVersion(): string {
  return model?.version ?? modelVersion(modelBytes());
}

/** Milliseconds the decode took (0 before the first load). */
export function entityModelLoadMs(): number {
  return loadMs;
}
