import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, symlinkSync, lstatSync, mkdirSync, chmodSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../src/node/node-file-system';
import {
  HostFileError, MemoryFileSystem, baseName, decodeSeedText, firstInvalidUtf8Offset, joinLocation, parentLocation, temporarySibling,
} from '../../src/core/host';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('location helpers', () => {
  it('work on paths and URI strings alike', () => {
    expect(joinLocation('/a/b', 'c', 'd.seed')).toBe('/a/b/c/d.seed');
    expect(joinLocation('file:///a/', 'x')).toBe('file:///a/x');
    expect(baseName('vscode-vfs://github/o/r/c.seed')).toBe('c.seed');
    expect(parentLocation('vscode-vfs://github/o/r/c.seed')).toBe('vscode-vfs://github/o/r');
    expect(parentLocation('/c.seed')).toBe('/');
    expect(parentLocation('c.seed')).toBe('.');
    expect(temporarySibling('/a/b/c.seed', 'k1')).toBe('/a/b/.c.seed.k1.tmp');
  });
});

describe('decodeSeedText', () => {
  it('decodes UTF-8 and keeps a BOM as text (offsets stay those of the file)', () => {
    expect(decodeSeedText(bytes('\uFEFFabc é'))).toBe('\uFEFFabc é');
  });
  it('refuses NUL bytes with the offset', () => {
    expect(() => decodeSeedText(new Uint8Array([0x61, 0x62, 0]))).toThrow('a NUL byte at offset 2');
  });
  it('names the first invalid sequence', () => {
    expect(() => decodeSeedText(new Uint8Array([0x61, 0xe9, 0x62]))).toThrow('first bad byte at offset 1');
    expect(firstInvalidUtf8Offset(new Uint8Array([0xc3, 0xa9, 0xe2, 0x82]))).toBe(2); // truncated at the end
    expect(firstInvalidUtf8Offset(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8Offset(new Uint8Array([0xc0, 0x80]))).toBe(0); // overlong
    expect(firstInvalidUtf8Offset(bytes('plain ✓ 𝄞'))).toBe(bytes('plain ✓ 𝄞').length);
  });
});

describe('nodeFileSystem.writeFileAtomic', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'seed-host-'));

  it('replaces the file and leaves no temporary file', async () => {
    const dir = folder();
    const target = join(dir, 'c.seed');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    await nodeFileSystem.writeFileAtomic(target, bytes('new'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['c.seed']);
  });

  it('on failure leaves the target untouched and removes the temporary file', async () => {
    const dir = folder();
    const target = join(dir, 'c.seed');
    mkdirSync(target); // renaming a file over a folder fails after the bytes are written
    writeFileSync(join(target, 'inside'), 'keep');
    await expect(nodeFileSystem.writeFileAtomic(target, bytes('new'))).rejects.toBeInstanceOf(HostFileError);
    expect(readdirSync(dir)).toEqual(['c.seed']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('keep');
  });

  it('replaces a symbolic link instead of writing through it', async () => {
    const dir = folder();
    const outside = join(folder(), 'outside.seed');
    writeFileSync(outside, 'outside');
    symlinkSync(outside, join(dir, 'c.seed'));
    await nodeFileSystem.writeFileAtomic(join(dir, 'c.seed'), bytes('new'));
    expect(readFileSync(outside, 'utf8')).toBe('outside');
    expect(lstatSync(join(dir, 'c.seed')).isSymbolicLink()).toBe(false);
  });

  it('reports errors with codes and words', async () => {
    const dir = folder();
    const error = await nodeFileSystem.readFile(join(dir, 'missing')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostFileError);
    expect((error as HostFileError).code).toBe('not-found');
    expect((error as HostFileError).message).toBe('no such file or folder');
    expect(await nodeFileSystem.stat(join(dir, 'missing'))).toBeUndefined();
    symlinkSync(join(dir, 'missing'), join(dir, 'link'));
    expect((await nodeFileSystem.stat(join(dir, 'link')))?.kind).toBe('symlink');
  });
});

describe('MemoryFileSystem', () => {
  it('behaves as a host: listing, atomic writes, failures that change nothing', async () => {
    const fs = MemoryFileSystem.from({ '/w/a.seed': 'A', '/w/sub/001_0000000000000000.txt': 'B' });
    expect((await fs.readDirectory('/w')).map((e) => `${e.kind}:${e.name}`).sort()).toEqual(['directory:sub', 'file:a.seed']);
    await fs.writeFileAtomic('/w/a.seed', bytes('A2'));
    expect(fs.text('/w/a.seed')).toBe('A2');
    fs.failWrites = { code: 'no-space', afterBytes: 1 };
    await expect(fs.writeFileAtomic('/w/a.seed', bytes('A3'))).rejects.toMatchObject({ code: 'no-space' });
    expect(fs.text('/w/a.seed')).toBe('A2');
    expect(fs.writes).toEqual(['/w/a.seed']);
    await expect(fs.writeFileAtomic('/nowhere/x', bytes('x'))).rejects.toMatchObject({ code: 'not-found' });
  });
});
