import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorrectionService } from '../../../electron/core/library/CorrectionService.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { runCli, type CliResult } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

const damagedSentence = /The library file is damaged.*run `phototag doctor`/i;

/** A known condition: one sentence that says what to do, never a stack trace or "unexpected error". */
function expectDamagedAnswer(result: CliResult): void {
  expect(result.status, result.stdout + result.stderr).toBe(1);
  expect(result.stderr).toMatch(damagedSentence);
  expect(result.stderr).not.toMatch(/\n\s+at |unexpected error|SqliteError/);
}

function quickCheck(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('quick_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/**
 * Writes 8 KB of garbage over the page that holds the photos with the highest ids (and the page after it). The
 * photos' leaves come after every small table's first page in the file, so the user's corrections and taught tags
 * are not on the damaged pages; the test checks that too, so the repair is judged on what it could have saved.
 */
function damageHighestPhotos(file: string): void {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const leaves = db.prepare<[], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = 'photos' AND pagetype = 'leaf' ORDER BY path").all();
  const userPages = db
    .prepare<[], { pageno: number }>(
      "SELECT pageno FROM dbstat WHERE name IN ('folders', 'tags', 'photo_tags', 'captions', 'corrections', 'tag_heads', 'training_runs', 'sqlite_schema')",
    )
    .all()
    .map((r) => r.pageno);
  db.close();
  expect(leaves.length).toBeGreaterThan(3);
  const last = (leaves[leaves.length - 1] as { pageno: number }).pageno;
  const first = last < pageCount ? last : last - 1;
  const pages = [first, first + 1];
  expect(pages.some((p) => userPages.includes(p))).toBe(false);
  const garbage = Buffer.alloc(8192);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 7) & 0xff;
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, garbage, 0, garbage.length, (first - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}

describe('a library file with 8 KB of garbage in the middle', () => {
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  const database = path.join(dataDir, 'library.db');
  const photos = sharedData('exif', 'images');
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--models', 'off', ...args]);
  let highestId = 0;
  let correctedIds: number[] = [];
  let correctionsBefore = 0;

  beforeAll(() => {
    expect(cli('add', photos).status).toBe(0);
    const index = cli('index');
    expect(index.status, index.stderr).toBe(0);

    // The user's own work, made through the services the app uses: tags added, a caption written, a taught tag.
    const library = LibraryService.open({ dataDir });
    try {
      const ids = library.db.db.prepare<[], { id: number }>('SELECT id FROM photos ORDER BY id').all().map((r) => r.id);
      highestId = ids[ids.length - 1] as number;
      correctedIds = ids.slice(0, 3);
      const corrections = new CorrectionService(library.db);
      corrections.correctTags('add', correctedIds, 'rex');
      corrections.correctTags('add', [correctedIds[0] as number], 'sofa');
      corrections.setCaption(correctedIds[1] as number, 'Rex asleep on the sofa');
      const rex = library.db.tags.resolve('rex');
      if (!rex) throw new Error('the added tag was not stored');
      const head = { kind: 'new-tag', inputs: { embedding: 'e1', scores: 's1' }, baseIndex: null, normalizer: { centre: [0, 0], scale: [1, 1] }, weights: [0.5, -0.25], bias: 0.1, threshold: 0.5 };
      const stored = library.db.heads.insert({ tagId: rex.id, kind: 'new-tag', head: JSON.stringify(head), metrics: null, runId: null }, Date.now());
      library.db.heads.activate(rex.id, stored.version);
      correctionsBefore = library.db.corrections.count();
    } finally {
      library.close();
    }
    expect(correctionsBefore).toBe(5);
    expect(fs.existsSync(`${database}-wal`)).toBe(false);

    damageHighestPhotos(database);
    expect(quickCheck(database)).not.toBe('ok');
  }, 180_000);
  afterAll(() => temp.cleanup());

  it('status, index, search and show answer that the file is damaged, with exit 1 and no stack trace', () => {
    expectDamagedAnswer(cli('status'));
    expectDamagedAnswer(cli('index'));
    expectDamagedAnswer(cli('search', 'jpg', '--limit', '100'));
    expectDamagedAnswer(cli('show', String(highestId)));
    const json = cli('status', '--json');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { kind: 'library-damaged', message: expect.stringMatching(damagedSentence) } });
  });

  it('the API answers library-damaged, so the UI can say so', async () => {
    const host = await LibraryHost.open({ dataDir, watch: false });
    try {
      for (const [method, input] of [
        ['library.status', {}],
        ['photos.search', { query: 'jpg', limit: 100 }],
        ['photos.get', { id: highestId }],
      ] as const) {
        const result = await host.call(method, input);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toMatchObject({ kind: 'library-damaged', message: expect.stringMatching(damagedSentence) });
      }
    } finally {
      await host.close();
    }
  });

  it('doctor says what is damaged in words and what to do, and exits 1', () => {
    for (const args of [['doctor'], ['doctor', '--full']]) {
      const result = cli(...args, '--json');
      expect(result.status).toBe(1);
      const check = (JSON.parse(result.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }).checks.find((c) => c.name === 'library');
      expect(check).toMatchObject({ ok: false });
      expect(check?.detail).toMatch(/is damaged: .*the photos and their metadata/);
      expect(check?.detail).toMatch(/phototag doctor --repair/);
    }
  }, 60_000);

  it('backup refuses to copy a damaged library and leaves no file that looks like a backup', () => {
    const target = path.join(temp.dir, 'backup.db');
    const result = cli('backup', target);
    expectDamagedAnswer(result);
    expect(result.stderr).toMatch(/no backup was written/);
    expect(fs.readdirSync(temp.dir).filter((name) => name.startsWith('backup.db'))).toEqual([]);
  });

  it('doctor --repair saves the corrections and the taught tag into a fresh file, keeps the damaged one, and index analyses again', () => {
    const before = fs.readFileSync(database);
    const repair = cli('doctor', '--repair');
    expect(repair.status, repair.stderr).toBe(0);
    expect(repair.stdout).toMatch(/Saved into a fresh library file: 1 folder\(s\), \d+ photo\(s\), 5 correction\(s\)/);
    expect(repair.stdout).toMatch(/1 learned tag\(s\)/);
    const lostPhotos = Number(/(\d+) photo\(s\) could not be read/.exec(repair.stdout)?.[1]);
    expect(lostPhotos).toBeGreaterThan(0);
    expect(repair.stdout).toMatch(/Rebuilt: the search index\. To be analysed again: \d+ photo\(s\)/);

    const aside = fs.readdirSync(dataDir).filter((name) => /^library\.db\.damaged-[^-]/.test(name) && !/-(wal|shm)$/.test(name));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, aside[0] as string)).equals(before)).toBe(true);

    const db = new Database(database, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((db.prepare('SELECT count(*) AS n FROM corrections').get() as { n: number }).n).toBe(correctionsBefore);
      const rexPhotos = db
        .prepare<[], { photoId: number }>("SELECT pt.photo_id AS photoId FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id WHERE t.name = 'rex' AND pt.source = 'user' ORDER BY pt.photo_id")
        .all()
        .map((r) => r.photoId);
      expect(rexPhotos).toEqual(correctedIds);
      expect(db.prepare('SELECT text FROM captions WHERE photo_id = ?').get(correctedIds[1])).toEqual({ text: 'Rex asleep on the sofa' });
      expect(db.prepare("SELECT t.name FROM tag_heads h JOIN tags t ON t.id = h.tag_id WHERE h.active = 1").all()).toEqual([{ name: 'rex' }]);
      expect(db.prepare('SELECT id FROM photos WHERE id = ?').get(highestId)).toBeUndefined();
    } finally {
      db.close();
    }

    const index = cli('index');
    expect(index.status, index.stderr).toBe(0);
    // The photos whose rows were on the damaged pages come back as new ones, analysed; the others keep theirs.
    expect(index.stdout).toMatch(new RegExp(`Indexed in .*: ${lostPhotos} new, .* ${lostPhotos} analysed, 0 failed`));
    const status = cli('status', '--json');
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).photos).toMatchObject({ total: 82, indexed: 82, queued: 0 });
    const show = cli('show', String(correctedIds[1]), '--json');
    expect(show.status, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ caption: 'Rex asleep on the sofa' });
    expect(cli('search', 'tag:rex', '--json').stdout).toMatch(/"total": 3/);
    expect(cli('doctor', '--repair').stdout).toMatch(/nothing to repair/);
  }, 180_000);
});

