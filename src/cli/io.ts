/** What a CLI command may touch, so tests can run commands in-process with captured output. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}

/** A failure the user caused (bad path, bad input): printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** A subcommand: parses its own arguments and returns the process exit code. */
export type CliCommand = (args: string[], io: CliIO) => Promise<number>;
