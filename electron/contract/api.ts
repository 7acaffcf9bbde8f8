import { z } from 'zod';
import type {
  AboutView,
  FacetsView,
  FolderView,
  IndexProgressView,
  LibraryStatusView,
  ModelSettingsView,
  OnThisDayView,
  PersonView,
  FaceSuggestionView,
  PeopleUndoView,
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
  'photos.search': z
    .object({ query: z.string().max(2000), limit: z.number().int().min(1).max(1000).default(100), offset: z.number().int().min(0).default(0) })
    .strict(),
  'photos.get': z.object({ id: photoId }).strict(),
  'photos.onThisDay': z.object({ perYear: z.number().int().min(1).max(100).default(8) }).strict(),
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
  'settings.setModels': z.object({ tagger: z.enum(taggerChoices) }).strict(),
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
  ...learningApiInputs,
} as const;

/** What each request answers with. */
export interface ApiOutputs extends LearningApiOutputs {
  'library.status': LibraryStatusView;
  'library.progress': IndexProgressView | null;
  'library.index': { started: boolean };
  'folders.add': FolderView;
  'folders.remove': { removed: string };
  'photos.search': SearchPageView;
  'photos.get': PhotoDetailView;
  /** Photos taken on today's month-day in earlier years, grouped by year (today from the core's clock). */
  'photos.onThisDay': OnThisDayView;
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
  | { type: 'library-changed'; reason: 'folders' | 'photos' | 'tags' | 'models' };
