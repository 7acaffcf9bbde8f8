import { Command, CommanderError, Option } from 'commander';
import { defaultDataDir } from '../core/config/dataDir.js';
import type { LibraryService } from '../core/library/LibraryService.js';
import { openModelAnalyzer, type ModelAnalyzerSettings } from '../core/models/openModelAnalyzer.js';
import type { PhotoAnalyzer } from '../core/pipeline/PhotoAnalyzer.js';
import { ExitCode, printJson, reportError } from './output.js';
import { createProgressView } from './progressBar.js';
import { printOnThisDay, printPhoto, printSearch, printStatus, printTags } from './format.js';
import { runDoctor, runRepair } from './doctor.js';
import { registerServeCommand } from './serve.js';
import { learnWhileWatching, registerLearningCommands } from './learn.js';
import { registerPeopleCommands } from './people.js';
import { registerTextCommands } from './text.js';
import { openTextReader } from '../core/text/openTextReader.js';
import { registerExportXmpCommands } from './exportXmp.js';
import { cliTaggingPlan, type ModelsOption } from './modelChoice.js';
import { registerAlbumCommands } from './albums.js';
import { registerDuplicateCommands } from './duplicates.js';
import { withOpenLibrary } from './openLibrary.js';

interface GlobalOptions {
  dataDir: string;
  json: boolean;
  /** Absent: the library's saved choice (see cliTaggingPlan). */
  models?: ModelsOption;
  workers?: string;
  batch?: string;
  captionPack?: string;
}

/**
 * Opens the library for one command and always closes it, so the DB is never left half-open. 'read' commands
 * (status, search, show, tags, backup) also work on a library on a read-only disk.
 */
async function withLibrary<T>(
  opts: GlobalOptions,
  fn: (library: LibraryService) => Promise<T> | T,
  analyzer: PhotoAnalyzer | null = null,
  access: 'read' | 'write' = 'write',
  improver: PhotoAnalyzer | null = null,
): Promise<T> {
  // Writers read text in photos while watching (if the library's setting says so); the reader starts only then.
  return withOpenLibrary({ dataDir: opts.dataDir, analyzer, improver, access, ...(access === 'write' ? { textReader: openTextReader } : {}) }, fn);
}

/**
 * Like withLibrary, with the tagging models loaded for the pipeline. A model that cannot start is reported and
 * the run goes on without it: those photos are analysed again by a later run once the models work. With 'fast
 * then accurate', the better tagger starts beside the first one (in parallel); if it cannot, photos keep the first
 * tagger's tags.
 */
async function withIndexer<T>(opts: GlobalOptions, fn: (library: LibraryService, analyzer: PhotoAnalyzer | null, improver: PhotoAnalyzer | null) => Promise<T>): Promise<T> {
  const settings: ModelAnalyzerSettings = {};
  if (opts.workers !== undefined) settings.workers = parseCount(opts.workers, '--workers', 1);
  if (opts.batch !== undefined) settings.batchSize = parseCount(opts.batch, '--batch', 1);
  if (opts.captionPack !== undefined) settings.captionPack = opts.captionPack;
  const plan = cliTaggingPlan(opts);
  const [first, better] = await Promise.all([
    plan.first === 'off' ? null : openModelAnalyzer({ ...settings, profile: plan.first }),
    plan.first === 'off' || plan.improve === null ? null : openModelAnalyzer({ ...settings, profile: plan.improve }),
  ]);
  const analyzer = first?.analyzer ?? null;
  const improver = analyzer ? (better?.analyzer ?? null) : null;
  if (first?.problem) process.stderr.write(`phototag: ${first.problem}\n  Check the models with: phototag doctor\n`);
  else if (better?.problem) process.stderr.write(`phototag: the better tagger did not start, so photos keep their first tags: ${better.problem}\n`);
  if (!analyzer) await better?.analyzer?.close();
  try {
    return await withLibrary(opts, (library) => fn(library, analyzer, improver), analyzer, 'write', improver);
  } finally {
    await Promise.all([analyzer?.close(), improver?.close()]);
  }
}

