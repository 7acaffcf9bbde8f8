import fs from 'node:fs';
import sharp from 'sharp';
import { libraryPaths } from '../core/config/dataDir.js';
import { checkHeifDecoder } from '../core/imaging/heif.js';
import { checkModels } from '../core/models/checkModels.js';
import { checkTextReader } from '../core/text/checkTextReader.js';
import { inspectLibrary, repairLibrary, type RepairReport } from '../core/library/libraryDamage.js';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  required: boolean;
  detail: string;
}

export interface DoctorReport {
  checks: DoctorCheck[];
}

function gpuCheck(): DoctorCheck {
  const hasDriver = fs.existsSync('/proc/driver/nvidia/version') || fs.existsSync('/dev/nvidia0');
  if (!hasDriver && process.platform === 'linux') {
    return { name: 'gpu', ok: false, required: false, detail: 'no NVIDIA GPU found (no /proc/driver/nvidia, no /dev/nvidia0); models run on the CPU' };
  }
  if (process.platform !== 'linux' && process.platform !== 'win32') {
    return { name: 'gpu', ok: false, required: false, detail: `CUDA is not available on ${process.platform}; models run on the CPU` };
  }
  return { name: 'gpu', ok: true, required: false, detail: 'an NVIDIA driver is present; the model backend decides whether CUDA can be used' };
}

/** The library file's own check: quick_check, or integrity_check with `full` (which also matches every index). */
export function libraryCheck(dataDir: string, full: boolean): DoctorCheck {
  const paths = libraryPaths(dataDir);
  const name = 'library';
  let health: ReturnType<typeof inspectLibrary>;
  try {
    health = inspectLibrary(paths, full);
  } catch (error) {
    // Not damage (damage is a state below): the file could not be opened to look at, e.g. no permission.
    return { name, ok: false, required: true, detail: `cannot check ${paths.database}: ${(error as Error).message}. Check that you may read it and its folder.` };
  }
  switch (health.state) {
    case 'missing':
      return { name, ok: true, required: true, detail: `no library yet at ${paths.database}; \`phototag add <folder>\` starts one` };
    case 'ok':
      return { name, ok: true, required: true, detail: `${paths.database} passed SQLite's ${full ? 'full integrity check' : 'quick check (--full also checks every index)'}` };
    case 'emptied':
      return {
        name,
        ok: false,
        required: true,
        detail: `${paths.database} is empty (0 bytes) although this data dir has been used: the library lost its contents. Restore a backup (quit Phototag and copy it over ${paths.database}), or run \`phototag doctor --repair\` to start a fresh library file (nothing can be saved from an empty file).`,
      };
    case 'damaged':
      return {
        name,
        ok: false,
        required: true,
        detail: `${paths.database} is damaged: ${health.summary}. Run \`phototag doctor --repair\`: it keeps the damaged file aside, copies everything still readable (your folders, photos, corrections and taught tags among it) into a fresh file, rebuilds the search index and analyses again the photos that lost their analysis. Or restore a backup (quit Phototag and copy it over ${paths.database}).`,
      };
  }
}

/** `doctor --repair`: rebuilds a damaged library and says what was saved and what will be analysed again. */
export function runRepair(dataDir: string, now: number): { report: RepairReport; lines: string[] } {
  const report = repairLibrary(libraryPaths(dataDir), now);
  return { report, lines: describeRepair(report) };
}

function describeRepair(report: RepairReport): string[] {
  if (report.outcome === 'nothing') return ['The library file is sound; nothing to repair.'];
  const lines = [`The damaged file was kept as ${report.damagedFile ?? '(not moved)'}; it is never deleted, remove it yourself once you are happy.`];
  if (report.outcome === 'fresh') {
    lines.push('Nothing could be read from it, so a fresh, empty library file was started. Add your folders again with `phototag add <folder>`, then run `phototag index`.');
    return lines;
  }
  const s = report.saved;
  lines.push(
    `Saved into a fresh library file: ${s.folders} folder(s), ${s.photos} photo(s), ${s.corrections} correction(s), ${s.userTags} tag(s) you accepted, rejected or added, ${s.userCaptions} caption(s) you wrote, ${s.learnedTags} learned tag(s), ${s.albums} album(s), ${s.markedPhotos} photo(s) you marked as a favourite or rated.`,
  );
  const lost = Object.entries(report.lost).map(([table, n]) => `${n} from ${table}`);
  if (lost.length > 0) lines.push(`Lost to the damage: ${lost.join(', ')}.`);
  if (report.unreadable.length > 0) lines.push(`Some rows of ${report.unreadable.join(', ')} could not be read at all and are gone.`);
  if (report.photosLost) {
    lines.push(`${report.photosLost} photo(s) could not be read: the next \`phototag index\` finds their files again as new photos (their own tags and corrections, if any, are lost).`);
  }
  lines.push(
    `Rebuilt: the search index. To be analysed again: ${report.reanalyse} photo(s) whose analysis was damaged (tags, captions, vectors, thumbnails)` +
      (report.photosLost ? `, plus the ${report.photosLost} found again` : '') +
      ' — run `phototag index` (the app does it by itself). Your corrections and learned tags apply to them as they are analysed.',
  );
  return lines;
}

/** What this machine can do for Phototag, and why not where it cannot. */
export async function runDoctor(dataDir: string, options: { full?: boolean } = {}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const formats = sharp.format;
  const readable = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif'].filter((f) => (formats as unknown as Record<string, { input?: { buffer?: boolean } }>)[f]?.input?.buffer);
  checks.push({ name: 'decoder sharp', ok: true, required: true, detail: `sharp ${sharp.versions.sharp} with libvips ${sharp.versions.vips}; reads ${readable.join(', ')} (heif = AVIF only in the prebuilt)` });
  const heif = await checkHeifDecoder();
  checks.push({ name: 'decoder heic', ok: heif.ok, required: false, detail: heif.detail });
  const paths = libraryPaths(dataDir);
  let writable = true;
  try {
    // Private to the user, as the library creates it.
    fs.mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
    fs.accessSync(paths.dataDir, fs.constants.W_OK);
  } catch {
    writable = false;
  }
  checks.push({ name: 'data dir', ok: writable, required: true, detail: writable ? `${paths.dataDir} is writable` : `${paths.dataDir} is not writable; pass --data-dir <dir>` });
  checks.push(libraryCheck(dataDir, options.full ?? false));
  checks.push(gpuCheck());
  checks.push(...(await checkModels()));
  checks.push(checkTextReader());
  return { checks };
}
