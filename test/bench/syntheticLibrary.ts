/**
 * A synthetic photo library with realistic shapes (Zipf-like tag frequencies, captions from templates, a camera mix,
 * fifteen years of dates, a folder tree, mixed formats, a little user correction and some missing files), written
 * through the same repository calls the pipeline uses so benches and tests see the rows the app would write.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LibraryDatabase } from '../../db/LibraryDatabase.js';
import type { PhotoFacts } from '../../db/repositories/PhotoRepository.js';
import type { ModelTag, VocabularyEntry } from '../../db/repositories/TagRepository.js';
import { seededRandom } from '../../native-models/heads/binaryLogistic.js';

export interface SyntheticLibraryOptions {
  photos: number;
  seed?: number;
  /** Photos written per transaction; large batches are what make 100,000 photos take seconds, not minutes. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SyntheticCamera {
  make: string;
  model: string;
  camera: string;
  lenses: readonly string[];
  weight: number;
}

export interface SyntheticLibraryInfo {
  photos: number;
  missing: number;
  failed: number;
  /** Tag names, most frequent first. */
  tagsByFrequency: readonly string[];
  vocabulary: readonly VocabularyEntry[];
  cameras: readonly SyntheticCamera[];
  /** Every photo directory, relative to its library root. */
  directories: readonly string[];
  roots: readonly string[];
  firstYear: number;
  lastYear: number;
  buildSeconds: number;
}

/** The 80 COCO detector classes, under the readable names the app shows for a few of them. */
const cocoTags: readonly (readonly [string, readonly string[]])[] = [
  ['person', ['people', 'man', 'woman', 'child']], ['bicycle', ['bike']], ['car', ['automobile']], ['motorcycle', ['motorbike']],
  ['aeroplane', ['airplane', 'plane']], ['bus', []], ['train', ['railway']], ['truck', ['lorry']], ['boat', ['ship']],
  ['traffic light', []], ['fire hydrant', []], ['stop sign', []], ['parking meter', []], ['bench', []], ['bird', []],
  ['cat', ['kitten']], ['dog', ['puppy']], ['horse', ['pony']], ['sheep', []], ['cow', ['cattle']], ['elephant', []],
  ['bear', []], ['zebra', []], ['giraffe', []], ['backpack', ['rucksack']], ['umbrella', []], ['handbag', ['purse']],
  ['tie', []], ['suitcase', ['luggage']], ['frisbee', []], ['ski', ['skis']], ['snowboard', []], ['ball', ['sports ball']],
  ['kite', []], ['baseball bat', []], ['baseball glove', []], ['skateboard', []], ['surfboard', []], ['tennis racket', []],
  ['bottle', []], ['wine glass', []], ['cup', ['mug']], ['fork', []], ['knife', []], ['spoon', []], ['bowl', []],
  ['banana', []], ['apple', []], ['sandwich', []], ['orange', []], ['broccoli', []], ['carrot', []], ['hot dog', []],
  ['pizza', []], ['doughnut', ['donut']], ['cake', []], ['chair', []], ['sofa', ['couch']], ['houseplant', ['potted plant']],
  ['bed', []], ['table', ['dining table', 'desk']], ['toilet', []], ['television', ['tv', 'telly']], ['laptop', []],
  ['computer mouse', ['mouse']], ['remote control', ['remote']], ['keyboard', []], ['mobile phone', ['cell phone', 'phone']],
  ['microwave', []], ['oven', []], ['toaster', []], ['sink', []], ['fridge', ['refrigerator']], ['book', []], ['clock', []],
  ['vase', []], ['scissors', []], ['teddy bear', []], ['hair dryer', []], ['toothbrush', []],
];

