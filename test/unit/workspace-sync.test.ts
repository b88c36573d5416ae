import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { HostScheduler } from '../../src/core/host/scheduler';
import { changedStamps, diffListing, FileUpdateQueue, RelistSchedule, type FileOutcome } from '../../src/core/workspace-sync';

/** A clock the test moves: each apply costs `costMs`; yielding lets pending promises run. */
function testScheduler(): HostScheduler & { time: number; yields: number } {
  const scheduler = {
    time: 0,
    yields: 0,
    after: () => ({ cancel: () => undefined }),
    yieldToHost: () => {
      scheduler.yields++;
      return new Promise<void>((resolve) => setTimeout(resolve, 0));
    },
    now: () => scheduler.time,
  };
  return scheduler;
}

/** A read the test resolves or rejects when it chooses. */
interface Deferred {
  location: string;
  resolve(value: string): void;
  reject(error: Error): void;
}

/** A queue over a map `index`, with reads the test completes by hand, recording every report. */
function harness(options: { readAhead?: number; sliceMs?: number; costMs?: number } = {}) {
  const scheduler = testScheduler();
  const reads: Deferred[] = [];
  const index = new Map<string, string>();
  const reports: string[][] = [];
  const outcomes: [string, FileOutcome<string>['kind']][] = [];
  let maxInFlight = 0;
  let inFlight = 0;
  const queue = new FileUpdateQueue<string>({
    read: (location) => new Promise<string>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const settle = () => inFlight--;
      reads.push({ location, resolve: (value) => { settle(); resolve(value); }, reject: (error) => { settle(); reject(error); } });
    }),
    apply: (location, outcome) => {
      scheduler.time += options.costMs ?? 1;
      outcomes.push([location, outcome.kind]);
      if (outcome.kind === 'read') {
        const changed = index.get(location) !== outcome.value;
        index.set(location, outcome.value);
        return changed;
      }
      return index.delete(location);
    },
    changed: (locations) => reports.push(locations),
    scheduler,
    readAhead: options.readAhead,
    sliceMs: options.sliceMs,
  });
  /** Lets the queue take what has completed (a few turns of the event loop). */
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { queue, reads, index, reports, outcomes, scheduler, settle, maxInFlight: () => maxInFlight };
}

describe('diffListing', () => {
  it('lists what is new and what is gone, once each, sparing what keep() holds', () => {
    const diff = diffListing(['/a', '/b', '/b', '/d'], ['/a', '/c', '/e'], (location) => location === '/e');
    expect(diff).toEqual({ added: ['/b', '/d'], gone: ['/c'] });
  });

  it('finds nothing to do when the listing and the index agree', () => {
    expect(diffListing(['/x', '/y'], ['/y', '/x'])).toEqual({ added: [], gone: [] });
  });
});

