import cliProgress from 'cli-progress';
import { CommanderError, type Command } from 'commander';
import { sidecarNamings, type SidecarNaming } from '../core/adapters/sidecarFiles.js';
import { LibraryService } from '../core/library/LibraryService.js';
import { asStorageError } from '../core/library/storageFaults.js';
import { acquireWriterLock } from '../core/library/writerLock.js';
import { ExitCode, printJson } from './output.js';

export interface ExportXmpGlobals {
  dataDir: string;
  json: boolean;
}

function naming(value: string | undefined): SidecarNaming | undefined {
  if (value === undefined) return undefined;
  if ((sidecarNamings as readonly string[]).includes(value)) return value as SidecarNaming;
  throw new CommanderError(ExitCode.usage, 'phototag.invalidArgument', `phototag: --naming is ${sidecarNamings.map((n) => `"${n}"`).join(' or ')}, got "${value}"`);
}

/**
 * `phototag export-xmp [--folder F] [--naming photo.ext.xmp|photo.xmp]`: accepted tags, named people, captions and
 * places into XMP sidecars (never into a photo); `xmp-sidecars on|off` keeps them written after every index pass.
 */
export function registerExportXmpCommands(program: Command, globals: () => ExportXmpGlobals): void {
  program
    .command('export-xmp')
    .description('write accepted tags, people, captions and places to XMP sidecars beside the photos (merged with other apps\' keywords; photos are never written)')
    .option('--folder <folder>', 'only the photos in this folder')
    .option('--naming <naming>', 'photo.ext.xmp (digiKam, darktable: IMG_1.jpg.xmp) or photo.xmp (Lightroom: IMG_1.xmp); default: the library\'s setting, else photo.ext.xmp')
    .action(async (cmd: { folder?: string; naming?: string }) => {
      const chosen = naming(cmd.naming);
      const library = LibraryService.open({ dataDir: globals().dataDir });
      const bar = !globals().json && process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'XMP [{bar}] {value}/{total} photos | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic) : null;
      try {
        const release = acquireWriterLock(library.paths.lock);
        try {
          let started = false;
          const summary = await library.exportSidecars({
            ...(chosen ? { naming: chosen } : {}),
            ...(cmd.folder !== undefined ? { folder: cmd.folder } : {}),
            onProgress: (done, total) => {
              if (!bar) return;
              if (!started) bar.start(total, done);
              started = true;
              bar.update(done);
            },
          });
          bar?.stop();
          if (globals().json) printJson(summary);
          else {
            console.log(`XMP sidecars: ${summary.written} written, ${summary.unchanged} unchanged (up to date, or nothing to write), ${summary.failed} failed.`);
            for (const failure of summary.failures.slice(0, 20)) console.log(`  ${failure.path}: ${failure.reason}`);
          }
          if (summary.failed > 0) process.exitCode = ExitCode.failure;
        } finally {
          release();
        }
      } catch (error) {
        throw asStorageError(error, library.paths.dataDir, 'try again');
      } finally {
        bar?.stop();
        library.close();
      }
    });

  program
    .command('xmp-sidecars')
    .description('write XMP sidecars after every index pass (on: named photo.ext.xmp, or give the naming) or not (off)')
    .argument('[state]', 'on, off, photo.ext.xmp or photo.xmp; without it, says which it is')
    .action((state: string | undefined) => {
      const library = LibraryService.open({ dataDir: globals().dataDir, access: state === undefined ? 'read' : 'write' });
      try {
        if (state !== undefined) {
          const next = state === 'on' ? 'photo.ext.xmp' : state === 'off' ? 'off' : naming(state);
          library.setSidecarNaming(next ?? 'off');
        }
        const now = library.sidecarNaming;
        if (globals().json) printJson({ xmpSidecars: now });
        else console.log(now === 'off' ? 'XMP sidecars are written only by phototag export-xmp.' : `XMP sidecars (${now}) are written after every index pass.`);
      } finally {
        library.close();
      }
    });
}
