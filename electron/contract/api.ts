import { z } from 'zod';
import type {
  AboutView,
  AlbumListView,
  AlbumView,
  DuplicatesUndoView,
  DuplicatesView,
  KeepCopyView,
  FacetsView,
  FolderListingView,
  FolderView,
  CountryShapesView,
  LocationsView,
  TimelineView,
  IndexProgressView,
  LibraryStatusView,
  ModelSettingsView,
  OnThisDayView,
  PersonView,
  FaceSuggestionView,
  PeopleUndoView,
  FaceRecognitionView,
  XmpExportView,
  XmpSettingsView,
  TextReadingView,
  PhotoDetailView,
  PhotoSummaryView,
  RegroupView,
  ReviewItemView,
  LearnedTagSummaryView,
  LearningStatusView,
  RescoreResultView,
  SimilarPhotosView,
  SuggestionView,
  TaughtTagView,
  TeachResultView,
  TeachPreviewView,
  TrainingRunView,
  SearchPageView,
  TagCountView,
  TagTreeNodeView,
} from './views.js';

const photoId = z.number().int().positive();
const photoIds = z.array(photoId).min(1).max(100_000);
const tagName = z
  .string()
  .trim()
  .min(1, 'a tag needs a name')
  .max(80, 'a tag name is at most 80 characters')
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20), 'a tag name cannot hold control characters');
const folderPath = z.string().min(1, 'give a folder path').max(4096);
const empty = z.object({}).strict();
const personId = z.number().int().positive();
const personName = z
  .string()
  .trim()
  .min(1, 'a person needs a name')
  .max(120, 'a name is at most 120 characters')
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20), 'a name cannot hold control characters');
export const taggerChoices = ['fast', 'accurate'] as const;
/** 'photo.ext.xmp': IMG_1.jpg.xmp (digiKam, darktable); 'photo.xmp': IMG_1.xmp (Lightroom). */
export const xmpSidecarChoices = ['off', 'photo.ext.xmp', 'photo.xmp'] as const;
const albumId = z.number().int().positive();
/** No double quote: an album is searched as album:"<name>", and a quoted value ends at the next one. */
const albumName = z
  .string()
  .trim()
  .min(1, 'an album needs a name')
  .max(120, 'an album name is at most 120 characters')
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20), 'an album name cannot hold control characters')
  .refine((s) => !s.includes('"'), 'an album name cannot hold a double quote (")')
  .refine((s) => /[\p{L}\p{N}]/u.test(s), 'an album name needs a letter or a digit');
const albumQueryText = z.string().trim().min(1, 'a smart album needs a search query').max(2000);

/** The search query that shows an album's photos: what the sidebar counts and the album screen shows. */
export function albumSearchQuery(name: string): string {
  return `album:"${name}"`;
}

/**
 * Learning from corrections (electron/core/learning; handlers in electron/core/api/learningHandlers.ts), part of
 * apiInputs below. Declared on their own so the learning handlers can be typed without the rest of the API.
 */
export const learningApiInputs = {
  'learning.teach': z.object({ tag: tagName, photoIds: z.array(photoId).max(10_000).default([]), rejectIds: z.array(photoId).max(10_000).default([]) }).strict(),
  'learning.preview': z.object({ tag: tagName, photoIds: z.array(photoId).min(1).max(10_000), sample: z.number().int().min(0).max(100).default(12) }).strict(),
  'learning.suggestions': z.object({ tag: tagName, limit: z.number().int().min(1).max(500).default(48) }).strict(),
  'learning.tag': z.object({ tag: tagName }).strict(),
  'learning.tags': empty,
  'learning.status': empty,
  'learning.retrain': z.object({ tags: z.array(tagName).max(1000).optional() }).strict(),
  'learning.cancel': empty,
  'learning.runs': z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
  'learning.run': z.object({ id: z.number().int().positive() }).strict(),
  'learning.rollback': z.object({ tag: tagName, version: z.number().int().positive().nullable() }).strict(),
  'photos.similar': z.object({ id: photoId, limit: z.number().int().min(1).max(200).default(24) }).strict(),
} as const;

