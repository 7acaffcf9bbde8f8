import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedTextLanguages, languageDataDir, languageDataFolder, languageKey, TextLanguageMissingError } from '../../../../native-models/text/textLanguages.js';

describe('text languages', () => {
  it('lists the installed language packages (English ships; German is a dev dependency here)', () => {
    expect(installedTextLanguages()).toEqual(expect.arrayContaining(['deu', 'eng']));
    expect(installedTextLanguages()).not.toContain('xyz');
  });

  it('names a language set one way: English first, the rest sorted, no repeats', () => {
    expect(languageKey(['eng'])).toBe('eng');
    expect(languageKey(['fra', 'deu', 'eng', 'deu'])).toBe('eng+deu+fra');
    expect(languageKey(['deu'])).toBe('deu');
  });

  it("reads one language from its package's folder, several from a private folder linking them, removed on release", () => {
    const single = languageDataFolder(['eng']);
    expect(single.dir).toBe(languageDataDir('eng'));
    single.release();
    expect(fs.existsSync(path.join(languageDataDir('eng'), 'eng.traineddata.gz'))).toBe(true);

    const both = languageDataFolder(['deu', 'eng']);
    try {
      expect(fs.readdirSync(both.dir).sort()).toEqual(['deu.traineddata.gz', 'eng.traineddata.gz']);
      // Only this user may enter it: nobody else can swap a link for other data.
      expect(fs.statSync(both.dir).mode & 0o077).toBe(0);
      expect(fs.readFileSync(path.join(both.dir, 'deu.traineddata.gz')).equals(fs.readFileSync(path.join(languageDataDir('deu'), 'deu.traineddata.gz')))).toBe(true);
    } finally {
      both.release();
    }
    expect(fs.existsSync(both.dir)).toBe(false);
  });

  it('refuses a language that is not installed, or not a language code, naming the package', () => {
    expect(() => languageDataFolder(['eng', 'xyz'])).toThrow(TextLanguageMissingError);
    expect(() => languageDataFolder(['eng', 'xyz'])).toThrow(/@tesseract\.js-data\/xyz/);
    expect(() => languageDataDir('../eng')).toThrow(TextLanguageMissingError);
  });
});
