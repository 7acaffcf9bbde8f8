import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoTextView } from '../../../electron/contract/views.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import type { PhotoTextReader, PhotoWord } from '../../../electron/core/text/TextPass.js';
import { PhotoTextPanel } from '../../../renderer/src/text/PhotoTextPanel.js';
import { ReadingTextLine } from '../../../renderer/src/text/TextReadingSetting.js';
import { PixelAnalyzer } from '../../helpers/pixelAnalyzer.js';
import { photoWithSign } from '../../helpers/signPhotos.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { libraryOverHost, renderApp, type TestLibrary } from './harness.js';

const box = { x: 0.1, y: 0.1, width: 0.1, height: 0.05 };
const read = (...words: string[]): PhotoTextView => ({
  fullText: words.join(' '),
  words: words.map((text) => ({ text, confidence: 90, box })),
  languages: ['eng'],
  readAt: '2026-12-05T00:00:00.000Z',
});
const marked = (container: HTMLElement) => [...container.querySelectorAll('mark')].map((m) => m.textContent);

describe('the "Text in this photo" panel', () => {
  afterEach(() => cleanup());

  it('shows the words read, marking those the search looks for in the text', () => {
    const text = read('Hotel', 'California', 'WiFi:', 'password', 'café');
    const { container, rerender } = render(<PhotoTextPanel text={text} query="text:wifi beach" />);
    expect(screen.getByRole('region', { name: 'Text in this photo' }).textContent).toContain('Hotel California WiFi: password café');
    expect(marked(container)).toEqual(['WiFi:']);
    rerender(<PhotoTextPanel text={text} query={'text:"hotel california" text:pass* text:cafe'} />);
    expect(marked(container)).toEqual(['Hotel', 'California', 'password', 'café']);
    // A word searched for as a tag, or ruled out, is not what the text was searched for.
    rerender(<PhotoTextPanel text={text} query="wifi -text:password tag:hotel" />);
    expect(marked(container)).toEqual([]);
    rerender(<PhotoTextPanel text={text} query={null} />);
    expect(marked(container)).toEqual([]);
    expect(container.textContent).toContain('password');
  });

  it('is not there before the photo is read, nor when no words were found', () => {
    const { container, rerender } = render(<PhotoTextPanel text={null} query="text:wifi" />);
    expect(container.textContent).toBe('');
    rerender(<PhotoTextPanel text={read()} query="text:wifi" />);
    expect(container.textContent).toBe('');
  });

  it('says how many photos are left to read, and nothing once none are', () => {
    const { container, rerender } = render(<ReadingTextLine reading={{ remaining: 1234, read: 5 }} />);
    expect(screen.getByRole('status').textContent).toMatch(/^Reading text: 1,234 left\. /);
    rerender(<ReadingTextLine reading={{ remaining: 0, read: 1239 }} />);
    expect(container.textContent).toBe('');
  });
});

/**
 * tesseract.js takes happy-dom's `document` for a browser and would fetch its worker from a URL, so here the reader
 * is a stand-in that knows each sign photo by its size (the real reader reads them in
 * test/integration/text/textPass.test.ts); everything else is the real app over a real library.
 */
function signReader(signs: ReadonlyMap<string, string>): () => Promise<PhotoTextReader> {
  return () =>
    Promise.resolve({
      // As the real reader, it reads the photo at its reading size (`full`), not the gate's.
      read: async (gateImage, { full }) => {
        const image = full ? await full() : gateImage;
        const words: PhotoWord[] = (signs.get(`${image.width}x${image.height}`) ?? '').split(' ').filter(Boolean).map((text, i) => ({ text, confidence: 90, box: { ...box, x: 0.1 + i * 0.2 } }));
        return { words };
      },
      close: () => Promise.resolve(),
    });
}