export interface LearningApiOutputs {
  'learning.teach': TeachResultView;
  /** What teaching would tag, before the tag goes live: nothing is stored. */
  'learning.preview': TeachPreviewView;
  'learning.suggestions': SuggestionView[];
  'learning.tag': TaughtTagView;
  'learning.tags': LearnedTagSummaryView[];
  'learning.status': LearningStatusView;
  /** Starts a run in the background; follow it with learning.status. */
  'learning.retrain': { started: boolean };
  'learning.cancel': { cancelled: boolean };
  'learning.runs': TrainingRunView[];
  'learning.run': TrainingRunView;
  'learning.rollback': RescoreResultView;
  'photos.similar': SimilarPhotosView;
}

export type LearningApiMethod = keyof typeof learningApiInputs;
export type LearningApiParsedInput<M extends LearningApiMethod> = z.output<(typeof learningApiInputs)[M]>;
export type LearningApiInput<M extends LearningApiMethod> = z.input<(typeof learningApiInputs)[M]>;

/**
 * Everything the UI may ask, with the input each request must match. Shared by the preload script, Electron's
 * IPC handlers, the HTTP transport and the renderer's client; every shell validates input against it.
 */
export const apiInputs = {
  'library.status': empty,
  'library.progress': empty,
  'library.index': empty,
  'folders.add': z.object({ path: folderPath }).strict(),
  'folders.remove': z.object({ path: folderPath }).strict(),
  'folders.browse': z.object({ path: folderPath.optional(), showHidden: z.boolean().default(false) }).strict(),
  'photos.search': z
    .object({ query: z.string().max(2000), limit: z.number().int().min(1).max(1000).default(100), offset: z.number().int().min(0).default(0) })
    .strict(),
  'photos.get': z.object({ id: photoId }).strict(),
  'photos.prepareView': z.object({ id: photoId }).strict(),
  'photos.onThisDay': z.object({ perYear: z.number().int().min(1).max(100).default(8) }).strict(),
  'photos.timeline': z.object({ query: z.string().max(2000) }).strict(),
  'photos.locations': z.object({ query: z.string().max(2000) }).strict(),
  'photos.estimatedLocations': z.object({ query: z.string().max(2000) }).strict(),
  'map.countries': empty,
  'search.facets': z.object({ query: z.string().max(2000) }).strict(),
  'tags.list': empty,
  'tags.tree': empty,
  'tags.setParent': z.object({ tag: tagName, parent: tagName.nullable() }).strict(),
  'tags.suggest': z.object({ prefix: z.string().max(80), limit: z.number().int().min(1).max(50).default(10) }).strict(),
  'tags.accept': z.object({ photoIds, tag: tagName }).strict(),
  'tags.reject': z.object({ photoIds, tag: tagName }).strict(),
  'tags.add': z.object({ photoIds, tag: tagName }).strict(),
  'tags.remove': z.object({ photoIds, tag: tagName }).strict(),
  'tags.rename': z.object({ photoIds, from: tagName, to: tagName }).strict(),
  'captions.set': z.object({ photoId, text: z.string().trim().min(1).max(2000) }).strict(),
  'corrections.undo': empty,
  'review.queue': z.object({ limit: z.number().int().min(1).max(500).default(50), tag: tagName.optional() }).strict(),
  'settings.models': empty,
  // improve: with 'fast', re-tag with 'accurate' in the background once indexed (absent: left as it was).
  'settings.setModels': z.object({ tagger: z.enum(taggerChoices), improve: z.boolean().optional() }).strict(),
  'app.about': empty,
  'people.list': empty,
  'people.name': z.object({ id: personId, name: personName }).strict(),
  'people.merge': z.object({ from: personId, into: personId }).strict(),
  'people.removeFace': z.object({ faceId: z.number().int().positive() }).strict(),
  'people.regroup': empty,
  'people.assignFace': z.union([
    z.object({ faceId: z.number().int().positive(), personId }).strict(),
    z.object({ faceId: z.number().int().positive(), name: personName }).strict(),
  ]),
  'people.rejectFace': z.object({ faceId: z.number().int().positive(), personId }).strict(),
  'people.suggestions': z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
  'people.hide': z.object({ id: personId, hidden: z.boolean().default(true) }).strict(),
  'people.undo': empty,
  'people.recognition': empty,
  'people.setRecognition': z.object({ on: z.boolean() }).strict(),
  'xmp.settings': empty,
  'xmp.setSettings': z.object({ sidecars: z.enum(xmpSidecarChoices) }).strict(),
  'text.settings': empty,
  'text.setSettings': z
    .object({ on: z.boolean().optional(), languages: z.array(z.string().regex(/^[a-z]{3}(_[a-z]+)?$/)).min(1).max(4).optional() })
    .strict(),
  'xmp.export': z.object({ folder: folderPath.optional() }).strict(),
  'photos.setFavorite': z.object({ photoIds, favorite: z.boolean() }).strict(),
  'photos.setRating': z.object({ photoIds, rating: z.number().int().min(0, 'a rating is 0 to 5 stars').max(5, 'a rating is 0 to 5 stars') }).strict(),
  'albums.list': empty,
  'albums.get': z.object({ id: albumId }).strict(),
  'albums.create': z.object({ name: albumName, query: albumQueryText.optional(), photoIds: z.array(photoId).max(100_000).default([]) }).strict(),
  'albums.rename': z.object({ id: albumId, name: albumName }).strict(),
  'albums.setQuery': z.object({ id: albumId, query: albumQueryText }).strict(),
  'albums.delete': z.object({ id: albumId }).strict(),
  'albums.addPhotos': z.object({ id: albumId, photoIds }).strict(),
  'albums.removePhotos': z.object({ id: albumId, photoIds }).strict(),
  'duplicates.list': empty,
  'duplicates.keep': z.object({ photoId }).strict(),
  'duplicates.undo': empty,
  ...learningApiInputs,
} as const;

