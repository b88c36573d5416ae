import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/core/entities/extract';
import { entityModelPath } from '../../src/entity-model-file';
import { nodeEntityWorkers } from '../../src/entity-worker-node';
import { EntityWorkerPool, ExtractionCancelled, type ExtractionJob } from '../../src/core/entities/worker-pool';
import type { WorkerResponse } from '../../src/core/entities/worker-protocol';

// Real worker threads need JavaScript: bundle the Node worker entry exactly as esbuild.mjs does for dist/.
let dir: string;
let workerScript: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seed-entity-worker-'));
  workerScript = path.join(dir, 'entity-worker.js');
  buildSync({
    entryPoints: [path.join(__dirname, '../../src/node/entity-worker-main.ts')],
    bundle: true, format: 'cjs', platform: 'node', target: 'node20', outfile: workerScript, logLevel: 'error',
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first documents of the synthetic news fixture, as jobs (simple reader: delimiters and body lines). */
function jobs(n: number): ExtractionJob[] {
  const lines = readFileSync(path.join(__dirname, '../fixtures/synthetic-news.seed'), 'utf8').split('\n');
  const out: ExtractionJob[] = [];
  let cur: ExtractionJob | undefined;
  lines.forEach((text, line) => {
    if (text.startsWith('<<< ')) out.push((cur = { key: text.slice(4).split(' ')[0], lines: [] }));
    else if (text.startsWith('>>> ')) cur = undefined;
    else if (cur && text.trim()) cur.lines.push({ line, text });
  });
  return out.slice(0, n);
}

/** Niceness of every thread of this process (Linux: field 19 of /proc/self/task/TID/stat). */
function threadNiceness(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return [];
    }
  });
}

describe('entity worker pool', () => {
  it.runIf(process.platform === 'linux')('runs background workers 10 steps nicer than the thread that made them, and only them', async () => {
    const own = getPriority();
    const pool = new EntityWorkerPool({ createWorker: nodeEntityWorkers(workerScript, entityModelPath(), { background: true }), size: 1 });
    try {
      const input = jobs(2);
      const r = await pool.extract(input);
      for (const j of input) expect(r.extractions.get(j.key)).toEqual(extractDocument(j.lines));
      const nice = threadNiceness();
      expect(nice).toContain(Math.min(19, own + 10));
      expect(getPriority()).toBe(own);
    } finally {
      await pool.dispose();
    }
  });

  it('extracts in worker threads exactly what the in-process extractor finds, with progress', async () => {
    const pool = new EntityWorkerPool({ createWorker: nodeEntityWorkers(workerScript, entityModelPath()), size: 2, batchSize: 3 });
    try {
      const input = jobs(12);
      const progress: number[] = [];
      const seen: string[] = [];
      const r = await pool.extract(input, { onProgress: (done, total) => progress.push(done / total), onResult: (key) => seen.push(key) });
      expect(r.errors.size).toBe(0);
      expect(r.extractions.size).toBe(12);
      expect(new Set(seen)).toEqual(new Set(input.map((j) => j.key)));
      expect(progress).toHaveLength(4);
      expect(progress[progress.length - 1]).toBe(1);
      for (const j of input) expect(r.extractions.get(j.key)).toEqual(extractDocument(j.lines));
      // The pool is reusable after a run.
      const again = await pool.extract(input.slice(0, 2));
      expect(again.extractions.size).toBe(2);
      expect(await pool.extract([])).toEqual({ extractions: new Map(), errors: new Map() });
    } finally {
      await pool.dispose();
    }
  });

  it('pauses a worker between documents through its shared flag: it holds a batch and computes nothing until resumed', async () => {
    const worker = nodeEntityWorkers(workerScript, entityModelPath())();
    try {
      const answers: WorkerResponse[] = [];
      worker.onMessage((response) => answers.push(response));
      const input = jobs(2);
      // Warm: the model is loaded before the timed part.
      worker.postMessage({ batch: 1, docs: input.slice(0, 1) });
      while (answers.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      // Paused before the batch is sent: a worker that were only not fed would answer it at once.
      worker.setPaused?.(true);
      worker.postMessage({ batch: 2, docs: input });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(answers).toHaveLength(1);
      worker.setPaused?.(false);
      while (answers.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(answers[1].results.map((r) => r.extraction)).toEqual(input.map((j) => extractDocument(j.lines)));
    } finally {
      worker.setPaused?.(false);
      await worker.terminate();
    }
  });

  it('a paused pool sends no batch and loses nothing: the run completes once resumed; dispose releases it', async () => {
    const pool = new EntityWorkerPool({ createWorker: nodeEntityWorkers(workerScript, entityModelPath()), size: 1, batchSize: 2 });
    try {
      expect((await pool.extract(jobs(1))).extractions.size).toBe(1);
      pool.setPaused(true);
      const input = jobs(6);
      let results = 0;
      const run = pool.extract(input, { onResult: () => results++ });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(results).toBe(0);
      pool.setPaused(false);
      const r = await run;
      expect(r.extractions.size).toBe(6);
      for (const j of input) expect(r.extractions.get(j.key)).toEqual(extractDocument(j.lines));
      pool.setPaused(true);
      const again = pool.extract(jobs(2)).catch((error: unknown) => error);
      await pool.dispose();
      expect(String(await again)).toMatch(/disposed/);
    } finally {
      await pool.dispose();
    }
  });

  it('cancels a run: queued batches are dropped and the promise rejects', async () => {
    const pool = new EntityWorkerPool({ createWorker: nodeEntityWorkers(workerScript, entityModelPath()), size: 1, batchSize: 1 });
    try {
      const controller = new AbortController();
      let results = 0;
      const run = pool.extract(jobs(40), {
        signal: controller.signal,
        onResult: () => {
          results++;
          if (results === 2) controller.abort();
        },
      });
      await expect(run).rejects.toBeInstanceOf(ExtractionCancelled);
      expect(results).toBe(2);
      // Already aborted: rejects at once.
      await expect(pool.extract(jobs(1), { signal: controller.signal })).rejects.toBeInstanceOf(ExtractionCancelled);
      // A later run still works.
      expect((await pool.extract(jobs(1))).extractions.size).toBe(1);
    } finally {
      await pool.dispose();
    }
  });

  it('reports a document that fails without failing the run', async () => {
    const pool = new EntityWorkerPool({ createWorker: nodeEntityWorkers(workerScript, entityModelPath()), size: 1 });
    try {
      const bad = { key: 'bad', lines: null } as unknown as ExtractionJob;
      const r = await pool.extract([...jobs(1), bad]);
      expect(r.extractions.size).toBe(1);
      expect(r.errors.get('bad')).toMatch(/null|undefined|map/);
    } finally {
      await pool.dispose();
    }
  });

  it('rejects runs after dispose', async () => {
    const pool = new EntityWorkerPool({ createWorker: nodeEntityWorkers(workerScript) });
    await pool.dispose();
    await expect(pool.extract(jobs(1))).rejects.toThrow(/disposed/);
  });
});
