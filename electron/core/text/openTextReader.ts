import os from 'node:os';
import { TextReader, textReaderVersion } from '../../../native-models/text/TextReader.js';
import type { PhotoTextReader } from './TextPass.js';

/**
 * The languages photos are read in. Only English ships (the npm package @tesseract.js-data/eng); another language
 * needs its data package and a setting to choose it, neither of which exists yet.
 */
export const textReadingLanguages = ['eng'] as const;

export { textReaderVersion };

/** The reader the library uses: tesseract.js with English, in its own worker thread. */
export async function openTextReader(): Promise<PhotoTextReader> {
  return TextReader.open({ language: textReadingLanguages[0] });
}

/**
 * Photos the background pass reads at once, one tesseract thread each (~50 MB apiece, measured): the pass runs only
 * while the index is idle, so it may use the cores the taggers leave, up to four.
 */
export function defaultTextReaders(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}
