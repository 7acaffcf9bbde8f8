import { CommanderError, type Command } from 'commander';
import { LibraryService } from '../core/library/LibraryService.js';
import { acquireWriterLock } from '../core/library/writerLock.js';
import type { LearningService } from '../core/learning/LearningService.js';
import { openLibraryLearning, startBackgroundLearning } from '../core/learning/libraryLearning.js';
import type { TeachingService } from '../core/learning/TeachingService.js';
import type { SimilarPhotosView, TaughtTagView, TeachResultView, TrainingRunView } from '../contract/views.js';
import { ExitCode, printJson } from './output.js';

/** The program-wide options these commands honour (see main.ts). */
export interface LearnGlobals {
  dataDir: string;
  json: boolean;
}

interface LearningContext {
  library: LibraryService;
  learning: LearningService;
  teaching: TeachingService;
}

/**
 * Opens the library with its learner for one command; writers also take the library's writer lock. Readers
 * (learned, similar, retrain --history) open it for reading, so they work on a read-only disk too.
 */
async function withLearning<T>(globals: LearnGlobals, writes: boolean, fn: (ctx: LearningContext) => Promise<T>): Promise<T> {
  const library = LibraryService.open({ dataDir: globals.dataDir, access: writes ? 'write' : 'read' });
  const release = writes ? acquireWriterLock(library.paths.lock) : () => {};
  const { learning, teaching, close } = openLibraryLearning(library, { recoverInterrupted: writes });
  try {
    return await fn({ library, learning, teaching });
  } finally {
    await close();
    release();
    library.close();
  }
}

/**
 * During `watch` (whose process holds the writer lock): the same background learning as the app, retraining after
 * enough corrections (the pipeline itself applies the live heads to each photo it stores). Returns its stop.
 */
export function learnWhileWatching(library: LibraryService, modelThreshold: number | undefined, settled: () => boolean): () => Promise<void> {
  // Its first write comes at the first poll, seconds from now, by when a watch that failed has stopped it.
  return startBackgroundLearning(library, modelThreshold, settled);
}

