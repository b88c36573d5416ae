import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldText, parseMarked, seedText } from '../../scripts/marked-news';

const dir = path.join(__dirname, '../fixtures/heldout');
const parts = ['news-1', 'news-2', 'news-3'].map((p) => path.join(dir, `${p}.marked.txt`));

describe('held-out news (hand-annotated, for eval:entities)', () => {
  it('turns [TYPE words] marks into gold spans with body offsets', () => {
    const [a] = parseMarked('# comment\n[ORG Acme] opens plant\nChief [PER Ann Lee] said [LOC Oslo], not [MISC Norwegian] firms, won.\n');
    expect(a.lines).toEqual(['Acme opens plant', 'Chief Ann Lee said Oslo, not Norwegian firms, won.']);
    const body = a.lines.join('\n');
    expect(a.entities.map((e) => [e.type, body.slice(e.start, e.end)])).toEqual([['ORG', 'Acme'], ['PER', 'Ann Lee'], ['LOC', 'Oslo'], ['MISC', 'Norwegian']]);
    expect(a.id).toMatch(/^000_[0-9a-f]{16}$/);
  });

  it('names the line of a stray bracket', () => {
    expect(() => parseMarked('Headline\nA [PERSON Ann] line\n', 0, 'x.txt')).toThrow('x.txt:2:');
  });

  it('the committed seed and gold files are the conversion of the marked articles', () => {
    const articles = parts.flatMap((() => {
      let n = 0;
      return (file: string) => {
        const out = parseMarked(readFileSync(file, 'utf8'), n, file);
        n += out.length;
        return out;
      };
    })());
    expect(readFileSync(path.join(dir, 'heldout-news.seed'), 'utf8')).toBe(seedText(articles));
    expect(readFileSync(path.join(dir, 'heldout-news.gold.jsonl'), 'utf8')).toBe(goldText(articles));
    expect(articles.length).toBe(25);
  });

  // Parts 4-9: one marked file each; articles and PER / LOC / ORG / MISC marks as committed.
  const singleParts: [part: number, articles: number, counts: number[]][] = [
    [4, 10, [31, 59, 51, 7]],
    [5, 14, [22, 67, 104, 13]],
    [6, 20, [40, 101, 172, 26]],
    [7, 23, [51, 151, 155, 36]],
    [8, 30, [141, 234, 154, 65]],
    [9, 30, [138, 173, 199, 48]],
  ];
  it.each(singleParts)('part %i: the committed seed and gold files are the conversion of its marked file', (part, articles, counts) => {
    const parsed = parseMarked(readFileSync(path.join(dir, `news-${part}.marked.txt`), 'utf8'), 0, `news-${part}`);
    expect(parsed.length).toBe(articles);
    expect(readFileSync(path.join(dir, `heldout-news-${part}.seed`), 'utf8')).toBe(seedText(parsed));
    expect(readFileSync(path.join(dir, `heldout-news-${part}.gold.jsonl`), 'utf8')).toBe(goldText(parsed));
    const count = (type: string): number => parsed.reduce((n, a) => n + a.entities.filter((e) => e.type === type).length, 0);
    expect(['PER', 'LOC', 'ORG', 'MISC'].map(count)).toEqual(counts);
  });
});
