import { describe, expect, it } from 'vitest';
import { folderFor } from '../../../electron/core/library/reconcile.js';
import { isPhotoPath } from '../../../electron/core/adapters/photoFiles.js';

const folders = [
  { id: 1, path: '/photos', addedAt: 0, lastScanAt: null },
  { id: 2, path: '/photos-archive', addedAt: 0, lastScanAt: null },
];

describe('folderFor', () => {
  it('matches by whole path segments, never by string prefix', () => {
    expect(folderFor(folders, '/photos/a.jpg')?.id).toBe(1);
    expect(folderFor(folders, '/photos-archive/a.jpg')?.id).toBe(2);
    expect(folderFor(folders, '/photosX/a.jpg')).toBeUndefined();
    expect(folderFor(folders, '/photos')).toBeUndefined();
  });
});

describe('isPhotoPath', () => {
  it('takes photo extensions in any case and skips hidden files', () => {
    expect(isPhotoPath('/a/IMG_1.JPG')).toBe(true);
    expect(isPhotoPath('/a/x.heic')).toBe(true);
    expect(isPhotoPath('/a/x.HIF')).toBe(true);
    expect(isPhotoPath('/a/notes.txt')).toBe(false);
    expect(isPhotoPath('/a/._IMG_1.JPG')).toBe(false);
  });
});