describe('text in photos in the running app', () => {
  const temp = makeTempDir('phototag-ui-text-');
  const photos = path.join(temp.dir, 'photos');
  let library: TestLibrary;

  beforeAll(async () => {
    fs.mkdirSync(photos, { recursive: true });
    await photoWithSign('000000000009.jpg', 'BAKERY OPEN', 64, path.join(photos, 'bakery.jpg'));
    await photoWithSign('000000000030.jpg', 'garden museum', 48, path.join(photos, 'garden.jpg'));
    const dataDir = path.join(temp.dir, 'data');
    // coco 000000000009 is 640×480 and 000000000030 640×428, both made 1024 wide with their signs.
    const textReader = signReader(new Map([['1024x768', 'BAKERY OPEN'], ['1024x685', 'garden museum']]));
    const host = await LibraryHost.open({ dataDir, analyzer: new PixelAnalyzer(), textReader, watch: true });
    library = libraryOverHost(host, dataDir, null, () => temp.cleanup());
    // Off before any photo is indexed: the Library screen's switch turns it on.
    await library.call('text.setSettings', { on: false });
    await library.call('folders.add', { path: photos });
  }, 60_000);
  afterAll(async () => {
    await library.close();
  });

  it('reads nothing while the switch is off; switched on, reads every photo and finds them by their words', async () => {
    renderApp(library, '#/library');
    const panel = within(await screen.findByRole('region', { name: 'Text in photos' }, { timeout: 30_000 }));
    await waitFor(() => expect(panel.getByText('2 photos not read.', { exact: false })).toBeTruthy(), { timeout: 30_000 });
    const toggle = panel.getByRole('checkbox', { name: 'Read text in photos' }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect((await library.call('photos.search', { query: 'has:text', limit: 10, offset: 0 })).total).toBe(0);

    fireEvent.click(toggle);
    await waitFor(() => expect(panel.getByText('Every photo has been read.')).toBeTruthy(), { timeout: 60_000 });
    expect((await library.call('text.settings', {})).on).toBe(true);
    const found = await library.call('photos.search', { query: 'text:bakery', limit: 10, offset: 0 });
    expect(found.results.map((r) => path.basename(r.path))).toEqual(['bakery.jpg']);

    cleanup();
    const id = found.results[0]?.id as number;
    renderApp(library, `#/photo/${id}?q=${encodeURIComponent('text:bakery')}`);
    const text = await screen.findByRole('region', { name: 'Text in this photo' }, { timeout: 30_000 });
    expect(text.textContent).toContain('BAKERY OPEN');
    expect(marked(text)).toEqual(['BAKERY']);
  }, 120_000);

  it('adds an installed language: every photo is read again in both, and the last language cannot be taken away', async () => {
    renderApp(library, '#/library');
    const panel = within(await screen.findByRole('region', { name: 'Text in photos' }, { timeout: 30_000 }));
    const languages = within(panel.getByRole('group', { name: 'Languages read' }));
    const english = languages.getByRole('checkbox', { name: 'English' }) as HTMLInputElement;
    // German's data is installed here (@tesseract.js-data/deu, a dev dependency): the list is what is installed.
    const german = (await languages.findByRole('checkbox', { name: 'German' })) as HTMLInputElement;
    expect(english.checked && english.disabled).toBe(true);
    expect(german.checked).toBe(false);

    fireEvent.click(german);
    await waitFor(() => expect((languages.getByRole('checkbox', { name: 'German' }) as HTMLInputElement).checked).toBe(true));
    expect((await library.call('text.settings', {})).languages).toEqual(['eng', 'deu']);
    expect((languages.getByRole('checkbox', { name: 'English' }) as HTMLInputElement).disabled).toBe(false);
    // Read again in the new languages, in the background: the words are stored with them.
    await waitFor(() => expect(panel.getByText('Every photo has been read.')).toBeTruthy(), { timeout: 60_000 });
    const found = await library.call('photos.search', { query: 'text:museum', limit: 10, offset: 0 });
    expect(found.total).toBe(1);
    expect((await library.call('photos.get', { id: found.results[0]?.id as number })).text?.languages).toEqual(['eng', 'deu']);

    const refused = await library.host.call('text.setSettings', { languages: ['eng', 'xyz'] });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'bad-request', message: expect.stringContaining('@tesseract.js-data/xyz') } });
  }, 120_000);
});
