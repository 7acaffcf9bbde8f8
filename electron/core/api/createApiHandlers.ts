import os from 'node:os';
import path from 'node:path';
import type { ApiEvent } from '../../contract/api.js';
import { aboutView } from '../about/aboutView.js';
import { browseFolders } from '../folders/browseFolders.js';
import { browserFormats, prepareLargeRendition } from '../media/largeRendition.js';
import type { IndexProgressView, IndexerView, ModelSettingsView, PhotoSummaryView, TaggerChoice } from '../../contract/views.js';
import type { CorrectionService, TagCorrection } from '../library/CorrectionService.js';
import { LibraryError } from '../library/errors.js';
import { countryShapes } from '../places/countryShapes.js';
import type { LibraryService } from '../library/LibraryService.js';
import type { ApiHandlers } from './dispatchApiCall.js';
import type { LearningHandlers } from './learningHandlers.js';
import type { AlbumHandlers } from './albumHandlers.js';
import { installedReadingLanguages } from '../text/openTextReader.js';

/** The background indexer as the API sees it. */
export interface IndexerControl {
  progress(): IndexProgressView | null;
  status(): IndexerView;
  /** Scan the folders again soon (returns at once). */
  requestRun(): void;
}

export interface ApiHandlerDeps {
  library: LibraryService;
  corrections: CorrectionService;
  indexer: IndexerControl;
  /** Tells subscribers (the UI) that what they show may be stale. */
  notify(reason: Extract<ApiEvent, { type: 'library-changed' }>['reason']): void;
  /** Teaching, retraining and similar photos (electron/core/learning). */
  learning: LearningHandlers;
  /** Favourites, ratings and albums (electron/core/albums). */
  albums: AlbumHandlers;
  /** The library's saved model choice, and the one this run uses. */
  modelSettings: ModelSettingsControl;
}

export interface ModelSettingsControl {
  view(): ModelSettingsView;
  choose(tagger: TaggerChoice, improve?: boolean): ModelSettingsView;
}

/**
 * Every method of the contract over the library, its corrections and its indexer. Inputs arrive validated by
 * dispatchApiCall; a LibraryError thrown here reaches the caller as a Result with its kind and message.
 */
