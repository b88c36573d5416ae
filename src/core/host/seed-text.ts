/**
 * Decoding a seed file's bytes: strict UTF-8 or a one-line reason. Shared by every host, because
 * guessing an encoding would silently corrupt the offsets every diagnostic stands on.
 */

/** A file's bytes that are not seed text: binary (a NUL byte) or invalid UTF-8, with where. */
export class SeedTextError extends Error {
  constructor(message: string, readonly byteOffset: number) {
    super(message);
  }
}

/** The bytes as text, or a SeedTextError that says why not and at which byte offset. */
export function decodeSeedText(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new SeedTextError(`looks like a binary file (a NUL byte at offset ${nul}); seed files are UTF-8 text`, nul);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8Offset(bytes);
    throw new SeedTextError(`not valid UTF-8 (first bad byte at offset ${bad}); seed files must be UTF-8 text`, bad);
  }
}

/** The text as UTF-8 bytes. */
export function encodeSeedText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * The offset where the first invalid UTF-8 sequence begins, found by one forward scan of the
 * encoding's rules (linear, unlike repeated decoding of prefixes).
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let k = 0;
  while (k < bytes.length) {
    const lead = bytes[k];
    if (lead < 0x80) {
      k++;
      continue;
    }
    let length: number;
    let min: number;
    if (lead >= 0xc2 && lead <= 0xdf) { length = 2; min = 0x80; }
    else if (lead >= 0xe0 && lead <= 0xef) { length = 3; min = 0x800; }
    else if (lead >= 0xf0 && lead <= 0xf4) { length = 4; min = 0x10000; }
    else return k;
    if (k + length > bytes.length) return k;
    let code = lead & (0xff >> (length + 1));
    for (let j = 1; j < length; j++) {
      const next = bytes[k + j];
      if ((next & 0xc0) !== 0x80) return k;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return k;
    k += length;
  }
  return bytes.length;
}
