/**
 * Which documents of a large file get review CodeLenses: those in and near the lines the editors
 * show, instead of all of them.
 *
 * Why: VS Code's CodeLens contribution makes one view zone (a lens line) for every lens line it is
 * given, in the whole file, whenever lenses arrive, and walks all of them on each scroll. A 10 MB
 * corpus of 10,067 documents gave it 30,201 lenses in 10,067 view zones: in the hover benchmark's
 * renderer profiles, one task of 454-557 ms while the file opened, with hovers waiting behind it
 * (docs/benchmarks.md, Entities, session 4).
 * Only the lenses of the lines on screen are ever read; VS Code resolves only those.
 *
 * The rule: below `minDocuments` documents a file gets all its lenses (nothing changes for the
 * usual corpus). From there on, lenses are given for the documents starting within `margin` lines
 * of each visible range (the window). When a visible range comes closer than `edge` lines to its
 * window's end (and that end is not the file's), the editor is asked for new lenses, centred on
 * where it now is. With the defaults a scroll must cover 1,500 lines (some 35 screens of 40 lines)
 * within the time VS Code takes to ask again (its debounce, a quarter second or more) before a
 * line without its lens could be seen; a jump (Go
 * to Line, Ctrl+End, the Outline) shows its lenses once VS Code has asked again. VS Code keeps the
 * scroll position when lens lines are added or removed above the view.
 *
 * Pure: lines are 0-based, spans inclusive; the adapter (src/features/review/codelens.ts) gives
 * the visible ranges and asks VS Code again when told to.
 */
import { spanIndexAt } from '../line-spans';

/** A range of lines, 0-based, both ends included. */
export interface LineSpan {
  readonly start: number;
  readonly end: number;
}

/** The window's sizes (see the module comment). */
export interface LensWindowOptions {
  /** Files with at least this many documents are windowed; smaller ones get every lens. */
  readonly minDocuments: number;
  /** Lines each side of a visible range whose documents get lenses. */
  readonly margin: number;
  /** A visible range closer than this to its window's end (not the file's) asks for new lenses. */
  readonly edge: number;
}

/** Defaults: windowed from 2,000 documents; 3,000 lines each side, asked again within 1,500. */
export const LENS_WINDOW_DEFAULTS: LensWindowOptions = { minDocuments: 2000, margin: 3000, edge: 1500 };

/**
 * The window for visible ranges: each range widened by `margin` lines on both sides (within the
 * file's `lineCount` lines), sorted, overlapping or touching ones merged. No visible range (the
 * editor's ranges are not known yet): the top of the file, as an editor opened afresh shows it.
 */
export function lensWindow(visible: readonly LineSpan[], lineCount: number, margin: number): LineSpan[] {
  const last = Math.max(0, lineCount - 1);
  const ranges = visible.length > 0 ? visible : [{ start: 0, end: 0 }];
  const widened = ranges
    .map((range) => ({ start: clamp(Math.min(range.start, range.end) - margin, 0, last), end: clamp(Math.max(range.start, range.end) + margin, 0, last) }))
    .sort((a, b) => a.start - b.start);
  const merged: LineSpan[] = [];
  for (const span of widened) {
    const previous = merged[merged.length - 1];
    if (previous && span.start <= previous.end + 1) merged[merged.length - 1] = { start: previous.start, end: Math.max(previous.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

/** True when `line` lies in one of the window's spans (sorted, as lensWindow gives them). */
export function inWindow(window: readonly LineSpan[], line: number): boolean {
  return spanIndexAt(window, line, (span) => span.start, (span) => span.end) >= 0;
}

/**
 * True when the editors' visible ranges call for new lenses: some visible range is not inside
 * one span of the window shrunk by `edge` lines at each end that is not the file's own end.
 */
export function windowOutgrown(window: readonly LineSpan[], visible: readonly LineSpan[], lineCount: number, edge: number): boolean {
  const last = Math.max(0, lineCount - 1);
  return visible.some((range) => {
    const start = Math.min(range.start, range.end);
    const end = Math.max(range.start, range.end);
    return !window.some((span) => start >= (span.start === 0 ? 0 : span.start + edge) && end <= (span.end >= last ? last : span.end - edge));
  });
}

/**
 * The windows given to VS Code, by file (URI string): what a later scroll is compared with.
 * Files below the threshold have no window (every lens was given).
 */
export class LensWindows {
  private readonly given = new Map<string, { window: LineSpan[]; lineCount: number }>();

  constructor(readonly options: LensWindowOptions = LENS_WINDOW_DEFAULTS) {}

  /**
   * The window for a file about to get its lenses, recorded as given; undefined when the file has
   * fewer than `minDocuments` documents (every lens is given; nothing is recorded).
   */
  provide(file: string, documentCount: number, lineCount: number, visible: readonly LineSpan[]): LineSpan[] | undefined {
    if (documentCount < this.options.minDocuments) {
      this.given.delete(file);
      return undefined;
    }
    const window = lensWindow(visible, lineCount, this.options.margin);
    this.given.set(file, { window, lineCount });
    return window;
  }

  /** The window last given for a file (undefined: every lens, or nothing given yet). */
  windowOf(file: string): readonly LineSpan[] | undefined {
    return this.given.get(file)?.window;
  }

  /**
   * The editors of a file now show `visible`: true when its lenses should be asked for again.
   * The next `provide` records the new window, so a scroll asks at most once per window.
   */
  visibleChanged(file: string, visible: readonly LineSpan[]): boolean {
    const given = this.given.get(file);
    if (!given || visible.length === 0) return false;
    if (!windowOutgrown(given.window, visible, given.lineCount, this.options.edge)) return false;
    // Asked once: until VS Code asks and the next window is recorded, more scrolling asks nothing more.
    given.window = lensWindow(visible, given.lineCount, this.options.margin);
    return true;
  }

  /** Forgets a file (closed, or all lenses are being replaced). */
  forget(file: string): void {
    this.given.delete(file);
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
