import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TextReader } from '../../../native-models/text/TextReader.js';
import { ppOcrFiles, ppOcrModelDir, readPpOcrFile, TextModelFileError } from '../../../native-models/text/ppocr/ppOcrModels.js';
import { PpOcrReader } from '../../../native-models/text/ppocr/PpOcrReader.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

/** A copy of the installed model folder, so one file can be damaged or removed. */
function copyModels(dir: string): string {
  const target = path.join(dir, 'assets');
  fs.mkdirSync(target);
  for (const { file } of Object.values(ppOcrFiles)) fs.copyFileSync(path.join(ppOcrModelDir(), file), path.join(target, file));
  return target;
}

describe("PP-OCR's model files", () => {
  const temp = makeTempDir('phototag-ppocr-');
  afterAll(() => temp.cleanup());

  it('are the files whose sha256 Phototag pins, as the npm package installs them', () => {
    for (const name of Object.keys(ppOcrFiles) as Array<keyof typeof ppOcrFiles>) expect(readPpOcrFile(name).length).toBeGreaterThan(1000);
  });

  it('refuse a damaged or missing file by name, and say what to do', async () => {
    const dir = copyModels(fs.mkdtempSync(path.join(temp.dir, 'damaged-')));
    const recogniser = path.join(dir, ppOcrFiles.recogniser.file);
    const bytes = fs.readFileSync(recogniser);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0xff;
    fs.writeFileSync(recogniser, bytes);
    await expect(PpOcrReader.open({ modelDir: dir })).rejects.toThrow(TextModelFileError);
    await expect(PpOcrReader.open({ modelDir: dir })).rejects.toThrow(`the text model ${recogniser} is damaged`);
    fs.rmSync(path.join(dir, ppOcrFiles.detector.file));
    await expect(PpOcrReader.open({ modelDir: dir })).rejects.toThrow(/ch_PP-OCRv4_det_infer\.onnx is missing\. Reinstall Phototag/);
  });

  it('when damaged, leave English to tesseract: the reader opens, reads, and its warning names the file', async () => {
    const dir = copyModels(fs.mkdtempSync(path.join(temp.dir, 'fallback-')));
    fs.truncateSync(path.join(dir, ppOcrFiles.detector.file), 1000);
    const reader = await TextReader.open({ languages: ['eng'], ppOcrModelDir: dir });
    try {
      expect(reader.warning).toContain(path.join(dir, ppOcrFiles.detector.file));
      expect(reader.warning).toContain('read with tesseract');
    } finally {
      await reader.close();
    }
    const healthy = await TextReader.open({ languages: ['eng'] });
    try {
      expect(healthy.warning).toBeNull();
    } finally {
      await healthy.close();
    }
  }, 60_000);
});
