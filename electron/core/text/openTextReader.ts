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