function showProgress(opts: GlobalOptions): boolean {
  return !opts.json && Boolean(process.stderr.isTTY) && Boolean(process.stdout.isTTY);
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('phototag')
    .description('A photo library that tags itself. Add folders, index them, search them.')
    .addOption(new Option('--data-dir <dir>', 'where the library (database, thumbnails, logs) lives').default(defaultDataDir(), 'the per-user app data dir'))
    .option('--json', 'print machine-readable JSON', false)
    .addOption(
      new Option(
        '--models <profile>',
        "tagging models for index/watch/improve/serve: fast (CenterNet), accurate (+ YOLOv5s; ~4× slower, better tags), fast-then-accurate (fast, then accurate while idle) or off (default: the library's saved choice, else fast-then-accurate)",
      ).choices(['fast', 'accurate', 'fast-then-accurate', 'off']),
    )
    .option('--workers <n>', 'model worker threads (default: one per core, as many as fit in a quarter of the memory)')
    .option('--batch <n>', 'photos per model call (default: 4)')
    .option('--caption-pack <dir>', 'a neural captioning model pack you installed (default: captions composed from the tags)')
    .showHelpAfterError('(run `phototag --help` for the list of commands)')
    .exitOverride();

  const global = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('add')
    .description('add a folder of photos to the library')
    .argument('<folder>', 'folder to add (its subfolders are included)')
    .action((folder: string) =>
      withLibrary(global(), (lib) => {
        const row = lib.addFolder(folder);
        if (global().json) printJson({ folder: row.path });
        else console.log(`Added ${row.path}. \`phototag serve\`, \`phototag watch\` and the app index it as they run; \`phototag index\` indexes it once and exits.`);
      }),
    );

  program
    .command('remove')
    .description('remove a folder from the library (files on disk are not touched)')
    .argument('<folder>')
    .action((folder: string) =>
      withLibrary(global(), (lib) => {
        const removed = lib.removeFolder(folder);
        if (global().json) printJson({ removed });
        else console.log(`Removed ${removed} from the library. Its photos' tags are kept for 30 days in case you add it back.`);
      }),
    );

  program
    .command('index')
    .description('scan every folder once, analyse new and changed photos, then exit')
    .action(() =>
      withIndexer(global(), async (lib) => {
        lib.assertSound();
        if (lib.folders().length === 0) {
          console.error('phototag: the library has no folders yet. Add one with: phototag add <folder>');
        }
        const view = createProgressView(showProgress(global()));
        const summary = await lib.index((p) => view.update(p)).finally(() => view.stop());
        const status = lib.status(50);
        if (global().json) printJson({ ...summary, photos: status.photos });
        else {
          console.log(
            `Indexed in ${summary.seconds.toFixed(1)} s: ${summary.added} new, ${summary.changed} changed, ${summary.moved} moved, ${summary.removed} removed; ` +
              `${summary.done} analysed, ${summary.failed} failed.`,
          );
          console.log(`Library: ${status.photos.indexed} indexed, ${status.photos.queued} queued, ${status.photos.failed} failed.` + (status.photos.failed > 0 ? ' See why with: phototag status' : ''));
        }
        const stale = lib.staleLearnedTags();
        if (stale > 0) process.stderr.write(`phototag: ${stale} learned tag(s) were trained on another tagger's output and are not applied; retrain them with: phototag retrain\n`);
        const left = lib.improvementLeft();
        if (left > 0 && !global().json) console.log(`${left} photo${left === 1 ? '' : 's'} will get better tags from 'accurate': the app, serve and watch do it while idle, or run: phototag improve`);
      }),
    );

  program
    .command('improve')
    .description("re-tag the photos indexed with 'fast' with 'accurate', newest first, then exit (safe to stop at any point)")
    .action(() =>
      withIndexer(global(), async (lib, _analyzer, improver) => {
        if (!improver) {
          console.error("phototag: nothing to improve with: the tagging choice is not 'fast then accurate' (or its models did not start). Use --models fast-then-accurate");
          return;
        }
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const tty = showProgress(global());
        const started = Date.now();
        try {
          const result = await lib.improve((p) => {
            if (tty) process.stderr.write(`\rImproving tags: ${p.remaining} left   `);
          }, controller.signal);
          if (tty) process.stderr.write('\n');
          const seconds = (Date.now() - started) / 1000;
          if (global().json) printJson({ ...result, seconds: +seconds.toFixed(1) });
          else console.log(`Improved the tags of ${result.improved} photo${result.improved === 1 ? '' : 's'} in ${seconds.toFixed(1)} s; ${result.remaining} left.`);
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      }),
    );

  program
    .command('watch')
    .description('index, then keep watching the folders for changes until Ctrl-C')
    .action(() =>
      withIndexer(global(), async (lib, analyzer) => {
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const view = createProgressView(showProgress(global()));
        if (!global().json) console.error(`Watching ${lib.folders().length} folder(s). Press Ctrl-C to stop.`);
        let phase = 'scanning';
        const watching = lib.watch(controller.signal, (p) => {
          phase = p.phase;
          view.update(p);
          if (global().json) process.stdout.write(JSON.stringify({ event: 'progress', ...p }) + '\n');
        });
        // watch() took the writer lock before its first await; had it failed, its rejection stops this at once.
        const stopLearning = learnWhileWatching(lib, analyzer?.tagThreshold, () => phase === 'idle');
        try {
          await watching;
        } finally {
          await stopLearning();
          view.stop();
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
        if (!global().json) console.error('Stopped watching.');
      }),
    );

  program
    .command('search')
    .description('search the library, e.g. tag:dog -tag:cat year:2019 "birthday cake"')
    .argument('<query...>', 'the query (see the README for the language)')
    .option('--limit <n>', 'results per page', '20')
    .option('--offset <n>', 'skip this many results', '0')
    .action((words: string[], cmd: { limit: string; offset: string }) =>
      withLibrary(global(), (lib) => {
        const query = words.join(' ');
        const page = lib.search(query, { limit: parseCount(cmd.limit, '--limit'), offset: parseCount(cmd.offset, '--offset') });
        if (global().json) printJson(page);
        else printSearch(page);
      }, null, 'read'),
    );

  program
    .command('show')
    .description('show one photo: metadata, tags, caption')
    .argument('<photo>', 'the photo file path, or its library id')
    .action((ref: string) =>
      withLibrary(global(), (lib) => {
        const detail = lib.describePhoto(ref);
        if (global().json) printJson(detail);
        else printPhoto(detail);
      }, null, 'read'),
    );

  program
    .command('on-this-day')
    .description("photos taken on today's date in earlier years, by year")
    .action(() =>
      withLibrary(global(), (lib) => {
        const view = lib.onThisDay(10);
        if (global().json) printJson(view);
        else printOnThisDay(view);
      }, null, 'read'),
    );

  program
    .command('tags')
    .description('the tag vocabulary with photo counts')
    .action(() =>
      withLibrary(global(), (lib) => {
        const tags = lib.tagCounts();
        if (global().json) printJson({ tags });
        else printTags(tags);
      }, null, 'read'),
    );

  program
    .command('status')
    .description('photos indexed, queued and failed (with reasons), and the folders')
    .action(() =>
      withLibrary(global(), (lib) => {
        lib.assertSound();
        const status = lib.status();
        if (global().json) printJson(status);
        else printStatus(status);
      }, null, 'read'),
    );

  program
    .command('backup')
    .description('copy the library (tags, corrections, learned tags) into a new file, safely while the app runs')
    .argument('<file>', 'the new backup file; never overwritten')
    .addHelpText('after', '\nTo restore: quit Phototag, then copy the backup over <data dir>/library.db.')
    .action((file: string) =>
      withLibrary(global(), async (lib) => {
        const summary = await lib.backup(file);
        if (global().json) printJson(summary);
        else console.log(`Backed up ${summary.photos} photos and ${summary.corrections} corrections to ${summary.file} (${(summary.bytes / 1e6).toFixed(1)} MB).`);
      }, null, 'read'),
    );

  program
    .command('doctor')
    .description('check decoders, the model backend, the GPU and the library file')
    .option('--full', 'check the library file fully (every index against its table; slower)', false)
    .option('--repair', 'rebuild a damaged library file, saving your folders, corrections and taught tags', false)
    .action(async (cmd: { full: boolean; repair: boolean }) => {
      if (cmd.repair) {
        const { report, lines } = runRepair(global().dataDir, Date.now());
        if (global().json) printJson(report);
        else for (const line of lines) console.log(line);
        return;
      }
      const report = await runDoctor(global().dataDir, { full: cmd.full });
      if (global().json) printJson(report);
      else for (const check of report.checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
      if (report.checks.some((c) => !c.ok && c.required)) process.exitCode = ExitCode.failure;
    });

  registerServeCommand(program, global);
  registerLearningCommands(program, global);
  registerPeopleCommands(program, global);
  registerTextCommands(program, global);
  registerExportXmpCommands(program, global);
  registerAlbumCommands(program, global);
  registerDuplicateCommands(program, global);

  return program;
}

function parseCount(value: string, flag: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CommanderError(ExitCode.usage, 'phototag.invalidArgument', `phototag: ${flag} takes a whole number of at least ${min}, got "${value}"`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
      if (error.code === 'phototag.invalidArgument') process.stderr.write(error.message + '\n');
      return ExitCode.usage;
    }
    return reportError(error, Boolean(program.opts<GlobalOptions>().json));
  }
}

process.exitCode = await main(process.argv);
