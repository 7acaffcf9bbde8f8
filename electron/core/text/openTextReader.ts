import os from 'node:os';
import { TextReaderThread } from '../../../native-models/text/TextReaderThread.js';
import { textReaderVersion } from '../../../native-models/text/textReaderVersion.js';
import type { PhotoTextReader } from './TextPass.js';

/**
 * The languages photos are read in. Only English ships (the npm package @tesseract.js-data/eng); another language
 * needs its data package and a setting to choose it, neither of which exists yet.
 */
export const textReadingLanguages = ['eng'] as const;

export { textReaderVersion };

/**
 * The reader the library uses: tesseract.js with English, the whole reading (gate, crops, recognition) in a thread
 * of its own, so the library's event loop never waits on it.
 */
export async function openTextReader(): Promise<PhotoTextReader> {
  return TextReaderThread.open({ language: textReadingLanguages[0] });
}

/**
 * Photos the background pass reads at once, each in a reader thread of its own with its tesseract worker (75–100 MB
 * apiece, measured, beside the models the library keeps loaded): two where there are two cores, as the pass runs
 * only while the index is idle.
 */
export function defaultTextReaders(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}
