/**
 * Prints a benchmark line from inside the extension host. The offline runner only forwards
 * console lines that carry its marker, so the figures reach the terminal and CI logs.
 */
export function report(line: string): void {
  console.log(`${process.env.SEED_TEST_CONSOLE_MARKER ?? ''}${line}`);
}
