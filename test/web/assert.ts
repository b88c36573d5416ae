// The few assertions the web suite uses: Node's `assert` module does not exist in a web worker,
// and a polyfill package would be one more dependency for five functions.

/** An assertion's failure, named as Node's is so mocha prints it the same way. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

/** Fails unless `value` is truthy. */
export function ok(value: unknown, message?: string): asserts value {
  if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${String(value)}`);
}

/** Fails unless actual === expected. */
export function strictEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (actual !== expected) throw new AssertionError(`${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Fails when actual === expected. */
export function notStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (actual === expected) throw new AssertionError(`${message ? `${message}: ` : ''}expected anything but ${JSON.stringify(expected)}`);
}

/** Fails unless `text` matches `pattern`. */
export function match(text: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(text)) throw new AssertionError(`${message ? `${message}: ` : ''}${JSON.stringify(text)} does not match ${pattern}`);
}