/** Progress of the learning worker on stderr, on a terminal only. */
function watchProgress(learning: LearningService, enabled: boolean): () => void {
  if (!enabled) return () => {};
  const timer = setInterval(() => {
    const activity = learning.activity();
    if (!activity) return;
    const { phase, done, total } = activity.progress;
    process.stderr.write(`\r${phase}${total > 0 ? ` ${Math.round((100 * done) / total)}%` : ''}   `);
  }, 200);
  return () => {
    clearInterval(timer);
    process.stderr.write('\r\x1b[K');
  };
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(0)}%`);

function printRun(run: TrainingRunView): void {
  console.log(`Training run ${run.id} (${run.trigger}): ${run.state}${run.trainMs !== null ? `, trained in ${(run.trainMs / 1000).toFixed(1)} s` : ''}${run.rescoreMs !== null ? `, library re-scored in ${(run.rescoreMs / 1000).toFixed(1)} s` : ''}.`);
  if (run.error) console.log(`  error: ${run.error}`);
  for (const t of run.tags) {
    const before = t.before ? `F1 ${pct(t.before.f1)} → ` : 'F1 ';
    // Figures on the examples a head learned from say nothing of its quality: never printed as such.
    const quality = t.evaluatedOn === 'training' ? 'too few examples to estimate its quality yet' : `${before}${pct(t.after.f1)} on ${t.evaluationRows} ${t.evaluatedOn} labels`;
    console.log(`  ${t.decision.padEnd(7)} ${t.tag} [${t.kind}${t.version !== null ? ` v${t.version}` : ''}] ${quality} — ${t.reason}`);
  }
  for (const w of run.waiting) console.log(`  waiting ${w.tag}: ${w.reason}`);
  if (run.tags.length === 0 && run.waiting.length === 0) console.log('  Nothing to learn yet: teach a tag (phototag teach <tag> <photo…>) or correct some tags first.');
}

function printTeach(result: TeachResultView): void {
  if (result.run) printRun(result.run);
  if (result.suggestions.length === 0) console.log(`No other photo looks like "${result.tag}" yet. Add more examples to widen it.`);
  else {
    console.log(`Photos that look like "${result.tag}" (confirm with: phototag teach "${result.tag}" <photo…>, reject with --reject <photo…>):`);
    for (const s of result.suggestions) console.log(`  ${pct(s.confidence).padStart(4)}  ${s.photo.path}`);
  }
}

function printTagPage(page: TaughtTagView): void {
  console.log(`${page.name} (${page.learning === 'new-tag' ? 'your tag' : 'model tag you corrected'}): ${page.exampleCount} example(s), ${page.rejectedCount} rejected, suggested on ${page.suggestedCount} photo(s).`);
  console.log(`  live head: ${page.activeVersion !== null ? `v${page.activeVersion}` : 'none'}`);
  for (const v of page.versions) console.log(`  v${v.version}${v.active ? ' (live)' : ''}: ${new Date(v.createdAt).toISOString()}, held-out F1 ${pct(v.heldOutF1)}`);
  for (const e of page.examples.slice(0, 10)) console.log(`  example: ${e.path}`);
}

function printSimilar(view: SimilarPhotosView): void {
  console.log(`Photos like ${view.photo.path}:`);
  for (const s of view.similar) console.log(`  ${s.similarity.toFixed(3)}  ${s.photo.path}`);
  if (view.suggestedTags.length > 0) console.log(`Its look-alikes suggest: ${view.suggestedTags.map((t) => `${t.name} (${pct(t.score)})`).join(', ')}`);
}

function parsePositive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(ExitCode.usage, 'phototag.invalidArgument', `phototag: ${flag} takes a whole number of at least 1, got "${value}"`);
  return n;
}

/** `teach`, `retrain`, `similar`, `learned` and `rollback`: learning from the user's corrections. */
export function registerLearningCommands(program: Command, globals: () => LearnGlobals): void {
  program
    .command('teach')
    .description('teach a tag from example photos (it is trained at once and suggested on look-alikes)')
    .argument('<tag>', 'the tag, new ("my bike") or one the models know')
    .argument('[photos...]', 'photos that show it (file paths or library ids)')
    .option('--reject <photos...>', 'photos that do not show it')
    .option('--limit <n>', 'suggestions to list', '20')
    .action(async (tag: string, photos: string[], flags: { reject?: string[]; limit: string }) => {
      const limit = parsePositive(flags.limit, '--limit');
      if (photos.length === 0 && !(flags.reject?.length)) {
        throw new CommanderError(ExitCode.usage, 'phototag.invalidArgument', `phototag: name at least one photo that shows "${tag}", e.g. phototag teach "${tag}" ~/Pictures/IMG_0001.jpg`);
      }
      await withLearning(globals(), true, async ({ library, learning, teaching }) => {
        const ids = photos.map((ref) => library.findPhoto(ref).id);
        const rejections = (flags.reject ?? []).map((ref) => library.findPhoto(ref).id);
        const stop = watchProgress(learning, !globals().json && Boolean(process.stderr.isTTY));
        const result = await teaching.teach(tag, ids, rejections, limit).finally(stop);
        if (globals().json) printJson(result);
        else printTeach(result);
      });
    });

  program
    .command('retrain')
    .description('retrain from every correction now (normally automatic); --history lists past runs')
    .option('--tag <tags...>', 'only these tags')
    .option('--history', 'list the recent training runs instead', false)
    .option('--run <id>', 'show one past run, with its per-epoch curves in --json')
    .action(async (flags: { tag?: string[]; history: boolean; run?: string }) => {
      const readOnly = flags.history || flags.run !== undefined;
      await withLearning(globals(), !readOnly, async ({ learning }) => {
        if (flags.run !== undefined) {
          const run = learning.runView(parsePositive(flags.run, '--run'));
          if (globals().json) printJson(run);
          else printRun(run);
          return;
        }
        if (flags.history) {
          const runs = learning.runs(20);
          if (globals().json) printJson({ runs });
          else if (runs.length === 0) console.log('No training runs yet.');
          else for (const run of runs) printRun(run);
          return;
        }
        const stop = watchProgress(learning, !globals().json && Boolean(process.stderr.isTTY));
        const run = await learning.retrain({ trigger: 'manual', ...(flags.tag ? { tags: flags.tag } : {}) }).finally(stop);
        if (globals().json) printJson(run);
        else printRun(run);
        if (run.state !== 'done') process.exitCode = ExitCode.failure;
      });
    });

  program
    .command('similar')
    .description('photos that look like this one, and the tags they suggest for it')
    .argument('<photo>', 'the photo file path, or its library id')
    .option('--limit <n>', 'how many', '12')
    .action(async (ref: string, flags: { limit: string }) => {
      const limit = parsePositive(flags.limit, '--limit');
      await withLearning(globals(), false, async ({ library, teaching }) => {
        const view = teaching.similar(library.findPhoto(ref).id, limit);
        if (globals().json) printJson(view);
        else printSimilar(view);
      });
    });

  program
    .command('learned')
    .description('tags you taught or corrected, or one tag with its examples and head versions')
    .argument('[tag]')
    .action(async (tag: string | undefined) => {
      await withLearning(globals(), false, async ({ teaching }) => {
        if (tag !== undefined) {
          const page = teaching.tagPage(tag);
          if (globals().json) printJson(page);
          else printTagPage(page);
          return;
        }
        const tags = teaching.learnedTags();
        if (globals().json) printJson({ tags });
        else if (tags.length === 0) console.log('Nothing taught yet. Teach a tag with: phototag teach <tag> <photo…>');
        else for (const t of tags) console.log(`${t.name}: ${t.examples} example(s), ${t.rejected} rejected, live head ${t.activeVersion !== null ? `v${t.activeVersion}` : 'none'} (${t.learning})`);
      });
    });

  program
    .command('rollback')
    .description("make an earlier version of a tag's learned head live again ('none' drops the head)")
    .argument('<tag>')
    .argument('<version>', "a version number from `phototag learned <tag>`, or 'none'")
    .action(async (tag: string, version: string) => {
      const target = version === 'none' ? null : parsePositive(version, '<version>');
      await withLearning(globals(), true, async ({ learning, teaching }) => {
        const summary = await learning.rollback(tag, target);
        const page = teaching.tagPage(tag);
        if (globals().json) printJson({ tag: page.name, activeVersion: page.activeVersion, rescore: summary });
        else console.log(`${page.name} now uses ${page.activeVersion !== null ? `head v${page.activeVersion}` : 'no learned head'}; ${summary.added} suggestion(s) added and ${summary.removed} removed in ${summary.totalMs} ms.`);
      });
    });
}
