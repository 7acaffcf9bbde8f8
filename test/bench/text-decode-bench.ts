import fs from 'node:fs';
import path from 'node:path';
import { decodePhoto } from '../../electron/core/imaging/index.js';
import { decodeForReading, decodeForText } from '../../electron/core/text/decodeForText.js';
import { TextReader } from '../../native-models/text/TextReader.js';
import { sharedData } from '../helpers/sharedData.js';

/**
 * `npm run bench:text-decode`: what reading a large photo's text costs with its decodes, one decode at the reading
 * size (as before) against the gate's own decode first (`decodeForReading`, as the pass reads now), per photo of
 * the EXIF set of 4 MP or more; the second of two rounds is timed. Prints JSON.
 */
const dir = sharedData('exif', 'images');
const photos: { name: string; size: { width: number; height: number } }[] = [];
for (const name of fs.readdirSync(dir).sort()) {
  try {
    const { width, height } = await decodePhoto(fs.readFileSync(path.join(dir, name)), { previewSize: 16 });
    if (width * height >= 4e6) photos.push({ name, size: { width, height } });
  } catch {
    // The set's unreadable files are not what this measures.
  }
}
const reader = await TextReader.open({ languages: ['eng'] });
const ms: Record<string, { oneDecode: number; gateFirst: number }> = {};
try {
  for (let round = 0; round < 2; round++) {
    for (const { name, size } of photos) {
      const bytes = fs.readFileSync(path.join(dir, name));
      let started = performance.now();
      await reader.read(await decodeForText(bytes, size));
      const oneDecode = performance.now() - started;
      started = performance.now();
      const pixels = await decodeForReading(bytes, size);
      await reader.read(pixels.gate, pixels.full ? { full: pixels.full } : {});
      ms[name] = { oneDecode: Math.round(oneDecode), gateFirst: Math.round(performance.now() - started) };
    }
  }
} finally {
  await reader.close();
}
const mean = (pick: (m: { oneDecode: number; gateFirst: number }) => number, names: string[]) => Math.round(names.reduce((sum, n) => sum + pick(ms[n] as { oneDecode: number; gateFirst: number }), 0) / Math.max(1, names.length));
const jpegs = photos.map((p) => p.name).filter((n) => /\.jpe?g$/i.test(n));
console.log(
  JSON.stringify({
    photos: photos.length,
    jpegs: jpegs.length,
    jpeg_ms_one_decode: mean((m) => m.oneDecode, jpegs),
    jpeg_ms_gate_first: mean((m) => m.gateFirst, jpegs),
    jpeg_speedup: +(mean((m) => m.oneDecode, jpegs) / Math.max(1, mean((m) => m.gateFirst, jpegs))).toFixed(2),
    all_ms_one_decode: mean((m) => m.oneDecode, Object.keys(ms)),
    all_ms_gate_first: mean((m) => m.gateFirst, Object.keys(ms)),
    per_photo: ms,
  }),
);
