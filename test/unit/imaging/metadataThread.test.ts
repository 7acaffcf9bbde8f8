import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeMetadataThread, jpegHeadLength, metadataOffThread } from '../../../electron/core/imaging/metadataThread.js';
import { metadataOf } from '../../../electron/core/imaging/readMetadata.js';
import { sniffFormat, sniffHeadBytes } from '../../../electron/core/imaging/sniffFormat.js';
import { sharedData } from '../../helpers/sharedData.js';

const dir = sharedData('exif', 'images');
const files = fs.readdirSync(dir).sort();

describe('metadata read on its own thread', () => {
  afterAll(() => closeMetadataThread());

  it('answers as reading it here does, for every file of the EXIF set (hostile EXIF among them)', async () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(dir, file));
      const format = sniffFormat(bytes.subarray(0, sniffHeadBytes));
      expect({ file, metadata: await metadataOffThread(bytes, format) }).toEqual({ file, metadata: await metadataOf(bytes, format) });
    }
  });

  it('sends a JPEG only up to its first scan', () => {
    const bytes = fs.readFileSync(path.join(dir, 'DSCN0010.jpg'));
    const head = jpegHeadLength(bytes);
    expect(head).toBeGreaterThan(1000);
    expect(head).toBeLessThan(bytes.length / 2);
    expect(bytes[head as number]).toBe(0xff);
    expect(bytes[(head as number) + 1]).toBe(0xda);
    expect(jpegHeadLength(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00]))).toBeNull();
    expect(jpegHeadLength(Buffer.from('not a jpeg'))).toBeNull();
  });
});
