/**
 * What a run of edits left alone in a text: its first `prefix` and last `suffix` characters are
 * those of the text before the edits. Enough to tell which documents of a large corpus an edit
 * cannot have touched, so that what was computed for them (word counts, content hashes) carries
 * over to the next parse instead of being computed again for every keystroke.
 */
export interface TextChange {
  /** Offset of the replaced range, in the text as it was just before this change. */
  rangeOffset: number;
  rangeLength: number;
  /** Length of the inserted text. */
  insertedLength: number;
}

export class UnchangedEnds {
  /** Characters at the start of the text untouched since the base text. */
  prefix: number;
  /** Characters at the end of the text untouched since the base text. */
  suffix: number;
  /** Length of the base text and of the text now. */
  readonly baseLength: number;
  length: number;

  /** Nothing changed yet in a text of `length` characters. */
  constructor(length: number) {
    this.baseLength = length;
    this.length = length;
    this.prefix = length;
    this.suffix = length;
  }

  /**
   * Records the changes of one edit event, applied one after the other as VS Code applies them
   * to its copy of the text (it lists them from the end of the document backwards, so each
   * offset is also valid in the text before the event).
   */
  apply(changes: readonly TextChange[]): void {
    for (const change of changes) {
      this.prefix = Math.min(this.prefix, change.rangeOffset);
      this.suffix = Math.min(this.suffix, this.length - (change.rangeOffset + change.rangeLength));
      this.length += change.insertedLength - change.rangeLength;
    }
    // Defensive: the two ends never overlap, in the base text or in the text now.
    const limit = Math.min(this.length, this.baseLength);
    if (this.prefix > limit) this.prefix = limit;
    if (this.prefix + this.suffix > limit) this.suffix = Math.max(0, limit - this.prefix);
  }

  /** How far characters of the untouched end moved (now minus before). */
  get delta(): number {
    return this.length - this.baseLength;
  }
}
