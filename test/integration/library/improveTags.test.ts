import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { openModelAnalyzer } from '../../../electron/core/models/openModelAnalyzer.js';
import type { ModelAnalyzer } from '../../../electron/core/models/ModelAnalyzer.js';
import { pipelineVersionFor } from '../../../electron/core/pipeline/pipelineVersion.js';
import { runCli, runCliJson, spawnCli } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

const cocoImages = sharedData('coco', 'images');
const cocoFiles = fs.readdirSync(cocoImages).filter((f) => f.endsWith('.jpg')).sort();

async function openBoth(): Promise<{ fast: ModelAnalyzer; accurate: ModelAnalyzer }> {
  const [fast, accurate] = await Promise.all([openModelAnalyzer({ profile: 'fast', workers: 1, batchSize: 2 }), openModelAnalyzer({ profile: 'accurate', workers: 1, batchSize: 2 })]);
  if (!fast.analyzer || !accurate.analyzer) throw new Error(`models did not start: ${fast.problem ?? accurate.problem}`);
  return { fast: fast.analyzer, accurate: accurate.analyzer };
}

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 120_000) => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe("fast then accurate: photos indexed with 'fast', then re-tagged with 'accurate'", () => {
  const temp = makeTempDir();
  const photos = path.join(temp.dir, 'photos');
  const files = cocoFiles.slice(0, 6);
  let models: { fast: ModelAnalyzer; accurate: ModelAnalyzer };
  let library: LibraryService;
  let fastVersion: number;
  let accurateVersion: number;

  beforeAll(async () => {
    copyPhotos(cocoImages, photos, files);
    models = await openBoth();
    fastVersion = pipelineVersionFor(models.fast.version);
    accurateVersion = pipelineVersionFor(models.accurate.version);
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer: models.fast, improver: models.accurate });
    library.addFolder(photos);
  }, 120_000);
  afterAll(async () => {
    library?.close();
    await Promise.all([models?.fast.close(), models?.accurate.close()]);
    temp.cleanup();
  });

  const photo = (name: string) => library.db.photos.byPath(path.join(photos, name))!;

  it("indexes with 'fast' first: every photo searchable, all of them waiting for 'accurate', newest first", async () => {
    const summary = await library.index();
    expect(summary.done).toBe(files.length);
    for (const name of files) {
      expect(photo(name)).toMatchObject({ state: 'indexed', pipelineVersion: fastVersion });
      expect(library.db.vectors.get(photo(name).id, 'coco-scores')?.version).toBe(models.fast.modelInfo.version);
    }
    expect(library.search('tag:person', { limit: 50, offset: 0 }).total).toBeGreaterThan(0);
    expect(library.improvementLeft()).toBe(files.length);
    // coco photos carry no capture date: among equally undated photos the newest added comes first.
    const next = library.db.improvements.next(fastVersion, 100).map((p) => p.id);
    expect(next).toEqual([...next].sort((a, b) => b - a));
    expect(next).toHaveLength(files.length);
  });

  it("re-tags every photo with 'accurate' and keeps the user's corrections", async () => {
    const corrected = photo(files[0] as string);
    const now = Date.now();
    const modelTag = library.db.tags.forPhoto(corrected.id).find((t) => t.source === 'model')!;
    library.db.tags.reject(corrected.id, modelTag.name, now);
    library.db.tags.add(corrected.id, 'my own tag', now);
    library.db.captions.setByUser(corrected.id, 'Written by me', now);
    library.db.searchIndex.refresh(corrected.id);
    const correctionsBefore = library.db.corrections.count();

    const seen: number[] = [];
    const result = await library.improve((p) => seen.push(p.remaining));
    expect(result).toEqual({ improved: files.length, remaining: 0 });
    expect(seen.at(0)).toBe(files.length);
    expect(seen.at(-1)).toBe(0);
    for (const name of files) {
      expect(photo(name).pipelineVersion).toBe(accurateVersion);
      expect(library.db.vectors.get(photo(name).id, 'coco-scores')?.version).toBe(models.accurate.modelInfo.version);
      for (const tag of library.db.tags.forPhoto(photo(name).id).filter((t) => t.source === 'model' && t.state === 'suggested')) {
        expect(tag.modelVersion).toBe(models.accurate.version);
      }
    }

    const tags = library.db.tags.forPhoto(corrected.id);
    expect(tags.find((t) => t.name === modelTag.name)?.state).toBe('rejected');
    expect(tags.find((t) => t.name === 'my own tag')).toMatchObject({ source: 'user', state: 'accepted' });
    expect(library.db.captions.get(corrected.id)?.text).toBe('Written by me');
    expect(library.search('"my own tag"', { limit: 10, offset: 0 }).total).toBe(1);
    expect(library.db.corrections.count()).toBe(correctionsBefore);
    expect(library.improvementLeft()).toBe(0);
  }, 300_000);

  it('does not send improved photos back to the first tagger on the next index pass', async () => {
    const summary = await library.index();
    expect(summary.done).toBe(0);
    for (const name of files) expect(photo(name).pipelineVersion).toBe(accurateVersion);
  });
});

