import { describe, expect, it } from 'vitest';
import { isTrustedSender, type IpcSenderInfo } from '../../../electron/main/security/trustedSender.js';

const ui = { id: 7 };
const topFrame = (url: string): IpcSenderInfo['senderFrame'] => ({ url, parent: null });
const event = (senderId: number, senderFrame: IpcSenderInfo['senderFrame']): IpcSenderInfo => ({ sender: { id: senderId }, senderFrame });

describe('IPC sender validation', () => {
  it('trusts the top frame of our window on one of our app pages', () => {
    expect(isTrustedSender(event(7, topFrame('phototag-app://app/index.html')), ui)).toBe(true);
    expect(isTrustedSender(event(7, topFrame('phototag-app://app/review?tag=dog#top')), ui)).toBe(true);
  });

  it('refuses another webContents, an iframe, a destroyed frame, or no window at all', () => {
    expect(isTrustedSender(event(8, topFrame('phototag-app://app/index.html')), ui)).toBe(false);
    expect(isTrustedSender(event(7, { url: 'phototag-app://app/index.html', parent: { url: 'phototag-app://app/index.html' } }), ui)).toBe(false);
    expect(isTrustedSender(event(7, null), ui)).toBe(false);
    expect(isTrustedSender(event(7, topFrame('phototag-app://app/index.html')), null)).toBe(false);
  });

  it('refuses our window once it shows anything but our app pages', () => {
    for (const url of [
      'https://example.com/',
      'file:///home/me/evil.html',
      'phototag-media://photo/1',
      'phototag-app://evil/index.html',
      'phototag-app://app.evil.com/index.html',
      'phototag-app://user:pw@app/index.html',
      'data:text/html,<script>1</script>',
      'about:blank',
      'not a url',
    ]) {
      expect(isTrustedSender(event(7, topFrame(url)), ui), url).toBe(false);
    }
  });
});
