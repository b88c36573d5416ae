import { describe, expect, it } from 'vitest';
import { DebouncedSaver } from '../../src/core/debounced-saver';
import { fakeScheduler } from './fake-scheduler';

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** A saver whose saves record the state they wrote and finish when the test says so. */
function harness(options: { ready?: () => boolean; failing?: boolean } = {}) {
  const timers = fakeScheduler();
  let state = 0;
  const written: number[] = [];
  const finish: (() => void)[] = [];
  const errors: unknown[] = [];
  const saver = new DebouncedSaver({
    scheduler: timers.scheduler,
    delayMs: 5000,
    ready: options.ready ?? (() => true),
    save: () => {
      const snapshot = state;
      return new Promise<void>((resolve, reject) => finish.push(() => {
        if (options.failing) reject(new Error('disk full'));
        else {
          written.push(snapshot);
          resolve();
        }
      }));
    },
    onError: (error) => errors.push(error),
  });
  const change = () => {
    state++;
    saver.markDirty();
  };
  const finishSave = async () => {
    finish.shift()?.();
    await flush();
  };
  return { ...timers, saver, change, written, finish, finishSave, errors };
}

describe('DebouncedSaver (the entity cache written after changes, one write at a time)', () => {
  it('saves once, the quiet time after the last change', async () => {
    const h = harness();
    h.change();
    h.advance(4000);
    h.change();
    h.advance(4999);
    expect(h.finish.length).toBe(0);
    h.advance(1);
    expect(h.finish.length).toBe(1);
    await h.finishSave();
    expect(h.written).toEqual([2]);
    expect(h.saver.unsaved).toBe(false);
  });

  it('is unsaved while a save is under way, not only while dirty', async () => {
    const h = harness();
    h.change();
    const done = h.saver.flush();
    expect(h.saver.unsaved).toBe(true);
    await h.finishSave();
    await done;
    expect(h.saver.unsaved).toBe(false);
  });

  it('a flush during a save waits for it and then writes the newer state: the reader finds the newest file', async () => {
    const h = harness();
    h.change();
    void h.saver.flush();
    h.change();
    let flushed = false;
    const waiting = h.saver.flush().then(() => (flushed = true));
    await flush();
    // The first save is still under way: nothing overlaps it.
    expect(h.finish.length).toBe(1);
    await h.finishSave();
    expect(flushed).toBe(false);
    expect(h.finish.length).toBe(1);
    await h.finishSave();
    await waiting;
    expect(h.written).toEqual([1, 2]);
  });

  it('a flush during a save with nothing new resolves when that save is done', async () => {
    const h = harness();
    h.change();
    void h.saver.flush();
    let flushed = false;
    const waiting = h.saver.flush().then(() => (flushed = true));
    await flush();
    expect(flushed).toBe(false);
    await h.finishSave();
    await waiting;
    expect(h.written).toEqual([1]);
    expect(h.finish.length).toBe(0);
  });

  it('two flushes waiting on one save start one more save between them', async () => {
    const h = harness();
    h.change();
    void h.saver.flush();
    h.change();
    const a = h.saver.flush();
    const b = h.saver.flush();
    await h.finishSave();
    expect(h.finish.length).toBe(1);
    await h.finishSave();
    await Promise.all([a, b]);
    expect(h.written).toEqual([1, 2]);
  });

  it('does not save before it is ready (a cache never read), and keeps the change for later', async () => {
    let ready = false;
    const h = harness({ ready: () => ready });
    h.change();
    await h.saver.flush();
    expect(h.finish.length).toBe(0);
    expect(h.saver.unsaved).toBe(true);
    ready = true;
    void h.saver.flush();
    await h.finishSave();
    expect(h.written).toEqual([1]);
  });

  it('reports a failed save once, without retrying by itself', async () => {
    const h = harness({ failing: true });
    h.change();
    const done = h.saver.flush();
    await h.finishSave();
    await done;
    expect(h.errors.map((e) => (e as Error).message)).toEqual(['disk full']);
    expect(h.saver.unsaved).toBe(false);
    expect(h.pending()).toBe(0);
  });

  it('dispose() leaves no timer', () => {
    const h = harness();
    h.change();
    h.saver.dispose();
    expect(h.pending()).toBe(0);
    expect(h.saver.unsaved).toBe(true);
  });

  it('a change after dispose() starts no timer and no save (a run ending after shutdown)', async () => {
    const h = harness();
    h.saver.dispose();
    h.change();
    expect(h.pending()).toBe(0);
    h.advance(10_000);
    await flush();
    expect(h.finish.length).toBe(0);
    expect(h.saver.unsaved).toBe(true);
  });
});
