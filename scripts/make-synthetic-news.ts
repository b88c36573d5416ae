/**
 * Writes the synthetic news fixture (test/fixtures/synthetic-news.seed and .gold.jsonl):
 * invented articles with gold entity spans, for CI's training, evaluation and worker tests. Every
 * sentence is written here from templates and invented names; none comes from any corpus.
 *
 * Usage: npx esbuild scripts/make-synthetic-news.ts --bundle --platform=node --outfile=out/make-synthetic-news.js && node out/make-synthetic-news.js
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../src/core/entities/ner/train';

type Cls = 'PER' | 'LOC' | 'ORG' | 'MISC';

const PEOPLE = ['Marta Kowalczyk', 'Tomas Varga', 'Elena Brightwater', 'Samuel Okonkwo', 'Ingrid Halvorsen', 'Rafael Quintero', 'Amira Haddad',
  'Daniel Fairchild', 'Yuki Tanabe', 'Pieter van Rooyen', 'Lucia Ferraro', 'Oskar Lindqvist', 'Nadia Petrenko', 'George Whitcombe', 'Priya Raman'];
const PLACES = ['Lisbon', 'Tampere', 'Port Aldane', 'Valmora', 'Nairobi', 'Kestrel Bay', 'Osaka', 'Brindlewood', 'Montevideo', 'Castel Rocca',
  'Aberdeen', 'Lake Orvin', 'Santa Lucerna', 'Quebec', 'Kharzan'];
const ORGS = ['Northfield Mining Group', 'Verdant Bank', 'the Baltic Grain Union', 'Helix Motors', 'Arden Telecom', 'the Coastal Rail Authority',
  'Silverline Airways', 'the Orvin Football Club', 'Meridian Press', 'the National Water Board', 'Castor Pharmaceuticals', 'Blue Harbor Insurance'];
const ADJ = ['Valmoran', 'Kharzani', 'Orvinese', 'Aldanian'];

/** Templates: {P} person, {L} place, {O} organisation, {M} nationality (MISC), {P2} another person. */
const HEADLINES = ['{O} PROFIT RISES AS {L} PLANT OPENS', '{P} WINS RE-ELECTION IN {L}', 'Flooding closes roads around {L}',
  '{O} names {P} as chief executive', '{M} minister visits {L}', 'Strike halts trains between {L} and {L2}'];
const SENTENCES = [
  '{P}, the chief executive of {O}, said on Tuesday that the company would open a new plant in {L}.',
  'Shares in {O} rose 4.2 percent in early trading after the results.',
  'Police in {L} said three people were hurt when a bus left the road near {L2}.',
  '{P} told reporters that talks with {O} had been "constructive" and would resume next week.',
  'The {M} government said it would send aid to {L} after the storm.',
  '"We expect a better year," {P} said in a statement issued by {O}.',
  '{O} beat {O2} 2-1 in {L} on Saturday, with {P} scoring twice.',
  'Officials from {O} met {P2} in {L} to discuss the new contract.',
  'In {L}, the mayor {P} opened a bridge that took six years to build.',
  'Analysts at {O} cut their forecast for {L} exports to 3 percent.',
  '{P2} and {P} signed the agreement at a ceremony in {L}.',
  'Traffic was slow on the coast road from {L} to {L2} on Monday morning.',
];

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)];
}

function main(): void {
  const random = seededRandom(20261129);
  const root = path.join(__dirname, '..');
  const seed: string[] = ['# Synthetic news written for the tests (invented sentences and names; see scripts/make-synthetic-news.ts)', ''];
  const gold: string[] = [];
  for (let d = 0; d < 40; d++) {
    const id = `${String(d).padStart(3, '0')}_${(0x5eed0000 + d * 7919).toString(16).padStart(16, '0')}`;
    const spans: { type: Cls; start: number; end: number; text: string }[] = [];
    let body = '';
    const fill = (template: string, caps: boolean): string => {
      let out = '';
      const used = new Map<string, string>();
      const re = /\{(P2|L2|O2|P|L|O|M)\}/g;
      let last = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(template)) !== null) {
        out += caps ? template.slice(last, m.index).toUpperCase() : template.slice(last, m.index);
        const key = m[1];
        const kind = key[0];
        const list = kind === 'P' ? PEOPLE : kind === 'L' ? PLACES : kind === 'O' ? ORGS : ADJ;
        let name = pick(list, random);
        const other = used.get(kind);
        while (other !== undefined && name === other) name = pick(list, random);
        used.set(kind, name);
        if (out.length === 0 || /[.!?"]\s*$/.test(out)) name = name.replace(/^the /, 'The ');
        let written = caps ? name.toUpperCase() : name;
        // "the Baltic Grain Union": the article is not part of the name.
        const article = /^(?:the|The|THE) /.exec(written);
        if (article) {
          out += article[0];
          written = written.slice(article[0].length);
        }
        const type: Cls = kind === 'P' ? 'PER' : kind === 'L' ? 'LOC' : kind === 'O' ? 'ORG' : 'MISC';
        spans.push({ type, start: body.length + out.length, end: body.length + out.length + written.length, text: written });
        out += written;
        last = m.index + m[0].length;
      }
      out += caps ? template.slice(last).toUpperCase() : template.slice(last);
      return out;
    };
    const headlineTemplate = pick(HEADLINES, random);
    body += fill(headlineTemplate, headlineTemplate === headlineTemplate.toUpperCase());
    const paragraphs = 2 + Math.floor(random() * 3);
    for (let p = 0; p < paragraphs; p++) {
      body += '\n';
      const n = 1 + Math.floor(random() * 3);
      for (let s = 0; s < n; s++) {
        if (s > 0) body += ' ';
        body += fill(pick(SENTENCES, random), false);
      }
    }
    seed.push(`<<< ${id}`, ...body.split('\n'), `>>> ${id}`, '');
    gold.push(JSON.stringify({ id, entities: spans }));
  }
  writeFileSync(path.join(root, 'test/fixtures/synthetic-news.seed'), seed.join('\n'));
  writeFileSync(path.join(root, 'test/fixtures/synthetic-news.gold.jsonl'), `${gold.join('\n')}\n`);
}

main();
