import { CommanderError, type Command } from 'commander';
import type { LibraryService } from '../core/library/LibraryService.js';
import { acquireWriterLock } from '../core/library/writerLock.js';
import { withOpenLibrary } from './openLibrary.js';
import { installedReadingLanguages, openTextReader } from '../core/text/openTextReader.js';
import { ExitCode, printJson } from './output.js';

/** The program-wide options these commands honour (see main.ts). */
export interface TextGlobals {
  dataDir: string;
  json: boolean;
}

function withText<T>(globals: TextGlobals, access: 'read' | 'write', fn: (library: LibraryService) => T | Promise<T>): Promise<T> {
  return withOpenLibrary({ dataDir: globals.dataDir, access, textReader: openTextReader }, fn);
}

const photos = (n: number) => `${n.toLocaleString('en')} photo${n === 1 ? '' : 's'}`;

/** `text-reading [on|off]` (the library's setting) and `read-text` (read every photo waiting, then exit). */
export function registerTextCommands(program: Command, globals: () => TextGlobals): void {
  program
    .command('text-reading')
    .description('reading text in photos (signs, documents, screenshots) for text: search, in the background after tagging')
    .argument('[state]', 'on or off; without it, says which it is')
    .option('--languages <codes>', 'the languages to read, comma-separated tesseract codes of installed @tesseract.js-data packages (e.g. eng,deu); every photo is read again')
    .action((state: string | undefined, options: { languages?: string }) => {
      if (state !== undefined && state !== 'on' && state !== 'off') {
        throw new CommanderError(ExitCode.usage, 'phototag.invalidArgument', `phototag: text reading is turned "on" or "off", got "${state}"`);
      }
      const languages = options.languages?.split(',').map((code) => code.trim()).filter(Boolean);
      const changes = state !== undefined || languages !== undefined;
      return withText(globals(), changes ? 'write' : 'read', (lib) => {
        // Changing it takes the writer lock, as a running indexer (watch, serve, the app) reads text too.
        const release = changes ? acquireWriterLock(lib.paths.lock) : () => {};
        try {
          if (languages !== undefined) lib.setTextLanguages(languages);
          const view = state === undefined ? { on: lib.textReading, remaining: lib.textLeft() } : lib.setTextReading(state === 'on');
          const reading = lib.textLanguages;
          if (globals().json) return printJson({ ...view, languages: reading, installedLanguages: installedReadingLanguages() });
          const named = reading.join(', ');
          if (!view.on) console.log(`Text reading is off for this library: no photo is read; words already read stay searchable (${photos(view.remaining)} not read).`);
          else if (view.remaining === 0) console.log(`Text reading is on (${named}). Every photo has been read.`);
          else console.log(`Text reading is on (${named}). ${photos(view.remaining)} to read: the app, serve and watch read them while idle, or run: phototag read-text`);
        } finally {
          release();
        }
      });
    });

  program
    .command('read-text')
    .description('read the text in every indexed photo not read yet, newest first, then exit (safe to stop at any point)')
    .action(() =>
      withText(globals(), 'write', async (lib) => {
        if (!lib.textReading) {
          console.error('phototag: text reading is off for this library. Turn it on with: phototag text-reading on');
          return;
        }
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const tty = !globals().json && Boolean(process.stderr.isTTY);
        const started = Date.now();
        try {
          const result = await lib.readText((p) => {
            if (tty) process.stderr.write(`\rReading text: ${p.remaining} left   `);
          }, controller.signal);
          if (tty) process.stderr.write('\n');
          const seconds = (Date.now() - started) / 1000;
          if (globals().json) printJson({ ...result, seconds: +seconds.toFixed(1) });
          else console.log(`Read the text in ${photos(result.read)} in ${seconds.toFixed(1)} s; ${result.remaining} left.`);
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      }),
    );
}
