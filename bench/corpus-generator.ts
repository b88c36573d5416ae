/**
 * Deterministic generator of realistic seed corpora for benchmarks: article-like documents of
 * roughly 1-3 KB (varied sentences, names, places, numbers, quotes and non-ASCII such as
 * ’ “ ” é), attributes, comments, and a sprinkling of malformed delimiters.
 */

/** Options of generateCorpus. */
export interface CorpusOptions {
  /** Approximate size of the result in UTF-16 code units (close to UTF-8 bytes for this text). */
  targetBytes: number;
  /** PRNG seed: the same seed gives the same corpus. */
  seed?: number;
  /** Fraction of documents with one malformed delimiter (0..1). Default 0.01. */
  malformedRate?: number;
  /** Range of a document's body size in characters. Default [1000, 3000]; [500, 1600] gives about 10,000 documents in 10 MB. */
  documentChars?: readonly [number, number];
}

/** mulberry32: small, fast, deterministic; benchmarks use it too, so their samples repeat. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Maria', 'José', 'Amélie', 'Oleksandr', 'Aisha', 'Kenji', 'Liam', 'Fatima', 'Søren', 'Chloé', 'Dmitri', 'Priya', 'Tomás', 'Ngozi', 'Hannah', 'Mehmet'];
const LAST = ['Kowalski', 'García', 'Lefèvre', 'Shevchenko', 'Okafor', 'Tanaka', 'O’Brien', 'Haddad', 'Lindqvist', 'Müller', 'Ivanova', 'Sharma', 'Costa', 'Nakamura', 'Brennan', 'Yılmaz'];
const PLACES = ['Kharkiv', 'Lyon', 'São Paulo', 'Nairobi', 'Osaka', 'Rotterdam', 'Izium', 'Kraków', 'Montréal', 'Dublin', 'Ankara', 'Mumbai', 'Porto Alegre', 'Zürich', 'Lagos', 'Tromsø'];
const ORGS = ['the health ministry', 'Reuters', 'the European Commission', 'the port authority', 'the central bank', 'Al Jazeera', 'the city council', 'the World Bank', 'the union', 'NATO', 'the electoral commission', 'the Red Cross'];
const VERBS = ['said', 'announced', 'warned', 'confirmed', 'denied', 'reported', 'estimated', 'told reporters', 'argued', 'insisted'];
const TOPICS = ['the new budget', 'the ceasefire talks', 'rising food prices', 'the flood defences', 'the rail strike', 'the vaccine rollout',
  'the trade agreement', 'the election results', 'the housing shortage', 'the water supply', 'the bridge repairs', 'the fishing quotas'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUOTES = ['we will not give up', 'this is only the beginning', 'the numbers speak for themselves', 'nobody expected it to happen so fast',
  'we need more time', 'it’s a difficult moment for everyone', 'the decision was unanimous', 'our priority is safety'];
const HEAD = ['{P} braces for {T} as {O} issues warning', '{N} {L} residents protest over {T}', '{F} {S}: “{Q}”',
  '{O} backs {T} after weeks of debate', 'Thousands gather in {P} ahead of vote on {T}', '{P} counts the cost of {T}'];
const SENT = [
  '{O} {V} on {D} that {T} would cost about {M} million euros.',
  '“{Q},” {F} {S}, a spokesperson for {O}, {V}.',
  'In {P}, some {N} people were affected, according to figures released on {D}.',
  'Officials in {P} {V} that {T} had been delayed until {Y}.',
  '{F} {S}, who has lived in {P} for {K} years, said: “{Q}.”',
  'The figure rose by {K}.{K2}% compared with the same period in {Y}.',
  'Critics said {T} was “badly planned” and urged {O} to reconsider.',
  'By late {D}, more than {N} had signed the petition organised in {P}.',
  'Analysts at {O} expect {T} to dominate the agenda until {Y}.',
  'It was the {K}th such incident in {P} this year, local media reported.',
];

/** Generates a seed corpus of about `targetBytes` (deterministic given `seed`). */
export function generateCorpus(options: CorpusOptions): string {
  return generateCorpusDetailed(options).text;
}

/**
 * generateCorpus, also telling how many documents it wrote and how many of them carry one
 * malformed delimiter (each should give exactly one diagnostic).
 */
export function generateCorpusDetailed(options: CorpusOptions): { text: string; documents: number; malformed: number } {
  const rand = prng(options.seed ?? 1);
  const malformedRate = options.malformedRate ?? 0.01;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_m, k: string) => {
    switch (k) {
      case 'P': return pick(PLACES);
      case 'O': return pick(ORGS);
      case 'V': return pick(VERBS);
      case 'T': return pick(TOPICS);
      case 'D': return pick(DAYS);
      case 'Q': return pick(QUOTES);
      case 'F': return pick(FIRST);
      case 'S': return pick(LAST);
      case 'L': return pick(['angry', 'worried', 'jubilant', 'frustrated']);
      case 'M': return String(int(2, 900));
      case 'N': return int(100, 99999).toLocaleString('en-US');
      case 'K': return String(int(2, 40));
      case 'K2': return String(int(0, 9));
      case 'Y': return String(int(1996, 2026));
      default: return k;
    }
  });
  const hex = () => {
    let h = '';
    for (let i = 0; i < 16; i++) h += '0123456789abcdef'[int(0, 15)];
    return h;
  };
  const parts: string[] = ['# Generated benchmark corpus\n\n'];
  let size = parts[0].length;
  let seq = 0;
  let malformed = 0;
  while (size < options.targetBytes) {
    const id = `${String(seq++).padStart(3, '0')}_${hex()}`;
    let attrs = '';
    const r = rand();
    if (r < 0.5) attrs += ` status=${pick(['approved', 'rejected', 'flagged', 'unreviewed'])}`;
    if (rand() < 0.5) attrs += ` source=${pick(['reuters', 'ap', 'afp', 'aljazeera', 'bbc'])}`;
    if (rand() < 0.4) attrs += ` date=${int(2015, 2025)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
    if (rand() < 0.15) attrs += ` note="${pick(['check the figures', 'verify “quote”', 'second source needed', 'translated from French'])}"`;
    let open = `<<< ${id}${attrs}`;
    let close = `>>> ${id}`;
    if (rand() < malformedRate) {
      malformed++;
      switch (int(0, 5)) {
        case 0: open = `<< ${id}${attrs}`; break;
        case 1: close = `>>>> ${id}`; break;
        case 2: close = ''; break; // never closed
        case 3: open = `«< ${id}${attrs}`; break;
        case 4: close = `>>>\t${id}`; break;
        default: close = `>>> ${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`; break;
      }
    }
    const lines = [open, fill(pick(HEAD))];
    const target = int(...(options.documentChars ?? [1000, 3000]));
    let docSize = lines[1].length;
    while (docSize < target) {
      let para = '';
      const n = int(2, 5);
      for (let i = 0; i < n; i++) para += (i ? ' ' : '') + fill(pick(SENT));
      if (rand() < 0.08) lines.push('');
      lines.push(para);
      docSize += para.length + 1;
    }
    if (close) lines.push(close);
    if (rand() < 0.05) lines.push('', `# batch ${seq}`);
    lines.push('');
    const block = lines.join('\n') + '\n';
    parts.push(block);
    size += block.length;
  }
  return { text: parts.join(''), documents: seq, malformed };
}
