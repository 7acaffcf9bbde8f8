/**
 * A library of twenty photos small enough to know the right answer to every query by reading this file, built
 * through the repositories the indexer uses.
 */
import path from 'node:path';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { CaptionRepository } from '../../../db/repositories/CaptionRepository.js';
import type { PhotoFacts, PhotoRepository } from '../../../db/repositories/PhotoRepository.js';
import type { TagRepository } from '../../../db/repositories/TagRepository.js';

export interface HandPhoto {
  /** Path under /lib; the first segment is the library folder (Pictures or Phone). */
  file: string;
  takenAt?: string | null;
  format?: string;
  camera?: { make: string; model: string; camera: string; lens?: string };
  gps?: boolean;
  tags?: [name: string, confidence: number][];
  caption?: string;
  /** The user rejected these model tags. */
  rejected?: string[];
  /** The user added these tags. */
  added?: string[];
  missing?: boolean;
  failed?: boolean;
}

const canon5d = { make: 'Canon', model: 'Canon EOS 5D Mark III', camera: 'Canon EOS 5D Mark III', lens: 'EF50mm f/1.8 II' };
const canonS95 = { make: 'Canon', model: 'Canon PowerShot S95', camera: 'Canon PowerShot S95' };
const nikon = { make: 'NIKON CORPORATION', model: 'NIKON D750', camera: 'Nikon D750', lens: '24.0-120.0 mm f/4.0' };
const iphone = { make: 'Apple', model: 'iPhone 12', camera: 'Apple iPhone 12' };
const sony = { make: 'SONY', model: 'ILCE-7M3', camera: 'Sony ILCE-7M3', lens: 'FE 28-70mm F3.5-5.6 OSS' };

export const handPhotos: HandPhoto[] = [
  { file: 'Pictures/2019/Holidays Spain/beach_dog.jpg', takenAt: '2019-07-14T10:00:00', camera: canon5d, gps: true, tags: [['dog', 0.9], ['beach', 0.8], ['person', 0.5]], caption: 'a dog on the beach' },
  { file: 'Pictures/2019/Holidays Spain/sunset.jpg', takenAt: '2019-07-15T20:30:00', camera: canon5d, tags: [['sunset', 0.9], ['beach', 0.7], ['sea', 0.6]], caption: 'a sunset over the sea' },
  { file: 'Pictures/2019/Holidays Spain/boat.webp', format: 'webp', takenAt: '2019-07-20T12:00:00', tags: [['boat', 0.8], ['beach', 0.6]], caption: 'a boat at the beach' },
  { file: 'Pictures/2019/Birthday Anna/cake.heic', format: 'heic', takenAt: '2019-03-02T16:00:00', camera: iphone, gps: true, tags: [['cake', 0.95], ['person', 0.9], ['dining table', 0.7]], caption: 'two people at a dining table with a birthday cake' },
  { file: 'Pictures/2020/Garden/cat.jpg', takenAt: '2020-05-05T09:00:00', camera: nikon, tags: [['cat', 0.9], ['houseplant', 0.6]], caption: 'a cat next to a houseplant' },
  { file: 'Pictures/2020/Garden/cat_dog.jpg', takenAt: '2020-05-06T09:00:00', camera: nikon, tags: [['cat', 0.8], ['dog', 0.8]], caption: 'a cat and a dog' },
  { file: 'Pictures/2020/Garden/sunset_bench.jpg', takenAt: '2020-05-07T19:00:00', camera: nikon, tags: [['bench', 0.7]], caption: 'a bench in the garden' },
  { file: 'Pictures/2018/Living room/tv.png', format: 'png', takenAt: '2018-12-31T23:59:59', tags: [['television', 0.9], ['sofa', 0.5]], caption: 'a television in a living room' },
  { file: 'Pictures/2017/Ski/ski.tif', format: 'tiff', takenAt: '2017-02-10T11:00:00', camera: sony, tags: [['ski', 0.9], ['snow', 0.9], ['person', 0.8]], caption: 'a person skiing in the snow' },
  { file: 'Pictures/2016/Wedding/toast.jpg', takenAt: '2016-06-15T18:00:00', camera: canonS95, tags: [['person', 0.9], ['wine glass', 0.7]], caption: 'people holding wine glasses at a wedding' },
  { file: 'Pictures/2016/Wedding/dance.avif', format: 'avif', takenAt: '2016-06-15T22:00:00', camera: canonS95, tags: [['person', 0.9]], caption: 'people dancing' },
  { file: 'Pictures/broken.jpg', failed: true },
  { file: 'Phone/2021/IMG_0001.heic', format: 'heic', takenAt: '2021-01-01T00:00:00', camera: iphone, gps: true, tags: [['person', 0.9], ['dog', 0.4]], rejected: ['dog'], caption: 'a person walking' },
  { file: 'Phone/2021/IMG_0002.heic', format: 'heic', takenAt: '2021-06-01T08:00:00', camera: iphone, gps: true, tags: [['cat', 0.7]], added: ['my favourite'], caption: 'a cat on a windowsill' },
  { file: 'Phone/2021/IMG_0003.jpg', takenAt: '2021-06-02T08:00:00', camera: iphone, gps: true, tags: [['dog', 0.9], ['beach', 0.9]], caption: 'a dog on the beach', missing: true },
  { file: 'Phone/2021/IMG_0004.gif', format: 'gif', takenAt: '2021-07-04T21:00:00', tags: [['fireworks', 0.9], ['night', 0.8]], caption: 'fireworks at night' },
  { file: 'Phone/Screenshots/screen.png', format: 'png', takenAt: null, tags: [['document', 0.6]] },
  { file: 'Phone/Screenshots/receipt.png', format: 'png', takenAt: null, tags: [] },
  { file: 'Pictures/2022/Paris/eiffel.jpg', takenAt: '2022-04-01T12:00:00', camera: iphone, gps: true, tags: [['tower', 0.9], ['city', 0.8], ['person', 0.3]], caption: 'the eiffel tower in the city' },
  { file: 'Pictures/2022/Paris/dinner.jpg', takenAt: '2022-04-01T20:00:00', camera: iphone, tags: [['dining table', 0.9], ['wine glass', 0.8], ['person', 0.6]], caption: 'dinner at a restaurant table' },
];

