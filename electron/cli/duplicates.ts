import type { Command } from 'commander';
import type { DuplicateCopyView, DuplicateGroupView, DuplicatesView } from '../contract/views.js';
import type { LibraryService } from '../core/library/LibraryService.js';
import { withOpenLibrary } from './openLibrary.js';
import { printJson } from './output.js';

/** The program-wide options these commands honour (see main.ts). */
export interface DuplicateGlobals {
  dataDir: string;
  json: boolean;
}

function withDuplicates<T>(globals: DuplicateGlobals, access: 'read' | 'write', fn: (library: LibraryService) => T): Promise<T> {
  return withOpenLibrary({ dataDir: globals.dataDir, access }, fn);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Every pair of photos is compared: on a big library that takes seconds, so a terminal hears why it waits. */
function sayComparing(globals: DuplicateGlobals): void {
  if (!globals.json && process.stderr.isTTY) process.stderr.write('Comparing the photos…\n');
}

function megabytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

function copyLine(copy: DuplicateCopyView, best: boolean): string {
  const size = copy.width !== null && copy.height !== null ? `${copy.width}×${copy.height}` : 'size unknown';
  const what = best ? 'best copy' : copy.kind === 'exact' ? 'the same file' : 'resized, re-encoded, cropped or turned';
  const facts = [size, copy.format ?? 'unknown format', megabytes(copy.size), ...(copy.hasExif ? ['EXIF'] : [])].join(', ');
  return `  ${best ? '*' : ' '} ${String(copy.id).padStart(6)}  ${copy.path}\n             ${facts}: ${what}`;
}

function printGroup(group: DuplicateGroupView, index: number): void {
  console.log(`Group ${index + 1}: ${plural(group.copies.length, 'copy', 'copies')}; the first is the best: ${group.bestBecause.join(', ')}`);
  group.copies.forEach((copy, i) => console.log(copyLine(copy, i === 0)));
  console.log(`  Keep the best and hide the others: phototag duplicates keep ${group.copies[0]?.id ?? ''}`);
}

function printDuplicates(view: DuplicatesView): void {
  if (view.groups.length === 0) console.log('No duplicates: no two photos in the library (leaving out hidden ones) are copies of each other.');
  else {
    console.log(`${plural(view.groups.length, 'group')} of copies; keeping the best of each would hide ${plural(view.extraCopies, 'photo')}.`);
    view.groups.forEach((group, i) => printGroup(group, i));
  }
  if (view.hidden > 0) console.log(`${plural(view.hidden, 'photo')} hidden so far (phototag search is:hidden; phototag duplicates undo shows the last ones again).`);
  if (view.unhashed > 0) console.log(`${plural(view.unhashed, 'photo')} not compared yet: their near copies show after the next phototag index.`);
}

/** `phototag duplicates`, `duplicates keep <photo>`, `duplicates undo`. */
export function registerDuplicateCommands(program: Command, globals: () => DuplicateGlobals): void {
  const duplicates = program
    .command('duplicates')
    .description('copies of the same photo (the same file, or resized, re-encoded, cropped, turned), best copy first')
    .action(() =>
      withDuplicates(globals(), 'read', (lib) => {
        sayComparing(globals());
        const view = lib.duplicates.list();
        if (globals().json) printJson(view);
        else printDuplicates(view);
      }),
    );

  duplicates
    .command('keep')
    .description('keep this copy and hide the other copies of it from search (no file is deleted or moved)')
    .argument('<photo>', 'a photo file path or library id, as phototag duplicates lists it')
    .action((ref: string) =>
      withDuplicates(globals(), 'write', (lib) => {
        const kept = lib.findPhoto(ref);
        sayComparing(globals());
        const result = lib.duplicates.keep(kept.id);
        if (globals().json) return printJson({ kept: { id: kept.id, path: kept.path }, ...result });
        console.log(`Kept ${kept.path}; hid ${plural(result.hidden.length, 'other copy', 'other copies')} (the files stay where they are):`);
        for (const id of result.hidden) console.log(`  ${String(id).padStart(6)}  ${lib.photo(id).path}`);
        const them = result.hidden.length === 1 ? 'it' : 'them';
        console.log(`Find ${them} with: phototag search is:hidden. Show ${them} again with: phototag duplicates undo`);
      }),
    );

  duplicates
    .command('undo')
    .description('show again the copies the last "keep" hid')
    .action(() =>
      withDuplicates(globals(), 'write', (lib) => {
        const result = lib.duplicates.undo();
        if (globals().json) return printJson(result);
        if (result.shown.length === 0) return console.log('Nothing to undo: no copies are hidden.');
        console.log(`Showing ${plural(result.shown.length, 'photo')} again:`);
        for (const id of result.shown) console.log(`  ${String(id).padStart(6)}  ${lib.photo(id).path}`);
      }),
    );
}
