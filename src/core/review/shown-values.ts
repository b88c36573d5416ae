/**
 * The values an editor last showed (for example the entity count in each resolved CodeLens), per
 * file and key, so that a change somewhere in the corpus asks the editor to redraw only when a
 * shown value is now different.
 *
 * Why: while the entity index builds, it announces a change every few hundred milliseconds, nearly
 * always about files nobody is looking at. Passing each one on as "lenses changed" kept VS Code's
 * CodeLens request debounced for as long as the build ran, and a focus change then cancelled the
 * pending request: the lenses of a file opened during a build could stay missing.
 */
export class ShownValues<V> {
  private readonly shown = new Map<string, Map<string, V>>();

  /** Records that `value` is shown for `key` in `file` (replacing what was shown before). */
  record(file: string, key: string, value: V): void {
    let values = this.shown.get(file);
    if (!values) {
      values = new Map();
      this.shown.set(file, values);
    }
    values.set(key, value);
  }

  /** Forgets a file's shown values (its lenses are being replaced, or it was closed). */
  forget(file: string): void {
    this.shown.delete(file);
  }

  /** Forgets every shown value (all lenses are being replaced). */
  clear(): void {
    this.shown.clear();
  }

  /**
   * True when `current` gives a different value than the one shown for any recorded key.
   * Linear in the number of recorded values, stops at the first difference.
   */
  anyChanged(current: (file: string, key: string) => V): boolean {
    for (const [file, values] of this.shown) {
      for (const [key, value] of values) {
        if (!Object.is(current(file, key), value)) return true;
      }
    }
    return false;
  }
}