const sceneTags: readonly string[] = [
  'beach', 'sunset', 'mountain', 'forest', 'city', 'street', 'night', 'snow', 'lake', 'river', 'garden', 'park', 'kitchen',
  'bedroom', 'living room', 'office', 'restaurant', 'stadium', 'airport', 'harbour', 'desert', 'field', 'countryside',
  'church', 'museum', 'market', 'playground', 'bridge', 'castle', 'waterfall', 'sky', 'clouds', 'sea', 'island', 'road',
  'bathroom', 'classroom', 'concert', 'wedding', 'birthday', 'christmas', 'party', 'portrait', 'selfie', 'landscape',
  'food', 'flowers', 'tree', 'building', 'skyscraper', 'train station', 'swimming pool', 'camping', 'hiking', 'fireworks',
  'document', 'screenshot', 'pet', 'baby', 'family', 'group photo', 'macro', 'black and white', 'rain', 'fog',
  'autumn', 'spring', 'summer', 'winter', 'indoor',
];

const sceneSynonyms: Readonly<Record<string, readonly string[]>> = { sea: ['ocean'], 'swimming pool': ['pool'], selfie: [], autumn: ['fall'] };

const cameras: readonly SyntheticCamera[] = [
  { make: 'Apple', model: 'iPhone 12', camera: 'Apple iPhone 12', lenses: ['iPhone 12 back dual wide camera 4.2mm f/1.6'], weight: 18 },
  { make: 'Apple', model: 'iPhone 8', camera: 'Apple iPhone 8', lenses: ['iPhone 8 back camera 3.99mm f/1.8'], weight: 10 },
  { make: 'samsung', model: 'SM-G991B', camera: 'Samsung SM-G991B', lenses: [], weight: 9 },
  { make: 'Google', model: 'Pixel 6', camera: 'Google Pixel 6', lenses: [], weight: 6 },
  { make: 'Canon', model: 'Canon EOS 5D Mark III', camera: 'Canon EOS 5D Mark III', lenses: ['EF24-105mm f/4L IS USM', 'EF50mm f/1.8 II', 'EF70-200mm f/2.8L IS II USM'], weight: 8 },
  { make: 'Canon', model: 'Canon PowerShot S95', camera: 'Canon PowerShot S95', lenses: [], weight: 4 },
  { make: 'NIKON CORPORATION', model: 'NIKON D750', camera: 'Nikon D750', lenses: ['24.0-120.0 mm f/4.0', '50.0 mm f/1.8'], weight: 7 },
  { make: 'NIKON', model: 'COOLPIX P7000', camera: 'Nikon COOLPIX P7000', lenses: [], weight: 3 },
  { make: 'SONY', model: 'ILCE-7M3', camera: 'Sony ILCE-7M3', lenses: ['FE 28-70mm F3.5-5.6 OSS', 'FE 85mm F1.8'], weight: 6 },
  { make: 'FUJIFILM', model: 'X-T3', camera: 'Fujifilm X-T3', lenses: ['XF23mmF2 R WR', 'XF18-55mmF2.8-4 R LM OIS'], weight: 5 },
  { make: 'OLYMPUS IMAGING CORP.', model: 'E-M10', camera: 'Olympus E-M10', lenses: ['OLYMPUS M.14-42mm F3.5-5.6'], weight: 3 },
  { make: 'Panasonic', model: 'DMC-GX80', camera: 'Panasonic DMC-GX80', lenses: ['LUMIX G VARIO 12-32/F3.5-5.6'], weight: 3 },
  { make: 'DJI', model: 'FC3170', camera: 'DJI FC3170', lenses: [], weight: 2 },
  { make: 'GoPro', model: 'HERO9 Black', camera: 'GoPro HERO9 Black', lenses: [], weight: 2 },
  { make: 'EASTMAN KODAK COMPANY', model: 'KODAK EASYSHARE C330', camera: 'Kodak EASYSHARE C330', lenses: [], weight: 2 },
];

const events: readonly string[] = [
  'Holidays Spain', 'Holidays Italy', 'Summer Holidays', 'Christmas', 'Birthday Anna', 'Birthday Tom', 'Hiking Alps',
  'Wedding Sarah', 'Weekend Paris', 'Garden', 'Pets', 'Misc', 'Screenshots', 'School trip', 'Ski week', 'Beach day',
];

