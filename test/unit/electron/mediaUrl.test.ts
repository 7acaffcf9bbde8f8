import { describe, expect, it } from 'vitest';
import type { MediaRequest } from '../../../electron/contract/media.js';
import { mediaUrl, parseMediaUrl } from '../../../electron/main/protocols/mediaUrl.js';

describe('media protocol URLs', () => {
  it('maps thumbnail and original URLs to media requests, and back', () => {
    const requests: MediaRequest[] = [
      { kind: 'thumb', photoId: 42, size: 256 },
      { kind: 'thumb', photoId: 9_007_199_254_740_991, size: 1024 },
      { kind: 'original', photoId: 1 },
      { kind: 'large', photoId: 3 },
    ];
    for (const request of requests) expect(parseMediaUrl(mediaUrl(request))).toEqual(request);
    expect(mediaUrl({ kind: 'thumb', photoId: 42, size: 256 })).toBe('phototag-media://thumb/42/256');
    expect(mediaUrl({ kind: 'original', photoId: 1 })).toBe('phototag-media://photo/1');
    expect(mediaUrl({ kind: 'large', photoId: 3 })).toBe('phototag-media://large/3');
    expect(parseMediaUrl('phototag-media://large/3/2560')).toBeNull();
    // Chromium hands standard-scheme hosts over lower-cased; a fragment never reaches the handler but is harmless.
    expect(parseMediaUrl('phototag-media://THUMB/42/256')).toEqual({ kind: 'thumb', photoId: 42, size: 256 });
    expect(parseMediaUrl('phototag-media://photo/7#zoom')).toEqual({ kind: 'original', photoId: 7 });
  });

  it('refuses anything that is not exactly a photo id (and size), whatever it tries to smuggle in', () => {
    const hostile = [
      'phototag-media://thumb/1/../../../../etc/passwd',
      'phototag-media://thumb/..%2F..%2Fetc%2Fpasswd/256',
      'phototag-media://photo/%2e%2e/%2e%2e/etc/passwd',
      'phototag-media://photo/1%00.jpg',
      'phototag-media://photo//etc/passwd',
      'phototag-media://photo/1/',
      'phototag-media://photo/1/extra',
      'phototag-media://photo/1\\..\\..\\secret',
      'phototag-media://photo/C:/Windows/win.ini',
      'phototag-media://photo/%31',
      'phototag-media://photo/01',
      'phototag-media://photo/0',
      'phototag-media://photo/-1',
      'phototag-media://photo/1e3',
      'phototag-media://photo/0x10',
      'phototag-media://photo/1.5',
      'phototag-media://photo/ 1',
      'phototag-media://photo/99999999999999999',
      'phototag-media://photo/1?path=/etc/passwd',
      'phototag-media://thumb/1/512',
      'phototag-media://thumb/1',
      'phototag-media://thumb/1/256/1024',
      'phototag-media://photo/1/256',
      'phototag-media://file/etc/passwd',
      'phototag-media://user:pass@photo/1',
      'phototag-media://photo:8080/1',
      'phototag-media:///photo/1',
      'phototag-media:photo/1',
      'phototag-app://photo/1',
      'file:///etc/passwd',
      'https://photo/1',
      '/etc/passwd',
      '',
    ];
    for (const url of hostile) expect(parseMediaUrl(url), url).toBeNull();
  });
});