describe('a 0-byte library.db beside a used data dir', () => {
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  const database = path.join(dataDir, 'library.db');
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--models', 'off', ...args]);

  beforeAll(() => {
    expect(cli('add', sharedData('exif', 'images')).status).toBe(0);
    expect(cli('index').status).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'thumbnails'))).toBe(true);
    fs.truncateSync(database, 0);
  }, 180_000);
  afterAll(() => temp.cleanup());

  it('is damage, not a new empty library: commands refuse, doctor says so, and the file stays empty', () => {
    expectDamagedAnswer(cli('status'));
    expectDamagedAnswer(cli('add', temp.dir));
    expect(fs.statSync(database).size).toBe(0);
    const doctor = cli('doctor', '--json');
    expect(doctor.status).toBe(1);
    const check = (JSON.parse(doctor.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }).checks.find((c) => c.name === 'library');
    expect(check).toMatchObject({ ok: false, detail: expect.stringMatching(/is empty \(0 bytes\).*phototag doctor --repair/) });
  }, 60_000);

  it('doctor --repair starts a fresh library file, says nothing could be saved, and keeps the empty one aside', () => {
    const repair = cli('doctor', '--repair');
    expect(repair.status, repair.stderr).toBe(0);
    expect(repair.stdout).toMatch(/Nothing could be read from it, so a fresh, empty library file was started/);
    expect(fs.readdirSync(dataDir).some((name) => name.startsWith('library.db.damaged-'))).toBe(true);
    const status = cli('status', '--json');
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).photos.total).toBe(0);
  });
});

describe('a library file doctor cannot open', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('is a failed check that says what to look at, not a crash of doctor', () => {
    fs.mkdirSync(path.join(temp.dir, 'data', 'library.db'), { recursive: true });
    const doctor = runCli(['--data-dir', path.join(temp.dir, 'data'), 'doctor', '--json']);
    expect(doctor.status).toBe(1);
    const check = (JSON.parse(doctor.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }).checks.find((c) => c.name === 'library');
    expect(check).toMatchObject({ ok: false, detail: expect.stringMatching(/^cannot check .*library\.db: .*Check that you may read it/) });
  }, 60_000);
});