const formats: readonly (readonly [string, string, number])[] = [
  ['jpeg', 'jpg', 68], ['heic', 'heic', 16], ['png', 'png', 6], ['webp', 'webp', 3], ['avif', 'avif', 3], ['tiff', 'tif', 2], ['gif', 'gif', 2],
];

const captionTemplates: readonly ((a: string, b: string, scene: string) => string)[] = [
  (a, b, scene) => `a ${a} and a ${b} at the ${scene}`,
  (a, _b, scene) => `a ${a} in the ${scene}`,
  (a, b) => `a ${a} next to a ${b}`,
  (a, b, scene) => `two ${a}s with a ${b} in a ${scene}`,
  (a) => `a close-up photo of a ${a}`,
  (a, b, scene) => `a ${a} sitting on a ${b} near the ${scene}`,
  (a, _b, scene) => `a blurry photo of a ${a} at ${scene}`,
];


/** Picks from cumulative weights by binary search: tag sampling runs half a million times. */
function weightedPicker<T>(items: readonly T[], weights: readonly number[], random: () => number): () => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as T;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Photos follow their tags' order of frequency, person first, as in COCO and in real libraries. */
function vocabularyByFrequency(random: () => number): VocabularyEntry[] {
  const entries: VocabularyEntry[] = [
    ...cocoTags.map(([name, synonyms]) => ({ name, kind: 'object', synonyms })),
    ...sceneTags.map((name) => ({ name, kind: 'scene', synonyms: sceneSynonyms[name] ?? [] })),
  ];
  const [person, ...rest] = entries;
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j] as VocabularyEntry, rest[i] as VocabularyEntry];
  }
  return [person as VocabularyEntry, ...rest];
}

