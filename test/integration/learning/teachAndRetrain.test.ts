import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorrectionService } from '../../../electron/core/library/CorrectionService.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { collectExamples } from '../../../electron/core/learning/collectExamples.js';
import { LearningService } from '../../../electron/core/learning/LearningService.js';
import { RetrainScheduler } from '../../../electron/core/learning/RetrainScheduler.js';
import { TeachingService } from '../../../electron/core/learning/TeachingService.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import type { ModelAnalyzer } from '../../../electron/core/models/ModelAnalyzer.js';
import { exampleGroups } from '../../../native-models/learning/trainTagHead.js';
import { openModelAnalyzer } from '../../../electron/core/models/openModelAnalyzer.js';
import { runCli, spawnCli } from '../../helpers/cli.js';
import { readJson, sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

/**
 * Teaching and retraining on a real library: 40 real scene photos (forest, sea, street, glacier) indexed by the
 * shipped models into a real SQLite file, the learning worker thread training over the stored vectors.
 */
const classes = ['forest', 'sea', 'street', 'glacier'] as const;

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
const labels = readJson<Record<string, string[]>>(sharedData('scenes', 'labels.json'));
const split = readJson<{ dev: string[]; test: string[] }>(sharedData('scenes', 'split.json'));
const files = classes.flatMap((c) => split.test.filter((f) => labels[f]?.[0] === c).slice(0, 10));

describe('learning from corrections on a real library', () => {
  const temp = makeTempDir('phototag-learning-');
  const dataDir = path.join(temp.dir, 'data');
  let analyzer: ModelAnalyzer;
  let library: LibraryService;
  let learning: LearningService;
  let teaching: TeachingService;
  const idOf = new Map<string, number>();
  const classOf = new Map<number, string>();
  const tag = 'my woods';

  beforeAll(async () => {
    const photos = path.join(temp.dir, 'photos');
    copyPhotos(sharedData('scenes', 'images'), photos, files);
    const opened = await openModelAnalyzer({ profile: 'fast', workers: 1 });
    if (!opened.analyzer) throw new Error(opened.problem ?? 'models did not start');
    analyzer = opened.analyzer;
    library = LibraryService.open({ dataDir, analyzer, logger: createLogger(null) });
    library.addFolder(photos);
    await library.index();
    for (const f of files) {
      const row = library.db.photos.byPath(path.join(photos, f));
      if (!row) throw new Error(`${f} was not indexed`);
      idOf.set(f, row.id);
      classOf.set(row.id, labels[f]?.[0] as string);
    }
    learning = new LearningService(library.db, { dbFile: library.paths.database, modelThreshold: analyzer.modelInfo.threshold });
    teaching = new TeachingService(library.db, new CorrectionService(library.db), learning);
  });

  afterAll(async () => {
    await learning?.close();
    library?.close();
    await analyzer?.close();
    temp.cleanup();
  });

  const forest = () => files.filter((f) => labels[f]?.[0] === 'forest').map((f) => idOf.get(f) as number);
  const rowOf = (photoId: number) => library.db.tags.forPhoto(photoId).find((t) => t.name === tag);

  it('previews a new tag before it goes live: stores nothing, then teaching tags exactly what it said', async () => {
    const examples = forest().slice(0, 5);
    const preview = await teaching.preview('pinewood', examples, 12);
    expect(preview.problem).toBeNull();
    expect(preview.scored).toBe(files.length);
    expect(preview.count).toBeGreaterThan(0);
    expect(preview.count).toBeLessThanOrEqual(files.length - examples.length);
    expect(preview.sample.length).toBe(Math.min(12, preview.count));
    for (const s of preview.sample) expect(examples).not.toContain(s.photo.id);
    // Nothing stored: no tag, no verdict, no head.
    expect(library.db.tags.named('pinewood')).toBeUndefined();
    expect(library.db.learningLabels.verdicts().length).toBe(0);
    const result = await teaching.teach('pinewood', examples);
    const tagged = [...classOf.keys()].filter((id) => !examples.includes(id) && library.db.tags.forPhoto(id).some((t) => t.name === 'pinewood' && t.state === 'suggested'));
    expect(tagged.length).toBe(preview.count);
    // The head's threshold is the library's (never below the recipe's floor).
    const head = JSON.parse(library.db.heads.activeOf(library.db.tags.named('pinewood')?.id as number)?.head ?? '{}') as { threshold: number };
    expect(head.threshold).toBeGreaterThanOrEqual(0.4);
    expect(result.run?.tags.find((t) => t.tag === 'pinewood')?.evaluatedOn).toBe('training');
    // Forgotten again, so the tests below start from a library without it.
    new CorrectionService(library.db).correctTags('remove', examples, 'pinewood');
    await learning.rollback('pinewood', null);
  });

  it('learns a new tag from five examples and suggests it on look-alikes, as model rows of a head version', async () => {
    const examples = forest().slice(0, 5);
    const result = await teaching.teach(tag, examples);
    const trained = result.run?.tags.find((t) => t.tag === tag);
    expect(trained?.decision).toBe('swapped');
    expect(trained?.version).toBe(1);
    expect(trained?.curve.length).toBeGreaterThan(5);
    expect(result.suggestions.length).toBeGreaterThan(0);
    for (const id of examples) expect(rowOf(id)).toMatchObject({ source: 'user', state: 'accepted' });
    const suggested = [...classOf.keys()].filter((id) => !examples.includes(id) && rowOf(id)?.state === 'suggested');
    for (const id of suggested) expect(rowOf(id)).toMatchObject({ source: 'model', modelVersion: 'head:v1' });
    // Better than chance by a margin: a quarter of the library is forest, most of what the tag lands on must be.
    const forestShare = suggested.filter((id) => classOf.get(id) === 'forest').length / suggested.length;
    expect(forestShare).toBeGreaterThan(0.5);
    // The strongest suggestion is a forest photo (they are ranked by confidence).
    expect(classOf.get(result.suggestions[0]?.photo.id as number)).toBe('forest');
  });

  it('never overwrites a rejection or an example, through retraining and re-scoring', async () => {
    const wrong = [...classOf.keys()].find((id) => classOf.get(id) !== 'forest' && rowOf(id)?.state === 'suggested');
    const victim = wrong ?? ([...classOf.keys()].find((id) => classOf.get(id) === 'sea') as number);
    const result = await teaching.teach(tag, forest().slice(5, 7), [victim]);
    expect(result.run?.tags.find((t) => t.tag === tag)?.decision).toBe('swapped');
    await learning.rescore(null);
    expect(rowOf(victim)?.state).toBe('rejected');
    // An accepted suggestion keeps its source ('model') but the verdict is the user's.
    for (const id of forest().slice(0, 7)) expect(rowOf(id)?.state).toBe('accepted');
    const page = teaching.tagPage(tag);
    expect(page).toMatchObject({ exampleCount: 7, rejectedCount: 1, activeVersion: 2, learning: 'new-tag' });
    expect(page.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('keeps every version: a rollback brings an earlier head back, and none drops its suggestions', async () => {
    await learning.rollback(tag, 1);
    const suggestedNow = () => [...classOf.keys()].filter((id) => rowOf(id)?.state === 'suggested');
    expect(suggestedNow().length).toBeGreaterThan(0);
    for (const id of suggestedNow()) expect(rowOf(id)?.modelVersion).toBe('head:v1');
    await learning.rollback(tag, null);
    expect(suggestedNow()).toEqual([]);
    expect(teaching.tagPage(tag).exampleCount).toBe(7);
    await learning.rollback(tag, 2);
    expect(teaching.tagPage(tag).activeVersion).toBe(2);
  });

  it('puts learned tags back on a photo the analyzer wrote again', async () => {
    const id = [...classOf.keys()].find((p) => rowOf(p)?.state === 'suggested' && rowOf(p)?.source === 'model') as number;
    const vectors = ['embedding', 'coco-scores'].map((kind) => library.db.vectors.get(id, kind));
    // What a re-index stores: the analyzer's own tags (dropping every model suggestion) and fresh vectors.
    library.db.transaction(() => {
      library.db.tags.setModelTags(id, [], analyzer.version, Date.now());
      for (const [k, kind] of ['embedding', 'coco-scores'].entries()) {
        const v = vectors[k];
        if (v) library.db.vectors.save(id, kind, v.version, v.values, Date.now() + 1000);
      }
    });
    expect(rowOf(id)).toBeUndefined();
    const caughtUp = await learning.catchUp();
    expect(caughtUp?.added).toBeGreaterThan(0);
    expect(rowOf(id)).toMatchObject({ source: 'model', state: 'suggested' });
    expect(await learning.catchUp()).toBeNull();
  });

  it('keeps learned tags on a photo the pipeline analyses again, with no catch-up or retrain', async () => {
    const id = [...classOf.keys()].find((p) => rowOf(p)?.state === 'suggested' && rowOf(p)?.source === 'model' && rowOf(p)?.modelVersion?.startsWith('head:')) as number;
    const photo = library.db.photos.byId(id);
    if (!photo) throw new Error('no photo with a learned suggestion');
    // New bytes after the JPEG's end: the same picture under a new content hash, so the pipeline analyses it again.
    fs.appendFileSync(photo.path, Buffer.from('edited'));
    const runsBefore = learning.runs(100).length;
    const summary = await library.index();
    expect(summary.changed).toBe(1);
    expect(library.db.photos.byId(id)?.contentHash).not.toBe(photo.contentHash);
    expect(rowOf(id)).toMatchObject({ source: 'model', state: 'suggested' });
    expect(learning.runs(100).length).toBe(runsBefore);
  });

  it('a cancelled run changes nothing and says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = await learning.retrain({ trigger: 'manual', signal: controller.signal });
    expect(run.state).toBe('cancelled');
    expect(run.tags.every((t) => t.decision !== 'swapped')).toBe(true);
    expect(teaching.tagPage(tag).versions).toHaveLength(2);
  });

  it('retrains by itself once enough corrections have settled, and not again without new ones', async () => {
    let changed = 0;
    const scheduler = new RetrainScheduler(library.db, learning, { after: 3, quietMs: 0, onTagsChanged: () => changed++ });
    const runsBefore = learning.runs(100).length;
    await scheduler.tick();
    expect(learning.runs(100).length).toBe(runsBefore + (scheduler.pendingCorrections().count >= 3 ? 1 : 0));
    new CorrectionService(library.db).correctTags('reject', [...classOf.keys()].filter((id) => classOf.get(id) === 'street').slice(0, 3), tag);
    expect(scheduler.status()).toMatchObject({ state: 'idle', pendingCorrections: 3, autoRetrainAfter: 3 });
    await scheduler.tick();
    const [run] = learning.runs(1);
    expect(run).toMatchObject({ trigger: 'auto', state: 'done' });
    expect(scheduler.status().pendingCorrections).toBe(0);
    const count = learning.runs(100).length;
    await scheduler.tick();
    expect(learning.runs(100).length).toBe(count);
    expect(changed).toBeGreaterThanOrEqual(run?.tags.some((t) => t.decision === 'swapped') ? 1 : 0);
    await scheduler.close();
  });

  it('finds look-alikes: most photos nearest neighbour shows the same kind of scene', () => {
    const queries = classes.flatMap((c) => files.filter((f) => labels[f]?.[0] === c).slice(0, 3)).map((f) => idOf.get(f) as number);
    const same = queries.filter((id) => {
      const view = teaching.similar(id, 3);
      expect(view.similar.map((s) => s.photo.id)).not.toContain(id);
      return classOf.get(view.similar[0]?.photo.id as number) === classOf.get(id);
    });
    expect(same.length / queries.length).toBeGreaterThan(0.6);
  });

  it('does all of it from the CLI with JSON and exit codes', () => {
    const cli = (args: string[]) => runCli(['--data-dir', dataDir, ...args]);
    const first = forest()[7] as number;
    const taught = cli(['teach', tag, String(first), '--json']);
    expect(taught.status, taught.stderr).toBe(0);
    expect(JSON.parse(taught.stdout)).toMatchObject({ tag, run: { state: 'done' } });
    const retrain = cli(['retrain', '--json']);
    expect(retrain.status, retrain.stderr).toBe(0);
    expect(JSON.parse(retrain.stdout).tags.map((t: { tag: string }) => t.tag)).toContain(tag);
    const similar = cli(['similar', String(first), '--json', '--limit', '4']);
    expect(similar.status, similar.stderr).toBe(0);
    expect(JSON.parse(similar.stdout).similar).toHaveLength(4);
    const history = cli(['retrain', '--history', '--json']);
    expect(JSON.parse(history.stdout).runs.length).toBeGreaterThan(3);

    const noPhotos = cli(['teach', tag]);
    expect(noPhotos.status).toBe(2);
    expect(noPhotos.stderr).toMatch(/name at least one photo/);
    const unknown = cli(['similar', '999999']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No photo 999999/);
    const badVersion = cli(['rollback', tag, '9']);
    expect(badVersion.status).toBe(2);
    expect(badVersion.stderr).toMatch(/no learned version 9/);
  });

  it('a CLI index applies the live heads to the photos it analyses, without waiting for a retrain', () => {
    const fresh = split.test.filter((f) => labels[f]?.[0] === 'forest' && !files.includes(f)).slice(0, 3);
    copyPhotos(sharedData('scenes', 'images'), path.join(temp.dir, 'photos'), fresh);
    const runsBefore = learning.runs(100).length;
    const indexed = runCli(['--data-dir', dataDir, '--models', 'fast', '--workers', '1', 'index', '--json']);
    expect(indexed.status, indexed.stderr).toBe(0);
    const summary = JSON.parse(indexed.stdout) as { added: number };
    expect(summary.added).toBe(fresh.length);
    const taggedNow = fresh.filter((f) => {
      const row = library.db.photos.byPath(path.join(temp.dir, 'photos', f));
      return row !== undefined && library.db.tags.forPhoto(row.id).some((t) => t.name === tag && t.source === 'model');
    });
    // The head learned forest from forest photos; new forest photos get it as they are stored, with no retrain.
    expect(taggedNow.length).toBeGreaterThan(0);
    expect(learning.runs(100).length).toBe(runsBefore);
  });

  it('a CLI watch tags new photos with the live heads, as the app does', async () => {
    const fresh = split.test.filter((f) => labels[f]?.[0] === 'forest' && !files.includes(f)).slice(3, 6);
    const child = spawnCli(['--data-dir', dataDir, '--models', 'fast', '--workers', '1', 'watch', '--json']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const learnedOn = () =>
      fresh.filter((f) => {
        const row = library.db.photos.byPath(path.join(temp.dir, 'photos', f));
        return row !== undefined && library.db.tags.forPhoto(row.id).some((t) => t.name === tag && t.source === 'model');
      });
    try {
      await until(() => stdout.includes('"phase":"idle"'), 60_000);
      copyPhotos(sharedData('scenes', 'images'), path.join(temp.dir, 'photos'), fresh);
      // The watcher picks the photos up, the pipeline analyses them, and the learner's next poll tags them.
      await until(() => learnedOn().length > 0, 60_000);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(learnedOn().length).toBeGreaterThan(0);
  }, 150_000);

  it("takes the examples of the user's other new tags as negatives, unless the two tags share an example", () => {
    const corrections = new CorrectionService(library.db);
    const of = (c: string) => files.filter((f) => labels[f]?.[0] === c).map((f) => idOf.get(f) as number);
    const woods = library.db.learningLabels.verdicts().filter((v) => v.tagName === tag && v.verdict === 'accepted').map((v) => v.photoId);
    const sea = of('sea').slice(0, 4);
    corrections.correctTags('accept', sea, 'my sea');
    // "my greenery" shares a photo with "my woods": the two are not exclusive, so neither's examples count against the other.
    corrections.correctTags('accept', [...of('forest').slice(-2), woods[0] as number], 'my greenery');
    const data = collectExamples(library.db, { tags: ['my sea', 'my greenery', tag], modelThreshold: analyzer.modelInfo.threshold });
    const siblingsOf = (name: string) => {
      const t = data?.tags.find((x) => x.examples.tag === name);
      if (!t) throw new Error(`${name} was not collected`);
      return new Set([...t.photoIds].filter((_, i) => t.examples.groups[i] === exampleGroups.indexOf('sibling')));
    };
    const seaSiblings = siblingsOf('my sea');
    for (const id of woods) expect(seaSiblings.has(id)).toBe(true);
    for (const id of sea) expect(seaSiblings.has(id)).toBe(false);
    const greenery = siblingsOf('my greenery');
    for (const id of sea) expect(greenery.has(id)).toBe(true);
    for (const id of woods) expect(greenery.has(id)).toBe(false);
    expect([...siblingsOf(tag)].some((id) => of('forest').slice(-2).includes(id))).toBe(false);
  });

  it("retrains the learned tags by itself once a library re-indexed by the other tagger has settled", async () => {
    // 'accurate' writes another version of the class-score vectors, which every live head reads: they are stale.
    const reindexed = runCli(['--data-dir', dataDir, '--models', 'accurate', '--workers', '2', 'index', '--json'], { timeoutMs: 240_000 });
    expect(reindexed.status, reindexed.stderr).toBe(0);
    expect(learning.staleHeads()).toBeGreaterThan(0);
    expect(reindexed.stderr).toMatch(/learned tag\(s\) were trained on another tagger's output .* phototag retrain/);
    // The stale head is no bar for its successor: it applies to no photo now.
    const collected = collectExamples(library.db, { tags: [tag], modelThreshold: analyzer.modelInfo.threshold });
    expect(collected?.tags[0]).toMatchObject({ liveVersion: null, examples: { before: null } });
    const learnedOnForest = () => forest().filter((id) => rowOf(id)?.source === 'model' || rowOf(id)?.state === 'accepted').length;

    let indexing = true;
    const scheduler = new RetrainScheduler(library.db, learning, { after: 1_000, settled: () => !indexing });
    const runsBefore = learning.runs(100).length;
    await scheduler.tick();
    expect(learning.runs(100).length).toBe(runsBefore);
    indexing = false;
    await scheduler.tick();
    const [run] = learning.runs(1);
    expect(learning.runs(100).length).toBe(runsBefore + 1);
    expect(run).toMatchObject({ trigger: 'auto', state: 'done' });
    expect(run?.tags.find((t) => t.tag === tag)?.decision).toBe('swapped');
    expect(learning.staleHeads()).toBe(0);
    expect(learnedOnForest()).toBeGreaterThan(forest().length / 2);
    // Nothing new since: no second run.
    await scheduler.tick();
    expect(learning.runs(100).length).toBe(runsBefore + 1);
    await scheduler.close();
  }, 300_000);
});