export function createApiHandlers(deps: ApiHandlerDeps): ApiHandlers {
  const { library, corrections, indexer, notify } = deps;

  const textSettings = () => ({ on: library.textReading, remaining: library.textLeft(), languages: library.textLanguages, installedLanguages: installedReadingLanguages() });
  const correct = (kind: TagCorrection) => (input: { photoIds: number[]; tag: string }) => {
    const photos = corrections.correctTags(kind, input.photoIds, input.tag);
    notify('tags');
    return { photos };
  };
  const changedTags = (photos: PhotoSummaryView[]) => {
    notify('tags');
    return { photos };
  };

  return {
    ...deps.learning,
    ...deps.albums,
    'library.status': () => ({ ...library.status(), indexer: indexer.status() }),
    'library.progress': () => indexer.progress(),
    'library.index': () => {
      indexer.requestRun();
      return { started: true };
    },

    'folders.add': (input) => {
      const row = library.addFolder(absoluteFolder(input.path));
      notify('folders');
      indexer.requestRun();
      return { path: row.path, photos: 0, lastScanAt: row.lastScanAt };
    },
    'folders.remove': (input) => {
      const removed = library.removeFolder(absoluteFolder(input.path));
      notify('folders');
      indexer.requestRun();
      return { removed };
    },
    'folders.browse': (input) => browseFolders(input, { home: os.homedir(), libraryFolders: library.folders().map((folder) => folder.path) }),

    'photos.search': (input) => library.search(input.query, { limit: input.limit, offset: input.offset }),
    'photos.get': (input) => library.photo(input.id),
    'photos.prepareView': async (input) => {
      const photo = library.photo(input.id);
      if (photo.state === 'missing') throw new LibraryError('photo-not-found', `${photo.path} is no longer on disk.`);
      if (photo.format !== null && browserFormats.has(photo.format)) return { media: 'original' as const };
      // The thumbnail's hash is the content hash the photo was indexed with.
      await prepareLargeRendition({ path: photo.path, contentHash: photo.thumbnailHash }, { thumbnailsDir: library.paths.thumbnails, libraryFolders: library.folders().map((folder) => folder.path) });
      return { media: 'large' as const };
    },
    'photos.onThisDay': (input) => library.onThisDay(input.perYear),
    'photos.timeline': (input) => library.timeline(input.query),
    'photos.locations': (input) => library.locations(input.query),
    'photos.estimatedLocations': (input) => library.estimatedLocations(input.query),
    'map.countries': () => countryShapes(),
    'search.facets': (input) => library.facets(input.query),

    'tags.list': () => library.tagCounts(),
    'tags.tree': () => library.tagTree(),
    'tags.setParent': (input) => {
      const result = library.setTagParent(input.tag, input.parent);
      notify('tags');
      return result;
    },
    'tags.suggest': (input) => library.suggestTags(input.prefix, input.limit),
    'tags.accept': correct('accept'),
    'tags.reject': correct('reject'),
    'tags.add': correct('add'),
    'tags.remove': correct('remove'),
    'tags.rename': (input) => changedTags(corrections.renameTag(input.photoIds, input.from, input.to)),

    'captions.set': (input) => {
      const photo = corrections.setCaption(input.photoId, input.text);
      notify('tags');
      return photo;
    },
    'corrections.undo': () => {
      const undone = corrections.undo();
      notify('tags');
      return undone;
    },
    'review.queue': (input) => corrections.reviewQueue(input.limit, input.tag),
    'settings.models': () => deps.modelSettings.view(),
    'settings.setModels': (input) => deps.modelSettings.choose(input.tagger, input.improve),
    'app.about': () => aboutView(),

    'people.list': () => library.people.list(),
    'people.name': (input) => {
      const person = library.people.name(input.id, input.name);
      // Names are searchable: results and the photo view may change, as after a tag correction.
      notify('tags');
      return person;
    },
    'people.merge': (input) => {
      const person = library.people.merge(input.from, input.into);
      notify('tags');
      return person;
    },
    'people.removeFace': (input) => {
      const photoId = library.people.removeFace(input.faceId);
      notify('tags');
      return library.photo(photoId);
    },
    'people.assignFace': (input) => {
      const photoId = library.people.assignFace(input.faceId, 'personId' in input ? { personId: input.personId } : { name: input.name });
      notify('tags');
      return library.photo(photoId);
    },
    'people.rejectFace': (input) => {
      const photoId = library.people.rejectFace(input.faceId, input.personId);
      notify('tags');
      return library.photo(photoId);
    },
    'people.suggestions': (input) => library.people.suggestions(input.limit),
    'people.hide': (input) => {
      const person = library.people.hide(input.id, input.hidden);
      notify('tags');
      return person;
    },
    'people.undo': () => {
      const undone = library.people.undo();
      notify('tags');
      return undone;
    },
    'duplicates.list': () => library.duplicates.list(),
    'duplicates.keep': (input) => {
      const kept = library.duplicates.keep(input.photoId);
      // Hidden copies leave the results and counts.
      notify('tags');
      return kept;
    },
    'duplicates.undo': () => {
      const undone = library.duplicates.undo();
      notify('tags');
      return undone;
    },
    'xmp.settings': () => ({ sidecars: library.sidecarNaming }),
    'xmp.setSettings': ({ sidecars }) => {
      library.setSidecarNaming(sidecars);
      return { sidecars: library.sidecarNaming };
    },
    'xmp.export': async ({ folder }) => {
      const summary = await library.exportSidecars(folder !== undefined ? { folder: absoluteFolder(folder) } : {});
      notify('tags');
      return summary;
    },
    'text.settings': () => textSettings(),
    'text.setSettings': ({ on, languages }) => {
      if (languages !== undefined) library.setTextLanguages(languages);
      if (on !== undefined) library.setTextReading(on);
      notify('photos');
      return textSettings();
    },
    'people.recognition': () => ({ faceRecognition: library.faceRecognition, photos: 0 }),
    'people.setRecognition': ({ on }) => {
      const changed = library.setFaceRecognition(on);
      notify('tags');
      return changed;
    },
    'people.regroup': async () => {
      const result = await library.people.regroup();
      notify('tags');
      return result;
    },
  };
}

/** A folder typed into the web UI: `~` is the user's home, and anything else must be a full path. */
function absoluteFolder(input: string): string {
  const trimmed = input.trim();
  const expanded = trimmed === '~' || trimmed.startsWith('~/') ? path.join(os.homedir(), trimmed.slice(1)) : trimmed;
  if (!path.isAbsolute(expanded)) {
    throw new LibraryError('bad-request', `Give the folder's full path (like ${path.join(os.homedir(), 'Pictures')}), not ${JSON.stringify(input)}.`);
  }
  return path.normalize(expanded);
}
