import { describe, expect, it } from 'vitest';
import { NearestFileFinder } from '../../src/core/config/nearest-file';
import { MemoryFileSystem } from '../../src/core/host';

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

describe('nearest file walking up (the editor finds the lexicon file the CLI finds)', () => {
  it('finds the nearest file above each file, its own folder first, for paths and URIs', async () => {
    const fs = MemoryFileSystem.from({
      '/w/.seed-entities.json': 'root',
      '/w/north/.seed-entities.json': 'north',
      '/w/north/deep/a.seed': '',
      '/w/south/deep/b.seed': '',
      'file:///u/x/.seed-entities.json': 'uri',
      'file:///u/x/y/c.seed': '',
    });
    const finder = new NearestFileFinder(fs, '.seed-entities.json');
    const north = await finder.forFile('/w/north/deep/a.seed');
    expect([north?.location, text(north?.bytes)]).toEqual(['/w/north/.seed-entities.json', 'north']);
    expect((await finder.forFile('/w/south/deep/b.seed'))?.location).toBe('/w/.seed-entities.json');
    expect((await finder.forFile('/elsewhere/d.seed'))).toBeUndefined();
    expect((await finder.forFile('file:///u/x/y/c.seed'))?.location).toBe('file:///u/x/.seed-entities.json');
  });

  it('asks each folder once until cleared', async () => {
    const fs = MemoryFileSystem.from({ '/w/a/b/c.seed': '' });
    const finder = new NearestFileFinder(fs, '.seed-review.json');
    expect(await finder.forFile('/w/a/b/c.seed')).toBeUndefined();
    await fs.writeFileAtomic('/w/a/.seed-review.json', new TextEncoder().encode('{}'));
    expect(await finder.forFile('/w/a/b/c.seed')).toBeUndefined(); // cached: nothing was there
    finder.clear();
    expect((await finder.forFile('/w/a/b/c.seed'))?.location).toBe('/w/a/.seed-review.json');
  });
});
