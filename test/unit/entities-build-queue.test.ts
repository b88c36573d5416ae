import { describe, expect, it } from 'vitest';
import { EntityBuildQueue } from '../../src/core/entities/build-queue';
import { fakeScheduler } from './fake-scheduler';

/** Lets every settled promise run its continuations. */
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** A queue whose rounds are recorded and finish when the test says so. */
function harness(options: { active?: () => boolean } = {}) {
  const timers = fakeScheduler();
  const rounds: string[][] = [];
  const settled: boolean[] = [];
  /** onSettled's `firstComplete` per settle (when the cache may be trimmed to the index). */
  const complete: boolean[] = [];
  const errors: unknown[] = [];
  let release: (() => void) | undefined;
  let fail: Error | undefined;
  const queue = new EntityBuildQueue({
    scheduler: timers.scheduler,
    active: options.active ?? (() => true),
    round: (uris, signal) => {
      rounds.push(uris);
      if (fail) {
        const error = fail;
        fail = undefined;
        return Promise.reject(error);
      }
      return new Promise<void>((resolve) => {
        release = resolve;
        signal.addEventListener('abort', () => resolve());
      });
    },
    onError: (error) => errors.push(error),
    onSettled: (first, firstComplete) => {
      settled.push(first);
      complete.push(firstComplete);
    },
  });
  const finishRound = async () => {
    release?.();
    release = undefined;
    await flush();
  };
  return { ...timers, queue, rounds, settled, complete, errors, finishRound, failNext: (error: Error) => (fail = error) };
}

