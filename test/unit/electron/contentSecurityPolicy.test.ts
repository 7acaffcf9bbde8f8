import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/main/security/contentSecurityPolicy.js';

const directives = new Map(
  contentSecurityPolicy.split(';').map((part) => {
    const [name = '', ...sources] = part.trim().split(/\s+/);
    return [name, sources] as const;
  }),
);

describe('content security policy', () => {
  it('denies by default and allows scripts from our bundle only: no inline code, no eval, no remote hosts', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('loads nothing from the network: every source is our own origin, our media scheme or inline data', () => {
    const allowed = new Set(["'self'", "'none'", 'data:', 'phototag-media:']);
    for (const [name, sources] of directives) {
      for (const source of sources) expect(allowed.has(source), `${name} ${source}`).toBe(true);
    }
    expect(directives.get('img-src')).toContain('phototag-media:');
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});