describe('a photo added while the library improves its tags', () => {
  const temp = makeTempDir();
  const photos = path.join(temp.dir, 'photos');
  const files = cocoFiles.slice(0, 12);
  const newcomer = cocoFiles[12] as string;
  let models: { fast: ModelAnalyzer; accurate: ModelAnalyzer };

  beforeAll(async () => {
    copyPhotos(cocoImages, photos, files);
    models = await openBoth();
  }, 120_000);
  afterAll(async () => {
    await Promise.all([models?.fast.close(), models?.accurate.close()]);
    temp.cleanup();
  });

  it('is indexed first, while older photos still wait for the better tags', async () => {
    const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer: models.fast, improver: models.accurate, watch: { stabilityMs: 200 } });
    const controller = new AbortController();
    try {
      library.addFolder(photos);
      const fastVersion = pipelineVersionFor(models.fast.version);
      const watching = library.watch(controller.signal);
      await waitFor(() => (library.improvement()?.improved ?? 0) >= 1, 'the first improved photos');
      copyPhotos(cocoImages, photos, [newcomer]);
      const newPhoto = () => library.db.photos.byPath(path.join(photos, newcomer));
      await waitFor(() => newPhoto()?.state === 'indexed', 'the new photo to be indexed');
      // Indexed with 'fast' (searchable now), ahead of the older photos still waiting for 'accurate'.
      expect(newPhoto()?.pipelineVersion).toBe(fastVersion);
      const waiting = library.db.improvements.next(fastVersion, 100).filter((p) => p.id !== newPhoto()?.id);
      expect(waiting.length).toBeGreaterThan(0);
      // And it is the newest, so it is next in line for the better tags.
      expect(library.db.improvements.next(fastVersion, 1)[0]?.id).toBe(newPhoto()?.id);
      controller.abort();
      await watching;
    } finally {
      controller.abort();
      library.close();
    }
  }, 300_000);
});

describe('improving killed with SIGKILL', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('resumes and ends with every photo improved once, nothing lost, an intact database', async () => {
    const photos = path.join(temp.dir, 'photos');
    const files = cocoFiles.slice(0, 10);
    copyPhotos(cocoImages, photos, files);
    const dataDir = path.join(temp.dir, 'data');
    const cli = ['--data-dir', dataDir, '--workers', '1', '--batch', '2', '--models', 'fast-then-accurate'];
    expect(runCli([...cli, 'add', photos]).status).toBe(0);
    const indexed = runCli([...cli, 'index']);
    expect(indexed.status, indexed.stderr).toBe(0);
    const dbFile = path.join(dataDir, 'library.db');
    const versions = () => {
      const db = new Database(dbFile, { readonly: true });
      try {
        return db.prepare('SELECT pipeline_version AS v, COUNT(*) AS n FROM photos GROUP BY pipeline_version ORDER BY n').all() as { v: number; n: number }[];
      } finally {
        db.close();
      }
    };
    const [fastRow] = versions();
    expect(fastRow).toEqual({ v: expect.any(Number), n: files.length });

    const kills: number[] = [];
    for (let kill = 0; kill < 2; kill++) {
      const child = spawnCli([...cli, 'improve']);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // Killed once some photos are improved and others are not: mid-improvement, however fast the machine.
      const improvedBefore = files.length - (versions().find((r) => r.v === fastRow?.v)?.n ?? 0);
      await waitFor(() => files.length - (versions().find((r) => r.v === fastRow?.v)?.n ?? 0) > improvedBefore, 'a photo improved', 240_000);
      child.kill('SIGKILL');
      await exited;
      kills.push(files.length - (versions().find((r) => r.v === fastRow?.v)?.n ?? 0));
    }
    expect(kills.at(-1)).toBeLessThan(files.length);

    const final = runCliJson<{ improved: number; remaining: number }>([...cli, 'improve']);
    expect(final.remaining).toBe(0);
    expect(final.improved).toBe(files.length - (kills.at(-1) as number));
    const after = versions();
    expect(after).toHaveLength(1);
    expect(after[0]?.n).toBe(files.length);
    expect(after[0]?.v).not.toBe(fastRow?.v);

    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT COUNT(*) AS n FROM photos').get()).toEqual({ n: files.length });
      expect(db.prepare("SELECT COUNT(*) AS n FROM photo_vectors WHERE kind = 'coco-scores'").get()).toEqual({ n: files.length });
      // Every model tag comes from the one better tagger: no photo kept a 'fast' tag beside its 'accurate' ones.
      expect(db.prepare("SELECT COUNT(DISTINCT model_version) AS n FROM photo_tags WHERE source = 'model'").get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM photo_search').get()).toEqual({ n: files.length });
      expect(db.prepare('SELECT COUNT(*) AS n FROM jobs').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    const index = runCliJson<{ done: number }>([...cli, 'index']);
    expect(index.done).toBe(0);
  }, 600_000);
});
