import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeForText } from '../../../electron/core/text/decodeForText.js';
import type { RgbImage } from '../../../native-models/text/TextReader.js';
import { TextReaderThread } from '../../../native-models/text/TextReaderThread.js';
import { TextLanguageMissingError } from '../../../native-models/text/textLanguages.js';
import { photoWithSign } from '../../helpers/signPhotos.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

async function decoded(file: string): Promise<RgbImage> {
  const image = await decodeForText(await sharp(file).toBuffer(), null);
  return { data: image.data, width: image.width, height: image.height, channels: 3 };
}

/** An image made from an SVG (text a font on this machine draws), as the app decodes it for reading. */
async function rendered(svg: string): Promise<RgbImage> {
  const png = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).png().toBuffer();
  const image = await decodeForText(png, null);
  return { data: image.data, width: image.width, height: image.height, channels: 3 };
}

const texts = (reading: { words: { text: string }[] }) => reading.words.map((w) => w.text.toLowerCase());

describe('the text reader in its own thread, with the real tesseract', () => {
  const temp = makeTempDir('phototag-textthread-');
  let reader: TextReaderThread;
  let sign: RgbImage;

  beforeAll(async () => {
    reader = await TextReaderThread.open({ languages: ['eng'], timeoutMs: 20_000 });
    const file = path.join(temp.dir, 'bakery.jpg');
    await photoWithSign('000000000009.jpg', 'BAKERY OPEN', 64, file);
    sign = await decoded(file);
  }, 60_000);
  afterAll(async () => {
    await reader.close();
    temp.cleanup();
  });

  it('reads a sign, with each word boxed in shares of the photo', async () => {
    const reading = await reader.read(sign);
    expect(texts(reading)).toEqual(expect.arrayContaining(['bakery', 'open']));
    for (const word of reading.words) {
      expect(word.box.x).toBeGreaterThanOrEqual(0);
      expect(word.box.x + word.box.width).toBeLessThanOrEqual(1.001);
      expect(word.box.y + word.box.height).toBeLessThanOrEqual(1.001);
    }
  }, 60_000);

  it('reads the sign turned a quarter, a half and three quarters round, each word boxed where it is', async () => {
    // The sign's plate in the upright photo (photoWithSign: 64-px words at x 40, y 60), in shares.
    const plate = { x0: 40 / sign.width, y0: 60 / sign.height, x1: (40 + 11 * 64 * 0.7 + 50) / sign.width, y1: (60 + 64 * 1.6) / sign.height };
    for (const angle of [90, 180, 270] as const) {
      const turned = await sharp(sign.data, { raw: { width: sign.width, height: sign.height, channels: 3 } }).rotate(angle).raw().toBuffer({ resolveWithObject: true });
      const reading = await reader.read({ data: turned.data, width: turned.info.width, height: turned.info.height, channels: 3 });
      expect(texts(reading), `turned ${angle}°`).toEqual(expect.arrayContaining(['bakery', 'open']));
      const bakery = reading.words.find((w) => w.text.toLowerCase() === 'bakery');
      // Its centre, turned back (sharp turns clockwise), lies on the plate.
      const cx = (bakery?.box.x ?? 0) + (bakery?.box.width ?? 0) / 2;
      const cy = (bakery?.box.y ?? 0) + (bakery?.box.height ?? 0) / 2;
      const [x, y] = angle === 90 ? [cy, 1 - cx] : angle === 180 ? [1 - cx, 1 - cy] : [1 - cy, cx];
      expect(x, `turned ${angle}°`).toBeGreaterThan(plate.x0);
      expect(x, `turned ${angle}°`).toBeLessThan(plate.x1);
      expect(y, `turned ${angle}°`).toBeGreaterThan(plate.y0);
      expect(y, `turned ${angle}°`).toBeLessThan(plate.y1);
    }
  }, 60_000);

  it('stores no words from noise, nor from a script the installed language does not read', async () => {
    const noise = Buffer.alloc(1024 * 768 * 3);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = seed >> 23;
    }
    expect((await reader.read({ data: noise, width: 1024, height: 768, channels: 3 })).words).toEqual([]);
    const greek = await rendered(
      `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="400"><rect width="1024" height="400" fill="#fff"/>
      <text x="40" y="150" font-family="DejaVu Sans" font-size="72" fill="#111">Καλημέρα κόσμε</text>
      <text x="40" y="300" font-family="DejaVu Sans" font-size="72" fill="#111">Здравствуй мир</text></svg>`,
    );
    const reading = await reader.read(greek);
    expect(reading.regions).toBeGreaterThan(0);
    expect(texts(reading)).toEqual([]);
  }, 60_000);

  /** A phone's long screenshot of an order history: 60 lines of 40-px text down 12,000 px. */
  const longScreenshot = () => {
    const lines = Array.from({ length: 60 }, (_, i) => `<text x="40" y="${180 + i * 196}" font-family="DejaVu Sans" font-size="40" fill="#111">Order number ${1000 + i} delivered on Monday</text>`);
    return rendered(`<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="12000"><rect width="1080" height="12000" fill="#fff"/>${lines.join('')}</svg>`);
  };
  const screenshotWord = (word: string) => ['order', 'number', 'delivered', 'on', 'monday'].includes(word) || /^10[0-5]\d$/.test(word);

  it('reads the lines of a 12,000-px-long screenshot, looked at whole by the gate', async () => {
    const screenshot = await longScreenshot();
    // The app reads about 4 megapixels of it (decodeForText): its lines stay readable, the work stays bounded.
    expect(screenshot.width * screenshot.height).toBeLessThanOrEqual(4_000_000);
    const reading = await reader.read(screenshot);
    expect(reading.timedOut).toBe(false);
    expect(texts(reading)).toEqual(expect.arrayContaining(['order', 'delivered', 'monday']));
    expect(texts(reading).filter((w) => !screenshotWord(w))).toEqual([]);
  }, 120_000);

  it('stops a reading at its time limit with what it read by then, and reads on after it', async () => {
    const screenshot = await longScreenshot();
    const limited = await TextReaderThread.open({ languages: ['eng'], timeoutMs: 100 });
    try {
      for (let i = 0; i < 2; i++) {
        // Tesseract's worker is ended at the limit; the next reading starts a new one.
        const reading = await limited.read(screenshot);
        expect(reading.timedOut).toBe(true);
        expect(texts(reading).filter((w) => !screenshotWord(w))).toEqual([]);
      }
    } finally {
      await limited.close();
    }
  }, 120_000);

  it('gives a withdrawn reading up with the error the text pass looks for', async () => {
    const withdrawn = new AbortController();
    withdrawn.abort();
    await expect(reader.read(sign, { signal: withdrawn.signal })).rejects.toMatchObject({ name: 'TextReadWithdrawnError' });
    expect(texts(await reader.read(sign))).toEqual(expect.arrayContaining(['bakery']));
  }, 60_000);

  it('fails the reading under way when its thread dies, and starts a new thread for the next', async () => {
    const crashing = await TextReaderThread.open({ languages: ['eng'] });
    try {
      const reading = crashing.read(sign);
      const thread = await (crashing as unknown as { thread: Promise<Worker> }).thread;
      await thread.terminate();
      await expect(reading).rejects.toThrow(/thread stopped/);
      expect(texts(await crashing.read(sign))).toEqual(expect.arrayContaining(['bakery']));
    } finally {
      await crashing.close();
    }
  }, 60_000);

  it('reads German with the German data beside the English (an installed @tesseract.js-data package)', async () => {
    const file = path.join(temp.dir, 'baeckerei.jpg');
    await photoWithSign('000000000025.jpg', 'Bäckerei Straße', 56, file);
    const german = await decoded(file);
    const both = await TextReaderThread.open({ languages: ['deu', 'eng'] });
    try {
      expect(texts(await both.read(german))).toEqual(expect.arrayContaining(['bäckerei', 'straße']));
      // English words are read as before.
      expect(texts(await both.read(sign))).toEqual(expect.arrayContaining(['bakery', 'open']));
    } finally {
      await both.close();
    }
    // English alone has no ä or ß: whatever it makes of them is not these words.
    expect(texts(await reader.read(german))).not.toContain('bäckerei');
  }, 60_000);

  it('refuses a language that is not installed when it opens, naming its package', async () => {
    const opening = TextReaderThread.open({ languages: ['xyz'] });
    await expect(opening).rejects.toBeInstanceOf(TextLanguageMissingError);
    await expect(opening).rejects.toThrow(/@tesseract\.js-data\/xyz/);
  }, 60_000);
});
