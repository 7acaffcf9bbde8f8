import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appAssetPath, contentTypeFor } from '../../../electron/main/protocols/appAssetPath.js';

const root = path.resolve('/opt/Phototag/resources/app.asar/renderer/dist');

describe('app protocol paths', () => {
  it('maps app URLs to files in the renderer build folder', () => {
    expect(appAssetPath(root, 'phototag-app://app/')).toBe(path.join(root, 'index.html'));
    expect(appAssetPath(root, 'phototag-app://app/index.html')).toBe(path.join(root, 'index.html'));
    expect(appAssetPath(root, 'phototag-app://app/assets/index-3f2a.js?v=1#x')).toBe(path.join(root, 'assets', 'index-3f2a.js'));
    expect(appAssetPath(root, 'phototag-app://app/assets/my%20font.woff2')).toBe(path.join(root, 'assets', 'my font.woff2'));
  });

  it('never leaves the build folder', () => {
    // Dot segments, plain or as %2e, are resolved by URL parsing itself (as in a browser), so they stay inside.
    expect(appAssetPath(root, 'phototag-app://app/../../../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(appAssetPath(root, 'phototag-app://app/assets/%2e%2e/%2e%2e/%2e%2e/secret')).toBe(path.join(root, 'secret'));
    for (const url of [
      'phototag-app://app/%2e%2e%2f%2e%2e%2fsecret',
      'phototag-app://app/..%5c..%5csecret',
      'phototag-app://app/C:%5CWindows%5Cwin.ini',
      'phototag-app://app/C:/Windows/win.ini',
      'phototag-app://app/index.html%00.png',
      'phototag-app://app/%E0%A4%A',
      'phototag-app://other/index.html',
      'phototag-app://user@app/index.html',
      'phototag-media://app/index.html',
      'file:///etc/passwd',
      'garbage',
    ]) {
      expect(appAssetPath(root, url), url).toBeNull();
    }
  });

  it('gives module scripts a JavaScript type whatever the OS thinks', () => {
    expect(contentTypeFor('/x/assets/index.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/index.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});
