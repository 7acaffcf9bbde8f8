import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { readJson, sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir, sha256File } from '../../helpers/tempDirs.js';

interface BrokenLabel {
  kind: string;
  expected_handling: string;
}

const labels = readJson<Record<string, BrokenLabel>>(sharedData('broken', 'labels.json'));
const neighbours = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg'];

describe('a folder of corrupt, hostile and mislabelled files beside good photos', () => {
  const temp = makeTempDir();
  const photos = path.join(temp.dir, 'photos');
  let library: LibraryService;
  const before = new Map<string, string>();

  beforeAll(async () => {
    for (const file of copyPhotos(sharedData('broken', 'files'), photos)) before.set(file, sha256File(file));
    copyPhotos(sharedData('coco', 'images'), photos, neighbours);
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data') });
    library.addFolder(photos);
    await library.index();
  }, 120_000);

  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('indexes the good neighbours', () => {
    for (const name of neighbours) expect(library.describePhoto(path.join(photos, name)).state).toBe('indexed');
  });

  it.each(Object.entries(labels))('records %s with a verdict and a reason', (name, label) => {
    const photo = library.describePhoto(path.join(photos, name));
    expect(['indexed', 'failed']).toContain(photo.state);
    if (label.expected_handling === 'reject') {
      expect(photo.state, `${name} (${label.kind}) should be rejected`).toBe('failed');
    }
    if (label.expected_handling === 'decode-by-content' || label.expected_handling === 'decode-ignore-exif') {
      expect(photo.state, `${name} (${label.kind}) should decode: ${photo.errorReason}`).toBe('indexed');
    }
    if (photo.state === 'failed') {
      expect(photo.errorKind).toMatch(/^(empty|unsupported|corrupt|too-large|unreadable)$/);
      expect(photo.errorReason?.length ?? 0).toBeGreaterThan(5);
    }
  });

  it('lists every failure with its path and reason in the status', () => {
    const status = library.status();
    expect(status.photos.queued).toBe(0);
    expect(status.photos.total).toBe(Object.keys(labels).length + neighbours.length);
    expect(status.failures.length).toBe(status.photos.failed);
    for (const failure of status.failures) expect(failure.reason).toBeTruthy();
  });

  it('leaves the files as they were', () => {
    for (const [file, hash] of before) expect(sha256File(file)).toBe(hash);
  });
});