export const vocabulary = [
  { name: 'television', kind: 'object', synonyms: ['tv', 'telly'] },
  { name: 'person', kind: 'object', synonyms: ['people', 'man', 'woman'] },
  { name: 'dining table', kind: 'object', synonyms: ['table', 'desk'] },
  { name: 'dog', kind: 'object', synonyms: ['puppy'] },
  { name: 'sofa', kind: 'object', synonyms: ['couch'] },
];

export const ROOT = '/lib';
export const NOW = Date.UTC(2024, 0, 1);

/** The repositories a photo is written through, and how its search row is written. */
export interface HandWriter {
  photos: Pick<PhotoRepository, 'insert' | 'markFailed' | 'saveFacts' | 'markMissing'>;
  tags: TagRepository;
  captions: CaptionRepository;
  refresh(photoId: number): void;
}

/** Adds every hand photo; returns the id of each, by file. */
export function buildHandLibrary(library: LibraryDatabase, photos: readonly HandPhoto[] = handPhotos): Map<string, number> {
  library.tags.registerVocabulary(vocabulary, NOW);
  const folders = new Map(['Pictures', 'Phone'].map((name) => [name, library.folders.add(path.posix.join(ROOT, name), NOW).id]));
  const writer: HandWriter = { photos: library.photos, tags: library.tags, captions: library.captions, refresh: (id) => library.searchIndex.refresh(id) };
  const ids = new Map<string, number>();
  library.transaction(() => {
    for (const photo of photos) ids.set(photo.file, addHandPhoto(writer, photo, folders.get(photo.file.split('/')[0] as string) ?? null));
  });
  return ids;
}

export function addHandPhoto(library: HandWriter, photo: HandPhoto, folderId: number | null): number {
  const file = path.posix.join(ROOT, photo.file);
  const fileName = path.posix.basename(file);
  const id = library.photos.insert({ path: file, fileName, folderId, size: 1000, mtimeMs: NOW, contentHash: `hash:${photo.file}` }, NOW);
  if (photo.failed) {
    library.photos.markFailed(id, 'corrupt', 'truncated', 1, NOW);
    library.refresh(id);
    return id;
  }
  const facts: PhotoFacts = {
    width: 4000,
    height: 3000,
    format: photo.format ?? 'jpeg',
    takenAt: photo.takenAt ?? null,
    takenTz: null,
    dateSource: photo.takenAt ? 'exif' : null,
    takenTzSource: null, takenZone: null, fileDate: null, dateProblem: null, gpsProblem: null,
    cameraMake: photo.camera?.make ?? null,
    cameraModel: photo.camera?.model ?? null,
    camera: photo.camera?.camera ?? null,
    lens: photo.camera?.lens ?? null,
    gpsLat: photo.gps ? 41.38 : null,
    gpsLon: photo.gps ? 2.17 : null,
    gpsAlt: null,
    orientation: 1,
  };
  library.photos.saveFacts(id, facts, 1, NOW);
  library.tags.setModelTags(id, (photo.tags ?? []).map(([name, confidence]) => ({ name, kind: 'object', confidence })), 'hand-1', NOW);
  if (photo.caption) library.captions.setFromModel(id, photo.caption, 'hand-1', NOW);
  for (const name of photo.rejected ?? []) library.tags.reject(id, name, NOW);
  for (const name of photo.added ?? []) library.tags.add(id, name, NOW);
  if (photo.missing) library.photos.markMissing(id, NOW);
  library.refresh(id);
  return id;
}
