// What a published extension links to must exist: the README's relative links (vsce rewrites them
// to the repository's pages), and each diagnostic's code link (docs/seed-format.md#seed001...),
// with anchors as GitHub makes them from the headings.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/core/rules';

const root = resolve(__dirname, '..', '..');
const read = (relative: string) => readFileSync(join(root, relative), 'utf8');
const manifest = JSON.parse(read('package.json')) as { repository: { url: string }; bugs: { url: string }; homepage: string };
const repository = manifest.repository.url.replace(/\.git$/, '');

/** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as '-', repeats numbered. */
function githubAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const slug = heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

describe('published links', () => {
  it('the manifest names the repository, its issues and its home page', () => {
    expect(repository).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(manifest.bugs.url).toBe(`${repository}/issues`);
    expect(manifest.homepage.startsWith(repository)).toBe(true);
  });

  it('every diagnostic code links to an anchor of docs/seed-format.md in that repository', () => {
    const convert = read('src/features/convert.ts');
    const base = /Uri\.parse\('([^']+)'\)/.exec(convert.slice(convert.indexOf('diagnosticHelpUri')))?.[1];
    expect(base?.split('#')[0]).toBe(`${repository}/blob/main/docs/seed-format.md`);
    expect(convert).toContain('fragment: diagnostic.code.toLowerCase()');
    const codes = [...read('src/core/types.ts').matchAll(/'(SEED\d{3})'/g)].map((m) => m[1]);
    // Every code of the type is a rule the CLI's SARIF and the docs describe (the list grows: SEED014/015 the ledger's).
    expect(codes.length).toBeGreaterThanOrEqual(15);
    expect(codes).toEqual(rules.map((rule) => rule.code));
    const anchors = githubAnchors(read('docs/seed-format.md'));
    for (const code of codes) expect(anchors, code).toContain(code.toLowerCase());
  });

  it('every relative link of the README names a file of the repository, and an anchor that exists there', () => {
    const readme = read('README.md');
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((link) => !/^[a-z]+:/.test(link));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) {
      const [file, anchor] = link.split('#');
      const target = join(root, file);
      expect(existsSync(target), link).toBe(true);
      if (anchor) expect(githubAnchors(readFileSync(target, 'utf8')), link).toContain(anchor);
    }
    expect(dirname(join(root, 'README.md'))).toBe(root);
  });

  it('every %key% of the manifest has an English string in package.nls.json, and every string there is used', () => {
    const text = read('package.json');
    const keys = new Set([...text.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]));
    const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
    expect(keys.size).toBeGreaterThan(5);
    for (const key of keys) expect(nls[key], key).toBeTypeOf('string');
    for (const key of Object.keys(nls)) expect(keys.has(key), key).toBe(true);
  });

  it('every walkthrough step has markdown media that exists and is done by an action (completionEvents)', () => {
    const walkthroughs = (JSON.parse(read('package.json')) as { contributes: { walkthroughs: { steps: { id: string; media: { markdown: string }; completionEvents: string[] }[] }[] } }).contributes.walkthroughs;
    const steps = walkthroughs.flatMap((w) => w.steps);
    expect(steps.map((s) => s.id)).toEqual(['openSample', 'fixProblem', 'hoverName', 'approve', 'report']);
    for (const step of steps) {
      expect(existsSync(join(root, step.media.markdown)), step.media.markdown).toBe(true);
      expect(step.completionEvents.length, step.id).toBeGreaterThan(0);
      for (const event of step.completionEvents) expect(event).toMatch(/^(onCommand|onContext):seedReview\./);
    }
  });
});
