/** What a CLI command may touch, so tests can run commands in-process with captured output. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  /**
   * Replaces the progress line on stderr (an empty text clears it). Only set when stderr is a
   * terminal: in a pipe or a CI log progress would be noise.
   */
  progress?(text: string): void;
}

/** A failure the user caused (bad path, bad input): printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** A subcommand: parses its own arguments and returns the process exit code. */
export type CliCommand = (args: string[], io: CliIO) => Promise<number>;

// C0 controls but tab and line feed, DEL, and the C1 controls (U+009B is a one-character CSI).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The line with every terminal control character written as `\uXXXX`, so a file cannot move the
 * cursor, clear lines or set the window title when its text is printed. In JSON output those
 * characters only occur inside strings (JSON.stringify already escapes C0), where `\uXXXX` is the
 * same string, so JSON stays valid and means the same.
 */
export function escapeControlCharacters(line: string): string {
  return line.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