/** What each request answers with. */
export interface ApiOutputs extends LearningApiOutputs {
  'library.status': LibraryStatusView;
  'library.progress': IndexProgressView | null;
  'library.index': { started: boolean };
  'folders.add': FolderView;
  'folders.remove': { removed: string };
  /** The subfolders of `path` (default: the home folder), inside the home folder or the library's folders only. */
  'folders.browse': FolderListingView;
  'photos.search': SearchPageView;
  'photos.get': PhotoDetailView;
  /**
   * What the viewer shows at full size: the original where a browser shows its format, else the large rendition
   * (made now if need be, in the data dir).
   */
  'photos.prepareView': { media: 'original' | 'large' };
  /** Photos taken on today's month-day in earlier years, grouped by year (today from the core's clock). */
  'photos.onThisDay': OnThisDayView;
  /** How many matches were taken each day (newest first) and how many are undated: the timeline's layout. */
  'photos.timeline': TimelineView;
  /** Where the matches with GPS were taken, for the map. */
  'photos.locations': LocationsView;
  /**
   * Where the matches without GPS are estimated to have been taken (at the located photo each estimate came
   * from), apart from photos.locations so the map asks for them only when "Show estimated places" is on.
   */
  'photos.estimatedLocations': LocationsView;
  /** Country outlines from the shipped borders, for the map (no network). */
  'map.countries': CountryShapesView;
  'search.facets': FacetsView;
  'tags.list': TagCountView[];
  /** The tags as a tree: WordNet categories for the model's tags, the user's parents for theirs. */
  'tags.tree': TagTreeNodeView[];
  'tags.setParent': { tag: string; parent: string | null };
  /** `matches`: the synonym that matched when the name did not ("dog — matches puppy"). */
  'tags.suggest': { name: string; count: number; matches?: string }[];
  'tags.accept': { photos: PhotoSummaryView[] };
  'tags.reject': { photos: PhotoSummaryView[] };
  'tags.add': { photos: PhotoSummaryView[] };
  'tags.remove': { photos: PhotoSummaryView[] };
  'tags.rename': { photos: PhotoSummaryView[] };
  'captions.set': PhotoDetailView;
  /** The newest tag correction or people decision (then `label` says which), whichever was made last. */
  'corrections.undo': { undone: number; photos: PhotoSummaryView[]; label?: string };
  'review.queue': ReviewItemView[];
  'settings.models': ModelSettingsView;
  /** Saves the choice for the next start; the running tagger does not change. */
  'settings.setModels': ModelSettingsView;
  /** The version, and every shipped model, weight file and data set with its source and licence. */
  'app.about': AboutView;
  /** Groups of faces, named first, then the largest; each with a face count and an example photo. */
  'people.list': PersonView[];
  /** A name another person already has merges the two; answers with the person the faces are in now. */
  'people.name': PersonView;
  /** Every face of `from` goes to `into`, as the user's decision. */
  'people.merge': PersonView;
  /** This face is not that person: it leaves the group and never joins it again. Answers with its photo. */
  'people.removeFace': PhotoDetailView;
  /** Groups every face again now (keeps names and the faces the user placed). */
  'people.regroup': RegroupView;
  /** Puts one face into a person (by id, or by name: that person, else a new one) as the user's decision; answers with its photo. */
  'people.assignFace': PhotoDetailView;
  /** "This face is not that person" (a No to "Is this Alice?"): it never joins them. Answers with its photo. */
  'people.rejectFace': PhotoDetailView;
  /** "Is this Alice?": unnamed faces near a named person, nearest first. */
  'people.suggestions': FaceSuggestionView[];
  /** Hides a group from the People screen (hidden: false shows it again). */
  'people.hide': PersonView;
  /** Takes back the newest people decision (name, merge, removeFace, assignFace, rejectFace, hide). */
  'people.undo': PeopleUndoView;
  /** Whether faces are described and grouped into people in this library. */
  'people.recognition': FaceRecognitionView;
  /** Off erases every face descriptor now (faces stay found and counted, named people stay); on queues the photos whose faces were found while it was off. */
  'people.setRecognition': FaceRecognitionView;
  /** Whether XMP sidecars are written after every index pass, and named how ('off': only when asked). */
  'xmp.settings': XmpSettingsView;
  'xmp.setSettings': XmpSettingsView;
  /** Whether text in photos is read in the background (default on), and how many photos wait to be read. */
  'text.settings': TextReadingView;
  /**
   * Off: the background reading stops at once (words already read stay searchable); on: it goes on while idle.
   * New languages: every photo is read again in them ('bad-request' names a language whose package is not installed).
   */
  'text.setSettings': TextReadingView;
  /** Writes accepted tags, named people, captions and places to XMP sidecars now (never into a photo). */
  'xmp.export': XmpExportView;
  /** Marks (or unmarks) the photos as favourites: the user's own data, kept through every re-index. */
  'photos.setFavorite': { photos: PhotoSummaryView[] };
  /** Sets the photos' star rating, 0 (unrated) to 5. */
  'photos.setRating': { photos: PhotoSummaryView[] };
  /** The number of favourites and every album with its photo count. */
  'albums.list': AlbumListView;
  'albums.get': AlbumView;
  /** A hand-picked album (with photoIds in it, if given), or a smart album when `query` is given (checked first). */
  'albums.create': AlbumView;
  'albums.rename': AlbumView;
  /** Changes a smart album's query (checked first). */
  'albums.setQuery': AlbumView;
  /** Deletes the album; never its photos. */
  'albums.delete': { deleted: number; name: string };
  /** Adds photos to a hand-picked album; `added` counts those that were not in it yet. */
  'albums.addPhotos': { album: AlbumView; added: number };
  'albums.removePhotos': { album: AlbumView; removed: number };
  /** Groups of copies among the photos not hidden, best copy first. */
  'duplicates.list': DuplicatesView;
  /** Keeps this photo and hides the other copies in its group (the files stay on disk). */
  'duplicates.keep': KeepCopyView;
  /** Shows again the copies the newest "keep this one" hid. */
  'duplicates.undo': DuplicatesUndoView;
}

export type ApiMethod = keyof typeof apiInputs;
/** What a caller passes (defaults may be left out). */
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiInputs)[M]>;
/** What a handler receives, after validation filled in the defaults. */
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof apiInputs)[M]>;
export type ApiOutput<M extends ApiMethod> = ApiOutputs[M];

export const apiMethods = Object.keys(apiInputs) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiInputs, name);
}

/** Things the UI is told without asking. */
export type ApiEvent =
  | { type: 'index-progress'; progress: IndexProgressView }
  | { type: 'library-changed'; reason: 'folders' | 'photos' | 'tags' | 'models' | 'albums' };
