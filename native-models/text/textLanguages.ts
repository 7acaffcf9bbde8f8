import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Language codes as tesseract names them ('eng', 'deu', 'rus'…): three lower-case letters, maybe a suffix. */
export const textLanguagePattern = /^[a-z]{3}(_[a-z]+)?$/;

export class TextLanguageMissingError extends Error {
  constructor(readonly language: string) {
    super(`the text language '${language}' is not installed: its data ships as the npm package @tesseract.js-data/${language}`);
    this.name = 'TextLanguageMissingError';
  }
}

/**
 * The folder holding `<lang>.traineddata.gz` for a language, inside its npm package (`4.0.0_best_int`: the
 * integer-quantised "best" model, as accurate as `best` and faster). Never a URL: nothing is downloaded.
 */
export function languageDataDir(language: string): string {
  if (!textLanguagePattern.test(language)) throw new TextLanguageMissingError(language);
  let packageJson: string;
  try {
    packageJson = require.resolve(`@tesseract.js-data/${language}/package.json`);
  } catch {
    throw new TextLanguageMissingError(language);
  }
  const dir = path.join(path.dirname(packageJson), '4.0.0_best_int');
  if (!fs.existsSync(path.join(dir, `${language}.traineddata.gz`))) throw new TextLanguageMissingError(language);
  return dir;
}

/** The tesseract core's own folder (its wasm files), local to the app. */
export function tesseractCoreDir(): string {
  return path.dirname(require.resolve('tesseract.js-core/package.json'));
}
