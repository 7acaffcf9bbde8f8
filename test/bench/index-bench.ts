/**
 * Indexing without models: the library's pipeline (scan + hash + decode + EXIF + thumbnails + store, overlapped)
 * against a naive sequential loop doing the same steps one photo at a time, on the same real photos, in one run.
 * Usage: npm run bench:index -- [--json] [--repeat N]
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LibraryDatabase } from '../../db/LibraryDatabase.js';
import { hashBytes, listPhotoFiles, readPhotoBytes } from '../../electron/core/adapters/photoFiles.js';
import { decodePhoto } from '../../electron/core/imaging/decodePhoto.js';
import { writeThumbnails } from '../../electron/core/imaging/writeThumbnails.js';
import { LibraryService } from '../../electron/core/library/LibraryService.js';
import { photoFacts } from '../../electron/core/pipeline/analyzePhoto.js';
import { sharedData } from '../helpers/sharedData.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const json = process.argv.includes('--json');
const repeatArg = process.argv.indexOf('--repeat');
const repeat = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : 1;

async function naiveLoop(files: string[], dataDir: string): Promise<number> {
  const library = LibraryDatabase.open(path.join(dataDir, 'library.db'));
  const folder = library.folders.add(path.dirname(files[0] as string), Date.now());
  const started = performance.now();
  for (const file of files) {
    const bytes = await readPhotoBytes(file, [folder.path]);
    const hash = await hashBytes(bytes);
    const stat = fs.statSync(file);
    const id = library.photos.insert({ path: file, fileName: path.basename(file), folderId: folder.id, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs), contentHash: hash }, Date.now());
    try {
      const decoded = await decodePhoto(bytes);
      await writeThumbnails(decoded.preview, { dir: path.join(dataDir, 'thumbnails'), hash });
      library.transaction(() => {
        library.photos.saveFacts(id, photoFacts(decoded, stat.mtimeMs), 1, Date.now());
        library.searchIndex.refresh(id);
      });
    } catch (error) {
      library.photos.markFailed(id, 'corrupt', (error as Error).message, 1, Date.now());
    }
  }
  const seconds = (performance.now() - started) / 1000;
  library.close();
  return seconds;
}

async function pipeline(folders: string[], dataDir: string): Promise<number> {
  const library = LibraryService.open({ dataDir });
  for (const folder of folders) library.addFolder(folder);
  const started = performance.now();
  await library.index();
  const seconds = (performance.now() - started) / 1000;
  library.close();
  return seconds;
}

async function main(): Promise<void> {
  const folders = [sharedData('coco', 'images'), sharedData('exif', 'images')];
  const files = (await Promise.all(folders.map((f) => listPhotoFiles(f)))).flat().map((f) => f.path);
  for (const file of files) fs.readFileSync(file); // warm the page cache so neither side pays for cold reads
  const results: { naive_s: number; pipeline_s: number }[] = [];
  for (let i = 0; i < repeat; i++) {
    const naiveDir = makeTempDir('phototag-bench-naive-');
    const pipeDir = makeTempDir('phototag-bench-pipe-');
    try {
      const naive_s = await naiveLoop(files, naiveDir.dir);
      const pipeline_s = await pipeline(folders, pipeDir.dir);
      results.push({ naive_s, pipeline_s });
    } finally {
      naiveDir.cleanup();
      pipeDir.cleanup();
    }
  }
  const best = (key: 'naive_s' | 'pipeline_s') => Math.min(...results.map((r) => r[key]));
  const report = {
    photos: files.length,
    naive_ips: +(files.length / best('naive_s')).toFixed(1),
    pipeline_ips: +(files.length / best('pipeline_s')).toFixed(1),
    pipeline_vs_naive: +(best('naive_s') / best('pipeline_s')).toFixed(2),
    runs: results.length,
  };
  if (json) console.log(JSON.stringify(report));
  else console.log(`Indexing without models, ${report.photos} real photos: pipeline ${report.pipeline_ips}/s, naive loop ${report.naive_ips}/s → ${report.pipeline_vs_naive}×`);
}

await main();
