// The extension under measurement, found by its package name (its id depends on how it was installed).
import * as vscode from 'vscode';
import type { SeedReviewApi } from '../../src/extension';

/** Activates Seed Review and returns its API; throws when it is not installed or did not activate. */
export async function activatedSeedReview(): Promise<SeedReviewApi> {
  const extension = vscode.extensions.all.find((candidate) => candidate.packageJSON?.name === 'seed-review');
  const api = (await extension?.activate()) as SeedReviewApi | undefined;
  if (!api) throw new Error('the seed-review extension did not activate');
  return api;
}
