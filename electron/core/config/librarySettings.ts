import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { taggerChoices } from '../../contract/api.js';
import { textLanguagePattern } from '../../../native-models/text/textLanguages.js';
import { libraryPaths } from './dataDir.js';
import { sidecarNamings } from '../adapters/sidecarFiles.js';
import type { Tagging } from '../models/taggingPlan.js';

const settingsSchema = z.object({
  tagger: z.enum(taggerChoices).default('fast'),
  /**
   * With tagger 'fast': re-tag with 'accurate' in the background once indexed ('fast then accurate'). Absent means
   * yes, the default; false is 'fast only'. Kept beside `tagger` so a settings file from before still reads.
   */
  improve: z.boolean().optional(),
  /** Faces are described and grouped into people. Off: faces are only found and counted, and no descriptor is kept. */
  faceRecognition: z.boolean().default(true),
  /** Write accepted tags, names, captions and places to XMP sidecars after each index pass, named this way; 'off': only on `export-xmp`. */
  xmpSidecars: z.enum(['off', ...sidecarNamings]).default('off'),
  /** Words in photos (signs, documents, screenshots) are read in the background after tagging, for `text:` search. */
  textReading: z.boolean().default(true),
  /** The languages text is read in (tesseract codes, each an installed @tesseract.js-data package). */
  textLanguages: z
    .array(z.string().regex(textLanguagePattern))
    .min(1)
    .max(4)
    .default(['eng']),
});
export type LibrarySettings = z.output<typeof settingsSchema>;
/** What a caller may save: anything left out takes its default. */
export type LibrarySettingsInput = z.input<typeof settingsSchema>;

export const defaultLibrarySettings: LibrarySettings = { tagger: 'fast', faceRecognition: true, xmpSidecars: 'off', textReading: true, textLanguages: ['eng'] };

export function librarySettingsFile(dataDir: string): string {
  return path.join(libraryPaths(dataDir).dataDir, 'settings.json');
}

/**
 * The library's own settings, read by a shell before it starts the models. A missing file means the defaults; a
 * file that is not valid JSON or not valid settings also gives the defaults, with `problem` saying so, so a
 * damaged settings file never keeps the library from opening.
 */
export function readLibrarySettings(dataDir: string): { settings: LibrarySettings; problem: string | null } {
  const file = librarySettingsFile(dataDir);
  const defaults = (problem: string | null) => ({ settings: { ...defaultLibrarySettings }, problem });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaults(null);
    return defaults(`${file} could not be read (${(error as Error).message}); using the default settings.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return defaults(`${file} is not valid JSON; using the default settings until they are saved again.`);
  }
  const parsed = settingsSchema.safeParse(json);
  if (parsed.success) return { settings: parsed.data, problem: null };
  return defaults(`${file} holds invalid settings (${parsed.error.issues[0]?.message ?? 'unknown'}); using the defaults until they are saved again.`);
}

/** The library's tagging choice (fast only, fast then accurate, accurate only) from its saved settings. */
export function taggingOf(settings: LibrarySettings): Tagging {
  if (settings.tagger === 'accurate') return 'accurate';
  return settings.improve === false ? 'fast' : 'fast-then-accurate';
}

/** The settings that say `tagging`, keeping the rest. */
export function withTagging(settings: LibrarySettings, tagging: Tagging): LibrarySettings {
  if (tagging === 'accurate') return { ...settings, tagger: 'accurate' };
  return { ...settings, tagger: 'fast', improve: tagging === 'fast-then-accurate' };
}

/** Saves the settings through a temporary file and a rename, so a crash leaves the old file or the new one. */
export function writeLibrarySettings(dataDir: string, settings: LibrarySettingsInput): void {
  const file = librarySettingsFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(settingsSchema.parse(settings), null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(temporary, file);
}
