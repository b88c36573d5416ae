import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCount, progressText, ReviewQueue, type QueueFile, type QueueTarget } from '../../src/core/review/queue';
import type { ReviewStatus } from '../../src/core/types';

/** A file of documents, each three lines long (open, headline, close) with a blank line between. */
function file(folder: string, name: string, statuses: readonly ReviewStatus[]): QueueFile {
  return {
    key: `${folder}/${name}`, folder, name,
    documents: statuses.map((status, i) => ({ startLine: i * 4, endLine: i * 4 + 2, status })),
  };
}

const U: ReviewStatus = 'unreviewed';
const A: ReviewStatus = 'approved';

function queueOf(...files: QueueFile[]): ReviewQueue {
  const queue = new ReviewQueue();
  for (const f of files) queue.set(f);
  return queue;
}

describe('review queue: order', () => {
  it('orders by folder, then file name, in code-unit order whatever order the files came in', () => {
    const queue = queueOf(file('/w/b', '001_x.txt', [U]), file('/w/a', 'z.seed', [U]), file('/w/a', 'B.seed', [U]), file('/w/a', 'a.seed', [U]));
    expect(queue.files().map((f) => f.key)).toEqual(['/w/a/B.seed', '/w/a/a.seed', '/w/a/z.seed', '/w/b/001_x.txt']);
  });

  it('keeps the order when a file changes, and rebuilds it when files come and go', () => {
    const queue = queueOf(file('/w', 'b.seed', [U]), file('/w', 'a.seed', [U]));
    queue.set(file('/w', 'a.seed', [A, A]));
    expect(queue.files().map((f) => f.key)).toEqual(['/w/a.seed', '/w/b.seed']);
    queue.delete('/w/a.seed');
    queue.set(file('/w', 'c.seed', [U]));
    expect(queue.files().map((f) => f.key)).toEqual(['/w/b.seed', '/w/c.seed']);
  });
});

describe('review queue: moves across files', () => {
  const queue = queueOf(file('/w', 'a.seed', [A, U]), file('/w', 'b.seed', []), file('/w/bare', '001_x.txt', [A]), file('/w/bare', '002_y.txt', [U]));

  it('next goes through the file, then to the next file with documents (skipping empty ones), and wraps at the end', () => {
    expect(queue.next({ key: '/w/a.seed', line: 0 })).toEqual({ key: '/w/a.seed', index: 1, wrapped: false });
    expect(queue.next({ key: '/w/a.seed', line: 5 })).toEqual({ key: '/w/bare/001_x.txt', index: 0, wrapped: false });
    expect(queue.next({ key: '/w/bare/001_x.txt', line: 0 })).toEqual({ key: '/w/bare/002_y.txt', index: 0, wrapped: false });
    expect(queue.next({ key: '/w/bare/002_y.txt', line: 0 })).toEqual({ key: '/w/a.seed', index: 0, wrapped: true });
  });

  it('previous goes back through the file, then to the previous file\'s last document, and wraps at the start', () => {
    expect(queue.previous({ key: '/w/a.seed', line: 5 })).toEqual({ key: '/w/a.seed', index: 0, wrapped: false });
    expect(queue.previous({ key: '/w/bare/001_x.txt', line: 0 })).toEqual({ key: '/w/a.seed', index: 1, wrapped: false });
    expect(queue.previous({ key: '/w/a.seed', line: 0 })).toEqual({ key: '/w/bare/002_y.txt', index: 0, wrapped: true });
  });

  it('next unreviewed skips reviewed documents and whole reviewed files, and wraps', () => {
    expect(queue.nextUnreviewed({ key: '/w/a.seed', line: 0 })).toEqual({ key: '/w/a.seed', index: 1, wrapped: false });
    expect(queue.nextUnreviewed({ key: '/w/a.seed', line: 5 })).toEqual({ key: '/w/bare/002_y.txt', index: 0, wrapped: false });
    expect(queue.nextUnreviewed({ key: '/w/bare/002_y.txt', line: 0 })).toEqual({ key: '/w/a.seed', index: 1, wrapped: true });
  });

  it('from no file (no editor, or one outside the workspace) starts at the first document, or the last for previous', () => {
    expect(queue.next({ line: 0 })).toEqual({ key: '/w/a.seed', index: 0, wrapped: false });
    expect(queue.previous({ line: 0 })).toEqual({ key: '/w/bare/002_y.txt', index: 0, wrapped: false });
    expect(queue.nextUnreviewed({ key: '/elsewhere.seed', line: 0 })).toEqual({ key: '/w/a.seed', index: 1, wrapped: false });
  });

  it('the file scope stays inside the file, as before', () => {
    expect(queue.next({ key: '/w/a.seed', line: 5 }, 'file')).toEqual({ key: '/w/a.seed', index: 0, wrapped: true });
    expect(queue.nextUnreviewed({ key: '/w/a.seed', line: 5 }, 'file')).toEqual({ key: '/w/a.seed', index: 1, wrapped: true });
    expect(queue.nextUnreviewed({ key: '/w/bare/001_x.txt', line: 0 }, 'file')).toBeUndefined();
  });

  it('next unreviewed is undefined once everything is reviewed; a single file wraps onto itself', () => {
    const done = queueOf(file('/w', 'a.seed', [A, A]), file('/w', 'b.seed', [A]));
    expect(done.nextUnreviewed({ key: '/w/a.seed', line: 0 })).toBeUndefined();
    expect(done.nextUnreviewed({ line: 0 })).toBeUndefined();
    const one = queueOf(file('/w', 'a.seed', [U, A]));
    expect(one.nextUnreviewed({ key: '/w/a.seed', line: 0 })).toEqual({ key: '/w/a.seed', index: 0, wrapped: true });
    expect(one.next({ key: '/w/a.seed', line: 4 })).toEqual({ key: '/w/a.seed', index: 0, wrapped: true });
    expect(new ReviewQueue().next({ line: 0 })).toBeUndefined();
  });
});

