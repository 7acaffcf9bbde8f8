import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { librarySettingsFile, readLibrarySettings, writeLibrarySettings } from '../../../electron/core/config/librarySettings.js';
import { modelChoice } from '../../../electron/cli/modelChoice.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

describe('library settings', () => {
  const temps: { cleanup(): void }[] = [];
  const dataDir = () => {
    const temp = makeTempDir('phototag-settings-');
    temps.push(temp);
    return temp.dir;
  };
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

  it('are the defaults until saved, and read back what was saved', () => {
    const dir = dataDir();
    expect(readLibrarySettings(dir)).toEqual({ settings: { tagger: 'fast', faceRecognition: true, xmpSidecars: 'off', textReading: true, textLanguages: ['eng'] }, problem: null });
    writeLibrarySettings(dir, { tagger: 'accurate' });
    expect(readLibrarySettings(dir)).toEqual({ settings: { tagger: 'accurate', faceRecognition: true, xmpSidecars: 'off', textReading: true, textLanguages: ['eng'] }, problem: null });
    writeLibrarySettings(dir, { tagger: 'accurate', faceRecognition: false, xmpSidecars: 'off', textReading: false });
    expect(readLibrarySettings(dir)).toEqual({ settings: { tagger: 'accurate', faceRecognition: false, xmpSidecars: 'off', textReading: false, textLanguages: ['eng'] }, problem: null });
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
  });

  it('fall back to the defaults, saying why, when the file is damaged or holds an unknown value', () => {
    const dir = dataDir();
    fs.writeFileSync(librarySettingsFile(dir), '{"tagger": "acc');
    expect(readLibrarySettings(dir).settings).toEqual({ tagger: 'fast', faceRecognition: true, xmpSidecars: 'off', textReading: true, textLanguages: ['eng'] });
    expect(readLibrarySettings(dir).problem).toMatch(/not valid JSON/);
    fs.writeFileSync(librarySettingsFile(dir), '{"tagger": "huge"}');
    expect(readLibrarySettings(dir).problem).toMatch(/invalid settings/);
    writeLibrarySettings(dir, { tagger: 'accurate' });
    expect(readLibrarySettings(dir)).toEqual({ settings: { tagger: 'accurate', faceRecognition: true, xmpSidecars: 'off', textReading: true, textLanguages: ['eng'] }, problem: null });
  });

  it("give the CLI its tagger when --models is not given; --models wins when it is", () => {
    const dir = dataDir();
    expect(modelChoice({ dataDir: dir })).toBe('fast');
    writeLibrarySettings(dir, { tagger: 'accurate' });
    expect(modelChoice({ dataDir: dir })).toBe('accurate');
    expect(modelChoice({ dataDir: dir, models: 'off' })).toBe('off');
    expect(modelChoice({ dataDir: dir, models: 'fast' })).toBe('fast');
  });
});
