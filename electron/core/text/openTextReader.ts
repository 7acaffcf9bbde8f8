import os from 'node:os';
import { TextReaderThread } from '../../../native-models/text/TextReaderThread.js';
import { textReaderVersion } from '../../../native-models/text/textReaderVersion.js';
import { installedTextLanguages, orderedLanguages } from '../../../native-models/text/textLanguages.js';
import type { PhotoTextReader } from './TextPass.js';

export { textReaderVersion };

/**
 * The languages text may be read in, English first: English ships (@tesseract.js-data/eng), and any other
 * language whose data package is installed beside it (@tesseract.js-data/deu…) may be chosen in the settings.
 */
export function installedReadingLanguages(): string[] {
  return readingLanguages(installedTextLanguages());
}

/** The library's chosen languages as they are read and stored: English first, then the others sorted, no repeats. */
export const readingLanguages = orderedLanguages;

/**
 * The reader the library uses: tesseract.js in `languages`, the whole reading (gate, crops, recognition) in a
 * thread of its own, so the library's event loop never waits on it. Throws TextLanguageMissingError for a language
 * whose package is not installed.
 */
export async function openTextReader(languages: readonly string[]): Promise<PhotoTextReader> {
  return TextReaderThread.open({ languages: readingLanguages(languages) });
}

/**
 * Photos the background pass reads at once, each in a reader thread of its own with its tesseract worker (75–100 MB
 * apiece, measured, beside the models the library keeps loaded): two where there are two cores, as the pass runs
 * only while the index is idle.
 */
export function defaultTextReaders(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}
