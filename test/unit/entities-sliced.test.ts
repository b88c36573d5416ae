import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/core/entities/extract';
import { entityModelVersion, setEntityModelSource } from '../../src/core/entities/ner/runtime';
import { SlicedExtractor } from '../../src/core/entities/sliced-extraction';
import type { DocumentExtraction, EntityLine } from '../../src/core/entities/types';
import { answerBatch, serveEntityWorker } from '../../src/core/entities/worker';
import { ExtractionCancelled, type ExtractionJob } from '../../src/core/entities/worker-pool';
import type { WorkerReady, WorkerResponse } from '../../src/core/entities/worker-protocol';
import type { HostScheduler } from '../../src/core/host/scheduler';
import { entityModelPath } from '../../src/entity-model-file';
import { readFileSync } from 'node:fs';

/** A scheduler with a clock the test moves, which records what ran at each yield. */
function fakeScheduler() {
  const state = { clock: 0, yields: 0, atYield: [] as number[], onYield: undefined as (() => void) | undefined };
  const scheduler: HostScheduler = {
    after: () => ({ cancel: () => undefined }),
    now: () => state.clock,
    yieldToHost: async () => {
      state.yields++;
      state.onYield?.();
    },
  };
  return { state, scheduler };
}

const jobs = (n: number): ExtractionJob[] => Array.from({ length: n }, (_, i) => ({
  key: `doc${i}`,
  lines: [{ line: 0, text: `Officials in Paris met Anna Schmidt of the United Nations on day ${i}.` }],
}));

describe('SlicedExtractor (entity extraction in slices on the extension host)', () => {
  it('gives the same extractions as extractDocument, for every document', async () => {
    const { scheduler } = fakeScheduler();
    const extractor = new SlicedExtractor({ scheduler });
    const input = jobs(5);
    const seen: string[] = [];
    const result = await extractor.extract(input, { onResult: (key) => seen.push(key) });
    expect(seen).toEqual(input.map((j) => j.key));
    for (const job of input) expect(result.extractions.get(job.key)).toEqual(extractDocument(job.lines));
    expect(result.errors.size).toBe(0);
  });

  it('pauses between slices: no document is extracted while paused, the run ends once resumed, an abort ends it paused', async () => {
    const { state, scheduler } = fakeScheduler();
    let done = 0;
    const extract = (): DocumentExtraction => {
      done++;
      return { mentions: [], candidates: [], words: 0 };
    };
    const extractor = new SlicedExtractor({ scheduler, sliceMs: 0, extract });
    state.onYield = () => {
      if (done === 2) extractor.setPaused(true);
    };
    const run = extractor.extract(jobs(5));
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(2);
    state.onYield = undefined;
    extractor.setPaused(false);
    expect((await run).extractions.size).toBe(5);
    // Aborted while paused: rejects without waiting for a resume.
    const controller = new AbortController();
    extractor.setPaused(true);
    const paused = extractor.extract(jobs(3), { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(6);
    controller.abort();
    await expect(paused).rejects.toBeInstanceOf(ExtractionCancelled);
    extractor.setPaused(false);
  });

  it('yields to the host between documents once a slice has used its time, never inside a document', async () => {
    const { state, scheduler } = fakeScheduler();
    let done = 0;
    // Each document "takes" 3 ms of the fake clock; a slice may take 8 ms: 3 documents a slice (9 ms).
    const extract = (): DocumentExtraction => {
      state.clock += 3;
      done++;
      return { mentions: [], candidates: [], words: 0 };
    };
    state.onYield = () => state.atYield.push(done);
    const extractor = new SlicedExtractor({ scheduler, sliceMs: 8, extract });
    await extractor.extract(jobs(10));
    expect(state.atYield).toEqual([3, 6, 9, 10]);
    expect(extractor.stats).toEqual({ documents: 10, slices: 4, longestSliceMs: 9 });
  });

  it('with a zero budget, a hover queued meanwhile runs after each document', async () => {
    const { state, scheduler } = fakeScheduler();
    const order: string[] = [];
    state.onYield = () => order.push('host turn');
    const extractor = new SlicedExtractor({ scheduler, sliceMs: 0 });
    await extractor.extract(jobs(3), { onResult: (key) => order.push(key) });
    expect(order).toEqual(['doc0', 'host turn', 'doc1', 'host turn', 'doc2', 'host turn']);
  });

  it('reports progress per slice, a failing document alone, and stops on abort with ExtractionCancelled', async () => {
    const { scheduler } = fakeScheduler();
    const extract = (lines: readonly EntityLine[]): DocumentExtraction => {
      if (lines[0].text.includes('day 1.')) throw new Error('broken document');
      return { mentions: [], candidates: [], words: 1 };
    };
    const extractor = new SlicedExtractor({ scheduler, sliceMs: 0, extract });
    const progress: string[] = [];
    const result = await extractor.extract(jobs(3), { onProgress: (done, total) => progress.push(`${done}/${total}`) });
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    expect([...result.errors]).toEqual([['doc1', 'broken document']]);
    expect(result.extractions.size).toBe(2);

    const abort = new AbortController();
    const run = extractor.extract(jobs(50), { onResult: (key) => key === 'doc2' && abort.abort(), signal: abort.signal });
    await expect(run).rejects.toBeInstanceOf(ExtractionCancelled);
  });

  it('runs one run after another, in the order asked', async () => {
    const { scheduler } = fakeScheduler();
    const extractor = new SlicedExtractor({ scheduler, sliceMs: 0 });
    const order: string[] = [];
    await Promise.all([
      extractor.extract(jobs(2).map((j) => ({ ...j, key: `a${j.key}` })), { onResult: (key) => order.push(key) }),
      extractor.extract(jobs(2).map((j) => ({ ...j, key: `b${j.key}` })), { onResult: (key) => order.push(key) }),
    ]);
    expect(order).toEqual(['adoc0', 'adoc1', 'bdoc0', 'bdoc1']);
  });
});

describe('the entity worker core (shared by the Node thread and the Web Worker)', () => {
  it('answers a batch document by document, and a WorkerInit with the model bytes by WorkerReady', () => {
    const version = entityModelVersion();
    const messages: (WorkerResponse | WorkerReady)[] = [];
    let listener: ((message: unknown) => void) | undefined;
    serveEntityWorker({ onMessage: (l) => { listener = l; }, postMessage: (m) => messages.push(m) });
    const bytes = new Uint8Array(readFileSync(entityModelPath()));
    listener?.({ init: { model: bytes } });
    expect(messages).toEqual([{ ready: true }]);
    expect(entityModelVersion()).toBe(version);
    const request = { batch: 7, docs: jobs(2) };
    listener?.(request);
    expect(messages[1]).toEqual(answerBatch(request));
    expect((messages[1] as WorkerResponse).results.map((r) => r.key)).toEqual(['doc0', 'doc1']);
  });

  it('says in WorkerReady when the bytes are not a model', () => {
    const messages: (WorkerResponse | WorkerReady)[] = [];
    let listener: ((message: unknown) => void) | undefined;
    serveEntityWorker({ onMessage: (l) => { listener = l; }, postMessage: (m) => messages.push(m) });
    try {
      listener?.({ init: { model: new Uint8Array([1, 2, 3]) } });
      expect(messages).toHaveLength(1);
      expect((messages[0] as WorkerReady).error).toBeTruthy();
    } finally {
      setEntityModelSource(() => readFileSync(entityModelPath()));
    }
  });
});
