// Runs inside a real VS Code as extensionTestsPath, bundled for platform browser
// (out/web-test/web-bench.js), once in the web worker extension host and once in the Node one
// (scripts/vscode/run-bench.mjs web): activation time, and parse + diagnostics of a 20 MB corpus
// with the same code on the same text, so the runner can print the ratio of the two hosts.
import * as vscode from 'vscode';
import { generateCorpus } from '../corpus-generator';
import { parseSeed } from '../../src/core/parser';

/** The runner's console marker (CONSOLE_MARKER in scripts/vscode/run-offline.mjs). */
const MARKER = '@@seed-test@@ ';
const say = (text: string): void => console.log(`${MARKER}${text}`);
const RUNS = 7;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Called by VS Code once the window is up. */
export async function run(): Promise<void> {
  const host = typeof process === 'undefined' ? 'web' : 'node';
  const extension = vscode.extensions.getExtension('seed-review.seed-review');
  if (!extension) throw new Error('seed-review.seed-review is not loaded');
  const wasActive = extension.isActive;
  let start = performance.now();
  await extension.activate();
  const activation = performance.now() - start;
  say(`web-bench ${host} activation: ${activation.toFixed(1)} ms${wasActive ? ' (was already active: not measured)' : ''}`);

  const text = generateCorpus({ targetBytes: 20e6, seed: 42, malformedRate: 0.01 });
  let sink = 0;
  for (let i = 0; i < 2; i++) sink += parseSeed(text).diagnostics.length;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    start = performance.now();
    const result = parseSeed(text);
    samples.push(performance.now() - start);
    sink += result.diagnostics.length;
  }
  say(`web-bench ${host} parse 20 MB: median ${median(samples).toFixed(1)} ms, best ${Math.min(...samples).toFixed(1)} ms, ${RUNS} runs (seed 42, ${(text.length / 1e6).toFixed(1)} M chars, ${sink} diagnostics counted)`);
  say('0 passed, 0 failed');
}
