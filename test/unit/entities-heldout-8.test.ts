import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldText, parseMarked, seedText } from '../../scripts/marked-news';

const dir = path.join(__dirname, '../fixtures/heldout');

describe('held-out news part 8 (representative wire news, hand-annotated, for eval:entities)', () => {
  it('the committed seed and gold files are the conversion of news-8.marked.txt', () => {
    const part8 = parseMarked(readFileSync(path.join(dir, 'news-8.marked.txt'), 'utf8'), 0, 'news-8');
    expect(part8.length).toBe(30);
    expect(readFileSync(path.join(dir, 'heldout-news-8.seed'), 'utf8')).toBe(seedText(part8));
    expect(readFileSync(path.join(dir, 'heldout-news-8.gold.jsonl'), 'utf8')).toBe(goldText(part8));
    const count = (type: string): number => part8.reduce((n, a) => n + a.entities.filter((e) => e.type === type).length, 0);
    expect(['PER', 'LOC', 'ORG', 'MISC'].map(count)).toEqual([141, 234, 154, 65]);
  });
});