describe('EntityBuildQueue (queued files, one run draining them in rounds)', () => {
  it('runs once after the quiet time of the last change, with every file queued in it', async () => {
    const h = harness();
    h.queue.enqueue(['a'], 150);
    h.advance(100);
    h.queue.enqueue(['b', 'a'], 150);
    h.advance(149);
    expect(h.rounds).toEqual([]);
    h.advance(1);
    expect(h.rounds).toEqual([['a', 'b']]);
    expect(h.queue.has('a')).toBe(false);
    expect(h.queue.draining).toBe(true);
    await h.finishRound();
    expect(h.settled).toEqual([true]);
    expect(h.queue.built).toBe(true);
    expect(h.queue.isIdle()).toBe(true);
  });

  it('takes files queued during a round in the next round of the same run, and settles once', async () => {
    const h = harness();
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    h.queue.enqueue(['b'], 0);
    h.advance(0);
    // Still one run: the timer found it draining.
    expect(h.rounds).toEqual([['a']]);
    await h.finishRound();
    expect(h.rounds).toEqual([['a'], ['b']]);
    expect(h.settled).toEqual([]);
    await h.finishRound();
    expect(h.settled).toEqual([true]);
  });

  it('says "first" only for the first settle after a (re)start', async () => {
    const h = harness();
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    await h.finishRound();
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    await h.finishRound();
    h.queue.restart();
    expect(h.queue.built).toBe(false);
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    await h.finishRound();
    expect(h.settled).toEqual([true, false, true]);
  });

  it('resolves whenIdle once built with nothing queued, waiting or running', async () => {
    const h = harness();
    let idle = false;
    void h.queue.whenIdle().then(() => (idle = true));
    h.queue.enqueue(['a'], 50);
    await flush();
    expect(idle).toBe(false);
    h.advance(50);
    await flush();
    expect(idle).toBe(false);
    await h.finishRound();
    expect(idle).toBe(true);
    await expect(h.queue.whenIdle()).resolves.toBeUndefined();
  });

  it('clear() forgets what is queued, cancels the quiet time and stops the run', async () => {
    const h = harness();
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    h.queue.enqueue(['b'], 500);
    await h.queue.clear();
    expect(h.queue.draining).toBe(false);
    expect(h.pending()).toBe(0);
    h.advance(1000);
    expect(h.rounds).toEqual([['a']]);
    // The aborted run settled with nothing queued.
    expect(h.settled).toEqual([true]);
  });

  it('abortRun() stops the run between rounds and keeps what is queued for the next run, which settles without a complete build (the aborted snapshot is not in the index)', async () => {
    const h = harness();
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    h.queue.enqueue(['b'], 1000);
    h.queue.abortRun();
    await h.queue.runEnded();
    await flush();
    // 'b' was queued: the next run starts at once instead of settling.
    expect(h.rounds).toEqual([['a'], ['b']]);
    expect(h.settled).toEqual([]);
    await h.finishRound();
    expect(h.settled).toEqual([true]);
    expect(h.complete).toEqual([false]);
  });

  it('reports a failed round, then settles (or runs what was queued meanwhile)', async () => {
    const h = harness();
    h.failNext(new Error('disk gone'));
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    await flush();
    expect(h.errors.map((e) => (e as Error).message)).toEqual(['disk gone']);
    expect(h.settled).toEqual([true]);
    expect(h.queue.isIdle()).toBe(true);
  });

  it('queues nothing and runs nothing while inactive (switched off, disposed)', async () => {
    let active = false;
    const h = harness({ active: () => active });
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    expect(h.rounds).toEqual([]);
    expect(h.queue.has('a')).toBe(false);
    active = true;
    h.queue.enqueue(['a'], 10);
    active = false;
    h.advance(10);
    expect(h.rounds).toEqual([]);
  });

  it('release() and dispose() resolve every waiter and leave no timer', async () => {
    const h = harness();
    let released = 0;
    void h.queue.whenIdle().then(() => released++);
    h.queue.release();
    await flush();
    expect(released).toBe(1);
    void h.queue.whenIdle().then(() => released++);
    h.queue.enqueue(['a'], 100);
    h.queue.dispose();
    await flush();
    expect(released).toBe(2);
    expect(h.pending()).toBe(0);
  });

  it('says "firstComplete" only when no run since the (re)start was aborted or failed (the index holds the whole corpus)', async () => {
    const h = harness();
    h.queue.enqueue(['a', 'b'], 0);
    h.advance(0);
    await h.finishRound();
    expect(h.complete).toEqual([true]);
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    await h.finishRound();
    expect(h.complete).toEqual([true, false]);
    // A switch-off or rebuild during the first build: the aborted run settles, not complete,
    // and neither is a later run before the build restarts (the aborted snapshot is missing).
    h.queue.restart();
    h.queue.enqueue(['a', 'b'], 0);
    h.advance(0);
    await h.queue.clear();
    h.queue.enqueue(['c'], 0);
    h.advance(0);
    await h.finishRound();
    expect(h.settled).toEqual([true, false, true, false]);
    expect(h.complete).toEqual([true, false, false, false]);
    h.queue.restart();
    h.queue.enqueue(['a', 'b', 'c'], 0);
    h.advance(0);
    await h.finishRound();
    expect(h.complete).toEqual([true, false, false, false, true]);
    // A failed first run is no whole corpus either.
    h.queue.restart();
    h.failNext(new Error('disk gone'));
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    await flush();
    expect(h.complete.at(-1)).toBe(false);
  });

  it('a run under way when the build restarts is not the new build\'s complete one (it fed only its own snapshot)', async () => {
    const h = harness();
    // A file changed during a rebuild's cache write: its run starts before the rebuild restarts.
    h.queue.enqueue(['x'], 0);
    h.advance(0);
    h.queue.restart();
    await h.finishRound();
    expect(h.settled).toEqual([true]);
    expect(h.complete).toEqual([false]);
    // The rebuild's own run, over every file, is.
    h.queue.enqueue(['a', 'b', 'x'], 0);
    h.advance(0);
    await h.finishRound();
    expect(h.complete).toEqual([false, true]);
    // A switch-off: the run is aborted and the build restarted while it still ends; the next
    // build (switched on again) is not held back by that abort.
    h.queue.restart();
    h.queue.enqueue(['a'], 0);
    h.advance(0);
    void h.queue.clear();
    h.queue.restart();
    await flush();
    h.queue.restart();
    h.queue.enqueue(['a', 'b', 'x'], 0);
    h.advance(0);
    await h.finishRound();
    expect(h.complete).toEqual([false, true, false, true]);
  });
});
