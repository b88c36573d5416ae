/**
 * Entity workers when the setting says 0 (automatic): one core stays free for the extension
 * host, so hovers and typing never queue behind extraction; at most 4, past which corpus
 * consolidation on the main thread, not tagging, is the bottleneck.
 */
export function automaticWorkerCount(cores: number): number {
  return Math.max(1, Math.min(4, cores - 1));
}
