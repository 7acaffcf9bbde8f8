import { ppOcrFiles, readPpOcrFile, TextModelFileError, type PpOcrFile } from '../../../native-models/text/ppocr/ppOcrModels.js';
import { installedReadingLanguages } from './openTextReader.js';

export interface TextReaderCheck {
  name: string;
  ok: boolean;
  required: boolean;
  detail: string;
}

/**
 * What `phototag doctor` says about reading text in photos: whether PP-OCR's files (English's reader) are intact,
 * checked against their pinned sha256 without loading them, and which languages tesseract could read besides.
 * Never throws: a damaged file is named, with what happens meanwhile.
 */
export function checkTextReader(): TextReaderCheck {
  const others = installedReadingLanguages().filter((code) => code !== 'eng');
  const otherLanguages = others.length > 0 ? `; other languages installed for tesseract: ${others.join(', ')}` : '';
  try {
    for (const name of Object.keys(ppOcrFiles) as PpOcrFile[]) readPpOcrFile(name);
    return { name: 'text reader', ok: true, required: false, detail: `English read by PP-OCRv4 (${Object.keys(ppOcrFiles).length} files intact)${otherLanguages}` };
  } catch (error) {
    if (!(error instanceof TextModelFileError)) throw error;
    return { name: 'text reader', ok: false, required: false, detail: `${error.message} English is read by tesseract meanwhile${otherLanguages}.` };
  }
}
