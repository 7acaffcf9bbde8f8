import { describe, expect, it } from 'vitest';
import { isInside, isSameOrInside } from '../../../electron/core/paths/isInside.js';

describe('isInside', () => {
  it('is true below the root, by whole path segments', () => {
    expect(isInside('/photos/a.jpg', '/photos')).toBe(true);
    expect(isInside('/photos/2019/a.jpg', '/photos/')).toBe(true);
    expect(isInside('/photos/..hidden/a.jpg', '/photos')).toBe(true);
    expect(isInside('/photos-archive/a.jpg', '/photos')).toBe(false);
    expect(isInside('/photos', '/photos')).toBe(false);
    expect(isInside('/photos/../etc/passwd', '/photos')).toBe(false);
    expect(isInside('/', '/photos')).toBe(false);
  });

  it('holds for the file system root, where root + separator is "//"', () => {
    expect(isInside('/home/me/Pictures', '/')).toBe(true);
    expect(isInside('/', '/')).toBe(false);
  });

  it('isSameOrInside also takes the root itself', () => {
    expect(isSameOrInside('/photos', '/photos/')).toBe(true);
    expect(isSameOrInside('/photos/a', '/photos')).toBe(true);
    expect(isSameOrInside('/photosX', '/photos')).toBe(false);
  });
});
