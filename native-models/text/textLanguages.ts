import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
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

/** The languages whose data package is installed beside English's (`@tesseract.js-data/<code>`), sorted. */
export function installedTextLanguages(): string[] {
  let scope: string;
  try {
    scope = path.dirname(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')));
  } catch {
    return [];
  }
  const installed = fs.readdirSync(scope).filter((code) => {
    try {
      languageDataDir(code);
      return true;
    } catch {
      return false;
    }
  });
  return installed.sort();
}

/** A language set in the one order it is read and stored in: English first, then the others sorted, no repeats. */
export function orderedLanguages(languages: readonly string[]): string[] {
  const unique = [...new Set(languages)].sort();
  return [...unique.filter((l) => l === 'eng'), ...unique.filter((l) => l !== 'eng')];
}

/** The language set as tesseract names it ("eng", "eng+deu"). */
export function languageKey(languages: readonly string[]): string {
  return orderedLanguages(languages).join('+');
}

/**
 * One folder holding every chosen language's data, for tesseract (which reads `<langPath>/<code>.traineddata.gz`
 * from a single folder, and whose other way, data passed in, is broken in tesseract.js 7's initialize). A single
 * language is its package's own folder; several are linked (or copied where links are refused) into a private
 * temporary folder, which `release` removes. Throws TextLanguageMissingError for a language not installed.
 */
export function languageDataFolder(languages: readonly string[]): { dir: string; release: () => void } {
  const codes = orderedLanguages(languages);
  if (codes.length === 0) throw new TextLanguageMissingError('');
  const dirs = codes.map((code) => languageDataDir(code));
  if (codes.length === 1) return { dir: dirs[0] as string, release: () => undefined };
  // mkdtemp gives a folder only this user can enter, so no other user can swap the links.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phototag-tessdata-'));
  codes.forEach((code, i) => {
    const source = path.join(dirs[i] as string, `${code}.traineddata.gz`);
    const target = path.join(dir, `${code}.traineddata.gz`);
    try {
      fs.symlinkSync(source, target);
    } catch {
      fs.copyFileSync(source, target);
    }
  });
  return { dir, release: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