describe('review queue: files ahead', () => {
  it('names the files the next document and next unreviewed moves would open, once each, never the current one', () => {
    const queue = queueOf(file('/w', '001_a.txt', [A]), file('/w', '002_b.txt', [A]), file('/w', '003_c.txt', [U]), file('/w', '004_d.txt', [U]));
    expect(queue.filesAhead({ key: '/w/001_a.txt', line: 0 })).toEqual(['/w/002_b.txt', '/w/003_c.txt']);
    expect(queue.filesAhead({ key: '/w/002_b.txt', line: 0 })).toEqual(['/w/003_c.txt']);
    // From the last file, next wraps to the first; next unreviewed to the first unreviewed.
    expect(queue.filesAhead({ key: '/w/004_d.txt', line: 0 })).toEqual(['/w/001_a.txt', '/w/003_c.txt']);
  });

  it('leaves out moves inside the current file, large files, and everything in the file scope', () => {
    const queue = queueOf(file('/w', 'a.seed', [U, U]), file('/w', 'big.seed', [U, U, U]), file('/w', 'c.seed', [U]));
    expect(queue.filesAhead({ key: '/w/a.seed', line: 0 })).toEqual([]);
    expect(queue.filesAhead({ key: '/w/a.seed', line: 4 }, 'workspace', 2)).toEqual([]);
    expect(queue.filesAhead({ key: '/w/a.seed', line: 4 })).toEqual(['/w/big.seed']);
    expect(queue.filesAhead({ key: '/w/a.seed', line: 4 }, 'file')).toEqual([]);
    expect(queue.filesAhead({ key: 'untitled:Untitled-1', line: 0 })).toEqual([]);
    expect(queue.filesAhead({ line: 0 })).toEqual([]);
  });
});

describe('review queue: progress', () => {
  it('counts every document of every file, kept current as files change and go', () => {
    const queue = queueOf(file('/w', 'a.seed', [A, U, 'flagged']), file('/w', '001_x.txt', ['rejected']));
    expect(queue.progress()).toEqual({ total: 4, reviewed: 3, counts: { unreviewed: 1, approved: 1, rejected: 1, flagged: 1 } });
    queue.set(file('/w', 'a.seed', [A, A, A]));
    queue.delete('/w/001_x.txt');
    expect(queue.progress()).toEqual({ total: 3, reviewed: 3, counts: { unreviewed: 0, approved: 3, rejected: 0, flagged: 0 } });
  });

  it('says it with thousands separators in every locale', () => {
    expect(formatCount(7758)).toBe('7,758');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
    expect(progressText({ total: 7758, reviewed: 1204, counts: { unreviewed: 6554, approved: 1204, rejected: 0, flagged: 0 } })).toBe('1,204 of 7,758 reviewed');
  });
});

describe('review queue: against a flat list (property, fixed seed)', () => {
  // The reference: every document of the queue in one flat list, moves by plain index arithmetic.
  const status = fc.constantFrom<ReviewStatus>('unreviewed', 'approved', 'rejected', 'flagged');
  const files = fc.uniqueArray(
    fc.record({ folder: fc.constantFrom('/w', '/w/a', '/w/b'), name: fc.stringMatching(/^[a-c0-9_]{1,3}\.seed$/), statuses: fc.array(status, { maxLength: 4 }) }),
    { minLength: 1, maxLength: 8, selector: (f) => `${f.folder}/${f.name}` },
  );

  it('next, previous and next unreviewed agree with the flat list after any sequence of changes', () => {
    fc.assert(fc.property(files, fc.array(fc.tuple(fc.nat(), fc.array(status, { maxLength: 4 }))), fc.nat(), fc.nat(), (given, changes, pick, docPick) => {
      const queue = new ReviewQueue();
      const current = new Map(given.map((f) => [`${f.folder}/${f.name}`, file(f.folder, f.name, f.statuses)]));
      for (const f of current.values()) queue.set(f);
      for (const [which, statuses] of changes) {
        const old = [...current.values()][which % current.size];
        const changed = file(old.folder, old.name, statuses);
        current.set(changed.key, changed);
        queue.set(changed);
      }
      const ordered = [...current.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      expect(queue.files().map((f) => f.key)).toEqual(ordered.map((f) => f.key));
      const flat = ordered.flatMap((f) => f.documents.map((doc, index) => ({ key: f.key, index, status: doc.status })));
      const all = flat.length;
      expect(queue.progress().total).toBe(all);
      expect(queue.progress().reviewed).toBe(flat.filter((d) => d.status !== 'unreviewed').length);
      if (all === 0) return;
      const at = docPick % all;
      const here = flat[at];
      const position = { key: here.key, line: here.index * 4 + (pick % 3) };
      const target = (i: number, wrapped: boolean): QueueTarget => ({ key: flat[i].key, index: flat[i].index, wrapped });
      expect(queue.next(position)).toEqual(target((at + 1) % all, at + 1 >= all));
      expect(queue.previous(position)).toEqual(target((at - 1 + all) % all, at - 1 < 0));
      let expected: QueueTarget | undefined;
      for (let k = 1; k <= all && !expected; k++) if (flat[(at + k) % all].status === 'unreviewed') expected = target((at + k) % all, at + k >= all);
      expect(queue.nextUnreviewed(position)).toEqual(expected);
    }), { numRuns: 300 });
  });
});