describe('FileUpdateQueue', () => {
  it('reads every requested file once, never more than readAhead at a time, and applies each', async () => {
    const h = harness({ readAhead: 3 });
    for (let i = 0; i < 10; i++) h.queue.request(`/f${i}`, 'read');
    h.queue.request('/f2', 'read'); // asked again before its turn: read once
    let served = 0;
    while (served < h.reads.length || h.queue.size > 0) {
      await h.settle();
      for (; served < h.reads.length; served++) h.reads[served].resolve(`text of ${h.reads[served].location}`);
    }
    await h.queue.idle();
    expect(h.reads.map((r) => r.location).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `/f${i}`).sort());
    expect(h.maxInFlight()).toBeLessThanOrEqual(3);
    expect([...h.index.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `/f${i}`).sort());
    expect(h.reports.flat().sort()).toEqual([...h.index.keys()].sort());
  });

  it('drops a read that a newer request overtook: the file changed while it was read', async () => {
    const h = harness();
    h.queue.request('/a', 'read');
    await h.settle();
    expect(h.reads).toHaveLength(1);
    h.queue.request('/a', 'read'); // changed on disk meanwhile
    await h.settle();
    expect(h.reads).toHaveLength(2);
    h.reads[1].resolve('new');
    await h.settle();
    h.reads[0].resolve('old'); // the older read answers last
    await h.queue.idle();
    expect(h.index.get('/a')).toBe('new');
    expect(h.outcomes).toEqual([['/a', 'read']]);
  });

  it('a removal asked while the file is read wins over the read', async () => {
    const h = harness();
    h.index.set('/a', 'before');
    h.queue.request('/a', 'read');
    await h.settle();
    h.queue.request('/a', 'remove');
    await h.settle();
    h.reads[0].resolve('stale');
    await h.queue.idle();
    expect(h.index.has('/a')).toBe(false);
    expect(h.outcomes).toEqual([['/a', 'removed']]);
    expect(h.reports.flat()).toEqual(['/a']);
  });

  it('hands a failed read to apply as failed, and reports only what changed', async () => {
    const h = harness();
    h.index.set('/same', 'same');
    h.queue.request('/gone', 'read');
    h.queue.request('/same', 'read');
    await h.settle();
    h.reads[0].reject(new Error('no such file'));
    h.reads[1].resolve('same');
    await h.queue.idle();
    expect(h.outcomes).toEqual([['/gone', 'failed'], ['/same', 'read']]);
    expect(h.reports).toEqual([]);
  });

  it('reports once per slice and yields between slices, not once per file', async () => {
    const h = harness({ readAhead: 100, sliceMs: 8, costMs: 3 });
    for (let i = 0; i < 30; i++) h.queue.request(`/f${i}`, 'read');
    await h.settle();
    h.reads.forEach((read, i) => read.resolve(`v${i}`));
    await h.queue.idle();
    // 30 applies of 3 ms in slices of 8 ms: 3 applies per slice, 10 reports.
    expect(h.reports.map((batch) => batch.length)).toEqual(Array(10).fill(3));
    expect(h.scheduler.yields).toBeGreaterThanOrEqual(9);
  });

  it('takes requests made by a listener of its own report, and idle() waits for them', async () => {
    const h = harness();
    let asked = false;
    const queue = new FileUpdateQueue<string>({
      read: async (location) => location,
      apply: (location, outcome) => {
        if (outcome.kind === 'read') h.index.set(location, outcome.value);
        return true;
      },
      changed: () => {
        if (asked) return;
        asked = true;
        queue.request('/second', 'read');
      },
      scheduler: h.scheduler,
    });
    queue.request('/first', 'read');
    await queue.idle();
    expect([...h.index.keys()]).toEqual(['/first', '/second']);
  });

  it('applies nothing after dispose', async () => {
    const h = harness();
    h.queue.request('/a', 'read');
    await h.settle();
    h.queue.dispose();
    h.reads[0].resolve('late');
    await h.queue.idle();
    expect(h.index.size).toBe(0);
  });

  it('property: after any interleaving of requests and read completions, each file holds what its last request says', async () => {
    type Step = { op: 'read' | 'remove'; file: number } | { op: 'complete'; pick: number; fail: boolean };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ op: fc.constantFrom<'read' | 'remove'>('read', 'remove'), file: fc.nat(4) }),
      fc.record({ op: fc.constant<'complete'>('complete'), pick: fc.nat(50), fail: fc.boolean() }),
    );
    await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
      const h = harness({ readAhead: 2, sliceMs: 2 });
      // The disk: each file's current version; a read returns what it is when the read answers.
      const disk = new Map<string, number>();
      const expected = new Map<string, string | undefined>();
      const open: Deferred[] = [];
      let seen = 0;
      const collect = () => {
        for (; seen < h.reads.length; seen++) open.push(h.reads[seen]);
      };
      for (const s of steps) {
        if (s.op === 'complete') {
          await h.settle();
          collect();
          if (open.length === 0) continue;
          const [read] = open.splice(s.pick % open.length, 1);
          // A failed read here is a file that vanished and came back: it is read again below.
          if (s.fail) read.reject(new Error('busy'));
          else read.resolve(`${read.location}@${disk.get(read.location) ?? 0}`);
          continue;
        }
        const location = `/f${s.file}`;
        if (s.op === 'read') {
          disk.set(location, (disk.get(location) ?? 0) + 1);
          expected.set(location, `${location}@${disk.get(location)}`);
        } else {
          expected.set(location, undefined);
        }
        h.queue.request(location, s.op);
      }
      // Finish: every read still open answers with the disk as it is now; failed files are asked again.
      for (let round = 0; round < 100 && (h.queue.size > 0 || open.length > 0); round++) {
        await h.settle();
        collect();
        for (const read of open.splice(0)) read.resolve(`${read.location}@${disk.get(read.location) ?? 0}`);
      }
      await h.queue.idle();
      for (const [location, value] of expected) {
        // A read that failed last leaves the index as apply left it (the adapter drops the file).
        const failedLast = h.outcomes.filter(([l]) => l === location).at(-1)?.[1] === 'failed';
        if (failedLast) continue;
        expect(h.index.get(location)).toBe(value);
      }
    }), { numRuns: 100 });
  });
});

