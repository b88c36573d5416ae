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
    const part4 = parseMarked(readFileSync(path.join(dir, 'news-4.marked.txt'), 'utf8'), 0, 'news-4');
    expect(readFileSync(path.join(dir, 'heldout-news-4.seed'), 'utf8')).toBe(seedText(part4));
    expect(readFileSync(path.join(dir, 'heldout-news-4.gold.jsonl'), 'utf8')).toBe(goldText(part4));
    const part5 = parseMarked(readFileSync(path.join(dir, 'news-5.marked.txt'), 'utf8'), 0, 'news-5');
    expect(part5.length).toBe(14);
    expect(readFileSync(path.join(dir, 'heldout-news-5.seed'), 'utf8')).toBe(seedText(part5));
    expect(readFileSync(path.join(dir, 'heldout-news-5.gold.jsonl'), 'utf8')).toBe(goldText(part5));
    const part6 = parseMarked(readFileSync(path.join(dir, 'news-6.marked.txt'), 'utf8'), 0, 'news-6');
    expect(part6.length).toBe(20);
    expect(readFileSync(path.join(dir, 'heldout-news-6.seed'), 'utf8')).toBe(seedText(part6));
    expect(readFileSync(path.join(dir, 'heldout-news-6.gold.jsonl'), 'utf8')).toBe(goldText(part6));
    const count = (type: string): number => part6.reduce((n, a) => n + a.entities.filter((e) => e.type === type).length, 0);
    expect(['PER', 'LOC', 'ORG', 'MISC'].map(count)).toEqual([40, 101, 172, 26]);
    const part7 = parseMarked(readFileSync(path.join(dir, 'news-7.marked.txt'), 'utf8'), 0, 'news-7');
    expect(part7.length).toBe(23);
    expect(readFileSync(path.join(dir, 'heldout-news-7.seed'), 'utf8')).toBe(seedText(part7));
    expect(readFileSync(path.join(dir, 'heldout-news-7.gold.jsonl'), 'utf8')).toBe(goldText(part7));
    const count7 = (type: string): number => part7.reduce((n, a) => n + a.entities.filter((e) => e.type === type).length, 0);
    expect(['PER', 'LOC', 'ORG', 'MISC'].map(count7)).toEqual([51, 151, 155, 36]);
  });
});
