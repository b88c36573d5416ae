import { describe, expect, it } from 'vitest';
import { BulkExtraction, type EntityWorkerSupply } from '../../src/core/entities/bulk-extraction';
import { SlicedExtractor } from '../../src/core/entities/sliced-extraction';
import { EntityWorkerPool, ExtractionCancelled } from '../../src/core/entities/worker-pool';
import { standardScheduler } from '../../src/core/host/scheduler';

/** A choice over a given supply, recording how often the host was asked and what was logged. */
function choice(supply: EntityWorkerSupply, size = 2) {
  const asked = { count: 0 };
  const log: string[] = [];
  const bulk = new BulkExtraction({
    scheduler: standardScheduler,
    workers: async () => {
      asked.count++;
      return supply;
    },
    poolSize: () => size,
    log: (message) => log.push(message),
  });
  return { bulk, asked, log };
}

const workers: EntityWorkerSupply = {
  where: 'worker thread(s)',
  create: () => {
    throw new Error('not started in this test');
  },
};

describe('BulkExtraction (workers where the host gives them, else slices)', () => {
  it('uses the host\'s workers, asked once, in a pool of the configured size', async () => {
    const { bulk, asked, log } = choice(workers, 3);
    expect(bulk.mode).toBeUndefined();
    const extractor = await bulk.get();
    expect(extractor).toBeInstanceOf(EntityWorkerPool);
    expect(await bulk.get()).toBe(extractor);
    expect(asked.count).toBe(1);
    expect({ mode: bulk.mode, detail: bulk.detail }).toEqual({ mode: 'workers', detail: 'worker thread(s)' });
    expect(log).toEqual(['Entity extraction: 3 worker thread(s)']);
    bulk.dispose();
  });

  it('runs in slices where the host gives no worker, and says why', async () => {
    const { bulk, log } = choice({ unavailable: 'the host refused the worker script' });
    expect(await bulk.get()).toBeInstanceOf(SlicedExtractor);
    expect({ mode: bulk.mode, detail: bulk.detail }).toEqual({ mode: 'slices', detail: 'no worker: the host refused the worker script' });
    expect(log[0]).toMatch(/in slices on the extension host/);
  });

  it('forces slices on request without asking the host, and detaches the old extractor', async () => {
    const { bulk, asked } = choice(workers);
    const pool = await bulk.get();
    expect(bulk.force('slices')).toBe(true);
    expect(bulk.force('slices')).toBe(false);
    expect(await bulk.detach()).toBe(pool);
    expect(bulk.mode).toBeUndefined();
    expect(await bulk.get()).toBeInstanceOf(SlicedExtractor);
    expect(asked.count).toBe(1);
    expect(bulk.detail).toBe('no worker: slices requested');
    bulk.force(undefined);
    await bulk.detach();
    expect(await bulk.get()).toBeInstanceOf(EntityWorkerPool);
    expect(asked.count).toBe(2);
    bulk.dispose();
  });

  it('passes a pause to the extractor, also to one made while paused', async () => {
    const { bulk } = choice({ unavailable: 'none' });
    bulk.setPaused(true);
    const sliced = (await bulk.get()) as SlicedExtractor;
    const calls: boolean[] = [];
    const original = sliced.setPaused.bind(sliced);
    sliced.setPaused = (paused: boolean) => {
      calls.push(paused);
      original(paused);
    };
    bulk.setPaused(false);
    expect(calls).toEqual([false]);
    // Made while paused: it starts paused.
    await bulk.detach();
    bulk.setPaused(true);
    const made: boolean[] = [];
    const proto = SlicedExtractor.prototype.setPaused;
    SlicedExtractor.prototype.setPaused = function (this: SlicedExtractor, paused: boolean) {
      made.push(paused);
      proto.call(this, paused);
    };
    try {
      await bulk.get();
    } finally {
      SlicedExtractor.prototype.setPaused = proto;
    }
    expect(made).toEqual([true]);
  });

  it('detach() with no extractor made gives nothing', async () => {
    const { bulk } = choice(workers);
    await expect(bulk.detach()).resolves.toBeUndefined();
  });

  it('makes no extractor after dispose(), nor asks the host again (a round ending after shutdown)', async () => {
    const { bulk, asked } = choice(workers);
    await bulk.get();
    bulk.dispose();
    await expect(bulk.get()).rejects.toBeInstanceOf(ExtractionCancelled);
    expect(asked.count).toBe(1);
    expect(bulk.mode).toBeUndefined();
  });
});