export function populateSyntheticLibrary(library: LibraryDatabase, options: SyntheticLibraryOptions): SyntheticLibraryInfo {
  const started = performance.now();
  const random = seededRandom(options.seed ?? 42);
  const batchSize = options.batchSize ?? 5000;
  const vocabulary = vocabularyByFrequency(random);
  const zipf = vocabulary.map((_, rank) => 1 / Math.pow(rank + 1, 1.07));
  const pickTag = weightedPicker(vocabulary, zipf, random);
  const pickCamera = weightedPicker(cameras, cameras.map((c) => c.weight), random);
  const pickFormat = weightedPicker(formats, formats.map((f) => f[2]), random);
  const now = Date.UTC(2025, 0, 1);
  const firstYear = 2010;
  const lastYear = 2024;

  library.tags.registerVocabulary(vocabulary, now);
  const roots = ['/synthetic/Pictures', '/synthetic/Phone Backup'];
  const rootIds = roots.map((root) => library.folders.add(root, now).id);
  const directories: string[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const picked = events.filter(() => random() < 0.8);
    for (const event of picked) directories.push(`${year}/${event}`);
  }

  let missing = 0;
  let failed = 0;
  for (let start = 0; start < options.photos; start += batchSize) {
    library.transaction(() => {
      for (let i = start; i < Math.min(options.photos, start + batchSize); i++) {
        const outcome = writePhoto(i);
        if (outcome === 'missing') missing++;
        if (outcome === 'failed') failed++;
      }
    });
    options.onProgress?.(Math.min(options.photos, start + batchSize), options.photos);
  }

  function writePhoto(i: number): 'indexed' | 'failed' | 'missing' {
    const rootIndex = random() < 0.7 ? 0 : 1;
    const dir = directories[Math.floor(random() * directories.length)] as string;
    const year = Number(dir.slice(0, 4));
    const [format, ext] = pickFormat();
    const fileName = `${random() < 0.5 ? 'IMG' : 'DSC'}_${pad(i, 6)}.${ext}`;
    const file = path.posix.join(roots[rootIndex] as string, dir, fileName);
    const id = library.photos.insert(
      { path: file, fileName, folderId: rootIds[rootIndex] as number, size: 1_000_000 + Math.floor(random() * 4_000_000), mtimeMs: now - i * 1000, contentHash: `synthetic-${i.toString(16).padStart(12, '0')}` },
      now,
    );
    if (random() < 0.01) {
      library.photos.markFailed(id, 'corrupt', 'synthetic: truncated file', 1, now);
      library.searchIndex.refresh(id);
      return 'failed';
    }
    library.photos.saveFacts(id, facts(year, format), 1, now);

    const count = 2 + Math.floor(random() * 7);
    const chosen = new Map<string, ModelTag>();
    for (let attempts = 0; chosen.size < count && attempts < 40; attempts++) {
      const entry = pickTag();
      if (!chosen.has(entry.name)) chosen.set(entry.name, { name: entry.name, kind: entry.kind, confidence: Math.round((0.3 + random() * 0.69) * 1000) / 1000 });
    }
    const tags = [...chosen.values()].sort((a, b) => b.confidence - a.confidence);
    library.tags.setModelTags(id, tags, 'synthetic-1', now);
    const objects = tags.filter((t) => t.kind === 'object').map((t) => t.name);
    const scenes = tags.filter((t) => t.kind === 'scene').map((t) => t.name);
    const template = captionTemplates[Math.floor(random() * captionTemplates.length)] as (a: string, b: string, s: string) => string;
    library.captions.setFromModel(id, template(objects[0] ?? 'thing', objects[1] ?? 'table', scenes[0] ?? 'park'), 'synthetic-1', now);

    // A little user correction, as a real library accumulates: favourites added, wrong suggestions rejected.
    if (random() < 0.02) library.tags.add(id, random() < 0.5 ? 'favourite' : 'my favourite', now);
    if (random() < 0.01 && tags[0]) library.tags.reject(id, tags[0].name, now);
    if (random() < 0.01) {
      library.photos.markMissing(id, now);
      library.searchIndex.refresh(id);
      return 'missing';
    }
    library.searchIndex.refresh(id);
    return 'indexed';
  }

  function facts(year: number, format: string): PhotoFacts {
    const hasCamera = format !== 'png' && format !== 'gif' && random() < 0.93;
    const camera = hasCamera ? pickCamera() : null;
    const dated = random() < 0.96;
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const takenAt = dated
      ? `${year}-${pad(month)}-${pad(day)}T${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}`
      : null;
    const gps = camera !== null && random() < 0.33;
    const landscape = random() < 0.7;
    const takenTz = dated && random() < 0.6 ? '+01:00' : null;
    return {
      width: landscape ? 4032 : 3024,
      height: landscape ? 3024 : 4032,
      format,
      takenAt,
      takenTz,
      dateSource: dated ? 'exif' : null,
      takenTzSource: takenTz !== null ? 'offset' : null,
      takenZone: null,
      // An undated photo keeps its file's time as a hint, as the pipeline stores it.
      fileDate: dated ? null : `${year}-${pad(month)}-${pad(day)}T12:00:00+00:00`,
      dateProblem: null,
      gpsProblem: null,
      cameraMake: camera?.make ?? null,
      cameraModel: camera?.model ?? null,
      camera: camera?.camera ?? null,
      lens: camera && camera.lenses.length > 0 ? (camera.lenses[Math.floor(random() * camera.lenses.length)] as string) : null,
      gpsLat: gps ? 35 + random() * 25 : null,
      gpsLon: gps ? -10 + random() * 40 : null,
      gpsAlt: gps ? random() * 2000 : null,
      orientation: 1,
    };
  }

  return {
    photos: options.photos,
    missing,
    failed,
    tagsByFrequency: vocabulary.map((v) => v.name),
    vocabulary,
    cameras,
    directories,
    roots,
    firstYear,
    lastYear,
    buildSeconds: (performance.now() - started) / 1000,
  };
}
