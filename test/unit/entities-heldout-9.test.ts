import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldText, parseMarked, seedText } from '../../scripts/marked-news';

const dir = path.join(__dirname, '../fixtures/heldout');

describe('held-out news part 9 (representative wire news, for eval:entities)', () => {
  it('the committed seed and gold files are the conversion of news-9.marked.txt', () => {
    const part9 = parseMarked(readFileSync(path.join(dir, 'news-9.marked.txt'), 'utf8'), 0, 'news-9');
    expect(part9.length).toBe(30);
    expect(readFileSync(path.join(dir, 'heldout-news-9.seed'), 'utf8')).toBe(seedText(part9));
    expect(readFileSync(path.join(dir, 'heldout-news-9.gold.jsonl'), 'utf8')).toBe(goldText(part9));
    const count = (type: string): number => part9.reduce((n, a) => n + a.entities.filter((e) => e.type === type).length, 0);
    expect(['PER', 'LOC', 'ORG', 'MISC'].map(count)).toEqual([138, 173, 199, 48]);
  });
});