/** A scheduler whose timers run only when the test moves the clock. */
function manualClock() {
  let time = 0;
  const timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  const scheduler: HostScheduler = {
    after(ms, callback) {
      const timer = { at: time + ms, callback, cancelled: false };
      timers.push(timer);
      return { cancel: () => { timer.cancelled = true; } };
    },
    yieldToHost: () => Promise.resolve(),
    now: () => time,
  };
  /** Moves the clock by `ms`, running each timer due (and the promises it starts) in order. */
  const advance = async (ms: number) => {
    const end = time + ms;
    for (;;) {
      const due = timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      time = due.at;
      due.callback();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    time = end;
  };
  return { scheduler, advance };
}

describe('RelistSchedule', () => {
  const intervals = { busyMs: 3_000, quietMs: 30_000, busyForMs: 60_000, burstMs: 1_000, costFactor: 10 };

  it('waits ten times as long as the last listing took, so listing a large workspace never takes more than a tenth of the time', async () => {
    const { scheduler: clock, advance } = manualClock();
    let skew = 0;
    // Each listing takes 2 s of the schedule's clock.
    const scheduler: HostScheduler = { ...clock, now: () => clock.now() + skew };
    const schedule = new RelistSchedule(scheduler, async () => { skew += 2_000; }, intervals);
    schedule.start();
    schedule.activity(false); // busy: every 3 s, were listings cheap
    await advance(3_000);
    expect(schedule.runs).toBe(1);
    await advance(19_000);
    expect(schedule.runs).toBe(1); // 2 s a listing: the next one waits 20 s
    await advance(1_000);
    expect(schedule.runs).toBe(2);
    schedule.dispose();
  });

  it('lists every 30 s when quiet, every 3 s for a minute after files came or went, then every 30 s again', async () => {
    const { scheduler, advance } = manualClock();
    const schedule = new RelistSchedule(scheduler, async () => undefined, intervals);
    schedule.start();
    await advance(29_000);
    expect(schedule.runs).toBe(0);
    await advance(1_000);
    expect(schedule.runs).toBe(1);
    schedule.activity(false); // at 30 s: busy until 90 s
    await advance(30_000);
    expect(schedule.runs).toBe(11); // 33, 36, ... 60 s
    await advance(30_000);
    expect(schedule.runs).toBe(21); // ... 90 s
    await advance(60_000);
    expect(schedule.runs).toBe(23); // quiet again: 120, 150 s
    schedule.dispose();
    await advance(120_000);
    expect(schedule.runs).toBe(23);
  });

  it('lists once, 1 s after the last of a burst of created files', async () => {
    const { scheduler, advance } = manualClock();
    const schedule = new RelistSchedule(scheduler, async () => undefined, { ...intervals, busyMs: 100_000 });
    schedule.start();
    for (let i = 0; i < 5; i++) {
      schedule.activity(true);
      await advance(500);
    }
    expect(schedule.runs).toBe(0);
    await advance(500);
    expect(schedule.runs).toBe(1);
    await advance(5_000);
    expect(schedule.runs).toBe(1);
  });

  it('a timed listing due while the user works waits until they pause for 1.5 s (a listing during a move makes the move late)', async () => {
    const { scheduler, advance } = manualClock();
    const schedule = new RelistSchedule(scheduler, async () => undefined, { ...intervals, pauseMs: 1_500, maxDeferMs: 30_000 });
    schedule.start();
    await advance(25_000);
    // A reviewer moving every 0.4 s from 25 s to 35 s.
    for (let t = 25_000; t <= 35_000; t += 400) {
      schedule.interaction();
      await advance(400);
    }
    expect(schedule.runs).toBe(0); // due at 30 s
    await advance(1_200); // 36.6 s: the last move was at 35 s
    expect(schedule.runs).toBe(1);
    await advance(29_000);
    expect(schedule.runs).toBe(1);
    await advance(1_000); // the next one 30 s after the last
    expect(schedule.runs).toBe(2);
    schedule.dispose();
  });

  it('...but never more than maxDeferMs late, and a listing asked for does not wait at all', async () => {
    const { scheduler, advance } = manualClock();
    const schedule = new RelistSchedule(scheduler, async () => undefined, { ...intervals, pauseMs: 1_500, maxDeferMs: 30_000 });
    schedule.start();
    let runsBefore60 = -1;
    for (let t = 0; t < 61_000; t += 400) {
      schedule.interaction();
      await advance(400);
      if (t === 59_200) runsBefore60 = schedule.runs; // the clock at 59.6 s
    }
    expect(runsBefore60).toBe(0); // due at 30 s, deferred to 60 s at most
    expect(schedule.runs).toBe(1);
    schedule.interaction();
    void schedule.now();
    expect(schedule.runs).toBe(2);
    schedule.dispose();
  });

  it('never lists before start() (the first scan), even after a burst', async () => {
    const { scheduler, advance } = manualClock();
    const schedule = new RelistSchedule(scheduler, async () => undefined, intervals);
    schedule.activity(true);
    await advance(100_000);
    expect(schedule.runs).toBe(0);
  });

  it('never overlaps listings: asked while one runs, exactly one more follows it, and each caller waits for a listing taken after it asked', async () => {
    const { scheduler } = manualClock();
    const finish: (() => void)[] = [];
    const schedule = new RelistSchedule(scheduler, () => new Promise<void>((resolve) => finish.push(resolve)), intervals);
    const first = schedule.now();
    const second = schedule.now();
    const third = schedule.now();
    expect(second).toBe(third);
    expect(finish).toHaveLength(1);
    let secondDone = false;
    void second.then(() => { secondDone = true; });
    finish[0]();
    await first;
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(finish).toHaveLength(2); // the follow-up started only after the first ended
    expect(secondDone).toBe(false);
    finish[1]();
    await second;
    expect(schedule.runs).toBe(2);
  });
});

describe('changedStamps', () => {
  it('finds the files whose stamp changed since they were read, skips those it cannot stamp, and yields between slices', async () => {
    const scheduler = testScheduler();
    const disk = new Map([['/a', '1:10'], ['/b', '2:10'], ['/c', '3:10']]);
    const recorded = new Map([['/a', '1:10'], ['/b', '1:10'], ['/c', '3:10'], ['/gone', '4:10']]);
    const stampNow = (location: string) => {
      scheduler.time += 5;
      return disk.get(location);
    };
    expect(await changedStamps(recorded, stampNow, scheduler, 8)).toEqual(['/b']);
    expect(scheduler.yields).toBe(2);
  });
});
