import { CommanderError, type Command } from 'commander';
import { albumSearchQuery, apiInputs } from '../contract/api.js';
import type { AlbumView } from '../contract/views.js';
import type { LibraryService } from '../core/library/LibraryService.js';
import { LibraryError } from '../core/library/errors.js';
import { withOpenLibrary } from './openLibrary.js';
import { printSearch } from './format.js';
import { ExitCode, printJson } from './output.js';

/** The program-wide options these commands honour (see main.ts). */
export interface AlbumGlobals {
  dataDir: string;
  json: boolean;
}

function withAlbums<T>(globals: AlbumGlobals, access: 'read' | 'write', fn: (library: LibraryService) => T): Promise<T> {
  return withOpenLibrary({ dataDir: globals.dataDir, access }, fn);
}

/** The contract's own rules for a name or query, so the CLI refuses what the app refuses, with the same words. */
function checked<M extends 'albums.create' | 'albums.addPhotos'>(method: M, input: unknown): ReturnType<(typeof apiInputs)[M]['parse']> {
  const parsed = apiInputs[method].safeParse(input);
  if (!parsed.success) throw new LibraryError('bad-request', parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data as ReturnType<(typeof apiInputs)[M]['parse']>;
}

/** An album by its id or its name (any case). */
function findAlbum(library: LibraryService, ref: string): AlbumView {
  const list = library.albums.list().albums;
  const album = /^\d+$/.test(ref) ? list.find((a) => a.id === Number(ref)) : list.find((a) => a.name.toLowerCase() === ref.trim().toLowerCase());
  if (!album) throw new LibraryError('not-found', `No album ${JSON.stringify(ref)}. The albums are: ${list.map((a) => a.name).join(', ') || 'none yet'} (phototag album list).`);
  return album;
}

function photoIds(library: LibraryService, refs: readonly string[]): number[] {
  return refs.map((ref) => library.describePhoto(ref).id);
}

function albumLine(a: AlbumView): string {
  const kind = a.kind === 'smart' ? `smart: ${a.query ?? ''}` : 'hand-picked';
  return `${String(a.id).padStart(4)}  ${a.name.padEnd(28)} ${String(a.photos).padStart(6)} photo${a.photos === 1 ? ' ' : 's'}  ${kind}`;
}

function limit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new CommanderError(ExitCode.usage, 'phototag.invalidArgument', `phototag: --limit takes a whole number from 1 to 10000, got "${value}"`);
  return n;
}

/** `phototag album list|create|add|remove|show|rename|delete`. */
export function registerAlbumCommands(program: Command, globals: () => AlbumGlobals): void {
  const album = program.command('album').description('albums: hand-picked photos, or a smart album (a saved search that stays current)');

  album
    .command('list', { isDefault: true })
    .description('every album with its photo count, and how many favourites there are')
    .action(() =>
      withAlbums(globals(), 'read', (lib) => {
        const list = lib.albums.list();
        if (globals().json) return printJson(list);
        console.log(`Favourites: ${list.favorites} photo${list.favorites === 1 ? '' : 's'} (phototag search is:favorite)`);
        if (list.albums.length === 0) console.log('No albums yet: phototag album create <name> [photos…], or --query for a smart album.');
        for (const a of list.albums) console.log(albumLine(a));
      }),
    );

  album
    .command('create')
    .description('make an album: hand-picked (with the photos given, by path or id) or smart (--query)')
    .argument('<name>', 'e.g. "Summer 2019"')
    .argument('[photos...]', 'photo file paths or library ids')
    .option('--query <query>', 'a smart album: the search it shows, e.g. "tag:dog rating:4+"')
    .action((name: string, photos: string[], cmd: { query?: string }) =>
      withAlbums(globals(), 'write', (lib) => {
        const input = checked('albums.create', { name, ...(cmd.query !== undefined ? { query: cmd.query } : {}), photoIds: photoIds(lib, photos) });
        const made = lib.albums.create(input.name, input.query, input.photoIds);
        if (globals().json) printJson(made);
        else console.log(`Made the album "${made.name}" (${made.photos} photo${made.photos === 1 ? '' : 's'}). See it with: phototag album show ${JSON.stringify(made.name)}`);
      }),
    );

  album
    .command('add')
    .description('add photos to a hand-picked album')
    .argument('<album>', 'its name or id')
    .argument('<photos...>', 'photo file paths or library ids')
    .action((ref: string, photos: string[]) =>
      withAlbums(globals(), 'write', (lib) => {
        const target = findAlbum(lib, ref);
        const input = checked('albums.addPhotos', { id: target.id, photoIds: photoIds(lib, photos) });
        const result = lib.albums.addPhotos(input.id, input.photoIds);
        if (globals().json) printJson(result);
        else console.log(`Added ${result.added} photo${result.added === 1 ? '' : 's'} to "${result.album.name}" (${result.album.photos} now).`);
      }),
    );

  album
    .command('remove')
    .description('take photos out of a hand-picked album (the photos stay in the library)')
    .argument('<album>', 'its name or id')
    .argument('<photos...>', 'photo file paths or library ids')
    .action((ref: string, photos: string[]) =>
      withAlbums(globals(), 'write', (lib) => {
        const result = lib.albums.removePhotos(findAlbum(lib, ref).id, photoIds(lib, photos));
        if (globals().json) printJson(result);
        else console.log(`Took ${result.removed} photo${result.removed === 1 ? '' : 's'} out of "${result.album.name}" (${result.album.photos} left).`);
      }),
    );

  album
    .command('show')
    .description("an album's photos, newest first (the same as phototag search 'album:\"<name>\"')")
    .argument('<album>', 'its name or id')
    .option('--limit <n>', 'photos to list', '50')
    .action((ref: string, cmd: { limit: string }) =>
      withAlbums(globals(), 'read', (lib) => {
        const found = findAlbum(lib, ref);
        const page = lib.search(albumSearchQuery(found.name), { limit: limit(cmd.limit), offset: 0 });
        if (globals().json) return printJson({ album: found, photos: page });
        console.log(albumLine(found).trim());
        printSearch(page);
      }),
    );

  album
    .command('rename')
    .description('rename an album')
    .argument('<album>', 'its name or id')
    .argument('<name>', 'the new name')
    .action((ref: string, name: string) =>
      withAlbums(globals(), 'write', (lib) => {
        const input = checked('albums.create', { name });
        const renamed = lib.albums.rename(findAlbum(lib, ref).id, input.name);
        if (globals().json) printJson(renamed);
        else console.log(`Renamed to "${renamed.name}".`);
      }),
    );

  album
    .command('delete')
    .description('delete an album; its photos stay in the library')
    .argument('<album>', 'its name or id')
    .action((ref: string) =>
      withAlbums(globals(), 'write', (lib) => {
        const deleted = lib.albums.delete(findAlbum(lib, ref).id);
        if (globals().json) printJson(deleted);
        else console.log(`Deleted the album "${deleted.name}"; its photos are still in the library.`);
      }),
    );
}
