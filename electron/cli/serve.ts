import { CommanderError, type Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LibraryRuntime, type OpenedAnalyzer } from '../core/host/LibraryRuntime.js';
import { openModelAnalyzer, type ModelAnalyzerSettings } from '../core/models/openModelAnalyzer.js';
import { openTextReader } from '../core/text/openTextReader.js';
import type { ApiOutput } from '../contract/api.js';
import type { IndexProgressView } from '../contract/views.js';
import { startHttpServer } from '../http/server.js';
import { ExitCode } from './output.js';
import { cliTaggingPlan, type ModelChoice, type ModelsOption } from './modelChoice.js';
import { reportIndexing } from './serveProgress.js';

/** The program-wide options serve honours (see main.ts). */
export interface ServeGlobals {
  dataDir: string;
  /** Absent: the library's saved choice (see modelChoice). */
  models?: ModelsOption;
  workers?: string;
  batch?: string;
  captionPack?: string;
}

interface ServeFlags {
  port: string;
}

/** The built renderer beside the package (renderer/dist), whether this runs from dist/ or from source. */
function rendererDir(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      const built = path.join(dir, 'renderer', 'dist');
      return fs.existsSync(path.join(built, 'index.html')) ? built : null;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function parseWhole(value: string, flag: string, min: number, max: number, hint = ''): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CommanderError(ExitCode.usage, 'phototag.invalidArgument', `phototag: ${flag} takes a whole number from ${min} to ${max}${hint}, got "${value}"`);
  }
  return n;
}

async function openAnalyzer(globals: ServeGlobals, models: ModelChoice): Promise<OpenedAnalyzer> {
  if (models === 'off') {
    process.stderr.write('Models are off (--models off): photos are indexed and searchable by date, camera and name, without tags.\n');
    return { analyzer: null, problem: null };
  }
  const settings: ModelAnalyzerSettings = { profile: models };
  if (globals.workers !== undefined) settings.workers = parseWhole(globals.workers, '--workers', 1, 256);
  if (globals.batch !== undefined) settings.batchSize = parseWhole(globals.batch, '--batch', 1, 256);
  if (globals.captionPack !== undefined) settings.captionPack = globals.captionPack;
  process.stderr.write(`Starting the ${models} tagging models…\n`);
  const opened = await openModelAnalyzer(settings);
  if (opened.problem) process.stderr.write(`phototag: ${opened.problem}\n  Check the models with: phototag doctor\n`);
  return opened;
}

/**
 * Says on stderr what the background indexer is doing: it starts with the runtime, before anyone opens the page.
 * Subscribed from the start so no pass goes unseen, but held back until `show()`, once the URL is printed.
 */
function reportBackgroundIndexing(host: LibraryRuntime): { show(): void; stop(): void } {
  const report = reportIndexing(process.stderr);
  let held: IndexProgressView[] | null = [];
  const unsubscribe = host.subscribe((event) => {
    if (event.type !== 'index-progress') return;
    if (held) held.push(event.progress);
    else report.update(event.progress);
  });
  return {
    show() {
      const pending = held ?? [];
      held = null;
      for (const progress of pending) report.update(progress);
      // Nothing to do (or done before we looked): say the library is indexed rather than nothing at all.
      void host.call('library.status', {}).then((status) => {
        const value = status.ok ? (status.value as ApiOutput<'library.status'>) : null;
        if (value?.indexer.state === 'watching') report.upToDate(value.photos.total);
      });
    },
    stop() {
      unsubscribe();
      report.stop();
    },
  };
}

/**
 * `phototag serve`: the library and its UI in a browser, on 127.0.0.1 only. The first line on stdout is the URL
 * with this run's token, so scripts can read it; everything else goes to stderr.
 */
export function registerServeCommand(program: Command, globals: () => ServeGlobals): void {
  program
    .command('serve')
    .description('open the library in your browser: serves the UI and the API on 127.0.0.1 until Ctrl-C')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .action(async (flags: ServeFlags) => {
      const port = parseWhole(flags.port, '--port', 0, 65_535, ' (0 picks a free one)');
      const { dataDir } = globals();
      const staticDir = rendererDir();
      // The Library screen's model choice switches the running models (LibraryRuntime), as in the app.
      const plan = cliTaggingPlan(globals());
      const host = await LibraryRuntime.open(
        {
          dataDir,
          openAnalyzer: (models) => openAnalyzer(globals(), models),
          ...(plan.improve ? { openImprover: () => openAnalyzer(globals(), plan.improve as ModelChoice) } : {}),
          textReader: openTextReader,
        },
        plan.first,
      );
      const indexing = reportBackgroundIndexing(host);
      try {
        const server = await startHttpServer(host, { port, staticDir });
        process.stdout.write(`${server.url}\n`);
        if (!staticDir) process.stderr.write('phototag: the UI is not built, so only the API answers. Build it with: npm run build:renderer\n');
        process.stderr.write(`Serving the library in ${dataDir} at the URL above (this machine only). Press Ctrl-C to stop.\n`);
        indexing.show();
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        indexing.stop();
        process.stderr.write('Stopping…\n');
        await server.close();
      } finally {
        indexing.stop();
        await host.close();
      }
      process.stderr.write('Stopped.\n');
    });
}
