import type { taggerChoices } from './api.js';

/** The shapes the shells print and send; field names are part of the CLI's JSON contract. */
export interface TagView {
  name: string;
  kind: string;
  confidence: number | null;
  count: number | null;
  source: 'model' | 'user' | 'rule' | 'file';
  state: 'suggested' | 'accepted' | 'rejected';
}

export interface PhotoSummaryView {
  id: number;
  path: string;
  width: number | null;
  height: number | null;
  takenAt: string | null;
  camera: string | null;
  state: string;
  tags: TagView[];
  caption: string | null;
  thumbnailHash: string;
  /** The user's favourite mark, and their 0–5 star rating (0: unrated): their own data, never the model's. */
  favorite: boolean;
  rating: number;
  /** No GPS, but a place estimated from the same camera's located photos (see PhotoDetailView.placeEstimate): marked so. */
  placeEstimated: boolean;
}

/** A face in a photo: box as fractions of the photo [x1, y1, x2, y2], and the person it is grouped with. */
export interface FaceView {
  id: number;
  box: [number, number, number, number];
  score: number;
  /** null: in no group (not recognisable, or like no one else yet). */
  personId: number | null;
  personName: string | null;
  /** 'user' when the user put it in that person (a later regrouping never moves it). */
  assignedBy: 'auto' | 'user' | null;
  /** Why it cannot be recognised ('small', 'turned'), else null. */
  skipped: string | null;
}

/** A group of faces that are one person; `name` is null until the user names it. */
export interface PersonView {
  id: number;
  name: string | null;
  faces: number;
  examplePhotoId: number | null;
  examplePath: string | null;
  /** The user hid this group from the People screen. */
  hidden: boolean;
}

/** "Is this Alice?": an unnamed face near a named person. */
export interface FaceSuggestionView {
  faceId: number;
  photoId: number;
  /** The photo's thumbnail key, to cut the face from. */
  thumbnailHash: string;
  box: [number, number, number, number];
  personId: number;
  personName: string;
  /** Cosine distance to the person's centroid (lower is surer). */
  distance: number;
}

/** What an undo took back: its kind (name, merge, removeFace, assignFace, rejectFace, hide), in words, and the photos it changed. */
export interface PeopleUndoView {
  kind: string;
  label: string;
  photoIds: number[];
}

/** The library's face recognition setting; `photos` is how many photos the last change touched (erased or queued). */
export interface FaceRecognitionView {
  faceRecognition: boolean;
  photos: number;
}

export interface XmpSettingsView {
  sidecars: 'off' | 'photo.ext.xmp' | 'photo.xmp';
}

export interface XmpExportView {
  written: number;
  unchanged: number;
  failed: number;
  failures: { path: string; reason: string }[];
}

export interface RegroupView {
  faces: number;
  people: number;
  /** Unnamed groups after the regrouping (a group whose faces stayed together keeps its id). */
  newGroups: number;
  ungrouped: number;
  ms: number;
}

export interface PhotoDetailView extends PhotoSummaryView {
  fileName: string;
  size: number;
  format: string | null;
  /** '+02:00': the offset of takenAt from UTC, when known. */
  takenTz: string | null;
  dateSource: string | null;
  /**
   * Where takenTz came from: 'file' (EXIF OffsetTimeOriginal and kin, an XMP date's zone); 'gps' (the zone at the
   * photo's GPS position on that date, see timeZone); 'unknown' when takenAt is the camera's local time in a zone
   * nobody wrote down; null when undated.
   */
  zoneSource: 'file' | 'gps' | 'unknown' | null;
  /** The IANA zone ('Europe/Rome') the offset came from, when it came from the GPS position. */
  timeZone: string | null;
  /** No capture date in the file (or only a refused one, see dateProblem): shown as undated, sorted last. */
  undated: boolean;
  /** An undated photo's file modification time, 'YYYY-MM-DDTHH:MM:SS+HH:MM': a hint, not when it was taken. */
  fileDate: string | null;
  /** Why the file's date tags gave no date ('DateTimeOriginal "1900:01:01 00:00:00" has the year 1900, …'). */
  dateProblem: string | null;
  /** Why the file's GPS tags gave no position, so no place ('the GPS position is exactly 0, 0, …'). */
  gpsProblem: string | null;
  cameraMake: string | null;
  cameraModel: string | null;
  lens: string | null;
  gps: { lat: number; lon: number; alt: number | null } | null;
  /** Named from the GPS on this machine (GeoNames towns within 25 km, country borders); null without GPS or at sea. */
  place: PlaceView | null;
  /**
   * Only for a photo without GPS: the place of a located photo from the same camera taken within an hour, an
   * estimate, never mixed with `place` (place: and country: do not find it; estimate: does). null when none.
   */
  placeEstimate: PlaceEstimateView | null;
  orientation: number | null;
  contentHash: string;
  captionSource: 'model' | 'user' | null;
  errorKind: string | null;
  errorReason: string | null;
  indexedAt: string | null;
  faces: FaceView[];
  /** The words read in the photo (its present content); null until the text pass has read it, or absent. */
  text?: PhotoTextView | null;
}

/** Text read in a photo: the words in reading order, each with its box in shares (0–1) of the upright photo. */
export interface PhotoTextView {
  fullText: string;
  words: { text: string; confidence: number; box: { x: number; y: number; width: number; height: number } }[];
  /** Tesseract language codes it was read in ('eng'). */
  languages: string[];
  readAt: string;
}

/** Whether text in photos is read in the background, and how many indexed photos wait to be read. */
export interface TextReadingView {
  on: boolean;
  remaining: number;
  /** The languages photos are read in (tesseract codes, English first). */
  languages: string[];
  /** The languages that may be chosen: English ships, others when their @tesseract.js-data package is installed. */
  installedLanguages: string[];
}

/** The background text reading while the indexer is idle; null when this run reads no text. */
export interface TextReadingProgressView {
  read: number;
  remaining: number;
}

/** Photos taken on today's month and day in earlier years, newest year first. */
export interface OnThisDayView {
  /** Today, as the library's clock says: 'YYYY-MM-DD'. */
  today: string;
  years: { year: number; yearsAgo: number; /** All that year's photos of the day; `photos` holds the first few. */ total: number; photos: PhotoSummaryView[] }[];
}

export interface PlaceView {
  town: string | null;
  /** Only where the shipped data names regions (US states); null elsewhere. */
  region: string | null;
  country: string | null;
  /** ISO 3166-1 alpha-2. */
  countryCode: string | null;
  /** The parts above that are known, joined: "Arezzo, Italy". */
  name: string;
}

export interface PlaceEstimateView extends PlaceView {
  /** The located photo the place was copied from, and its file name (null when it has left the library since). */
  sourcePhotoId: number;
  sourceFileName: string | null;
  /** The source's capture time minus this photo's, in whole minutes: negative when the source was taken earlier. */
  offsetMinutes: number;
  /** How the estimate reads everywhere: "estimated (from IMG_1234.jpg, 12 min earlier)". */
  note: string;
  /** Where the source photo was taken (the estimated position, drawn marked as estimated); null once it has left. */
  position: { lat: number; lon: number } | null;
}

export interface SearchPageView {
  query: string;
  total: number;
  offset: number;
  limit: number;
  results: PhotoSummaryView[];
}

/** A query's matches by capture day, laid out as the timeline's month and day headers before any photo is fetched. */
export interface TimelineView {
  /** 'date': results come newest first, undated last, so they fall into `days` in order; 'relevance': they do not. */
  order: 'date' | 'relevance';
  /** [YYYY-MM-DD, photos that day], newest first. */
  days: [string, number][];
  undated: number;
  total: number;
}

/** The positions of a query's matches with GPS, flat: [id, lat, lon, id, lat, lon, …] (degrees, 5 decimals). */
export interface LocationsView {
  query: string;
  points: number[];
}

/** Country outlines for the map: rings flat [lon, lat, …] in degrees. */
export interface CountryShapesView {
  shapes: { code: string | null; name: string | null; rings: number[][] }[];
}

export interface FolderView {
  path: string;
  photos: number;
  lastScanAt: number | null;
}

/** One folder's subfolders, for the web UI's folder browser (`folders.browse`). Paths are real paths. */
export interface FolderListingView {
  path: string;
  /** The folder above, while it may still be browsed; null at a root. */
  parent: string | null;
  /** Where browsing may go: the home folder and the library's folders not inside it. */
  roots: string[];
  folders: { name: string; path: string }[];
  /** More subfolders than were listed. */
  truncated: boolean;
}

export interface FailureView {
  path: string;
  kind: string | null;
  reason: string | null;
}

export interface IndexProgressView {
  phase: 'scanning' | 'analysing' | 'idle';
  found: number;
  scanned: number;
  queued: number;
  done: number;
  failed: number;
  rate: number;
  etaSeconds: number | null;
}

/** The background indexer of a running app (LibraryHost): what it is doing and, when it cannot run, why. */
export interface IndexerView {
  /** indexing: scanning or analysing; watching: up to date, following changes; stopped: not running; blocked: cannot run (see problem). */
  state: 'indexing' | 'watching' | 'stopped' | 'blocked';
  problem: string | null;
  /** The tagging models' version, or null when the library is indexed without models (no tags, no captions). */
  models: string | null;
  /**
   * 'Fast then accurate': the photos indexed with 'fast' that the accurate models have not re-tagged yet (they
   * work while the indexer is idle, newest photos first); null when this run does not improve tags.
   */
  improving?: ImprovingView | null;
  /** The photos whose text is still to be read (read while the indexer is idle, newest first); null when this run reads no text. */
  readingText?: TextReadingProgressView | null;
}

export interface ImprovingView {
  /** Photos still waiting for the better tags. */
  remaining: number;
  /** Photos re-tagged by this run so far. */
  improved: number;
}

/** Which tagger indexes the library: 'fast' (CenterNet) or 'accurate' (CenterNet + YOLOv5s, ≈4× the time). */
export type TaggerChoice = (typeof taggerChoices)[number];

export interface ModelSettingsView {
  /** The tagger the library starts with: saved in the library's settings.json. */
  tagger: TaggerChoice;
  /** With tagger 'fast': the accurate models re-tag every photo in the background once it is indexed (the default). */
  improve: boolean;
  /** The tagger this run indexes with; null when it runs without models (off, or they failed to load). */
  running: TaggerChoice | null;
  /**
   * True while this run starts the chosen models to switch to them (the running ones go on meanwhile). A shell
   * that cannot switch while it runs leaves it false: the choice then applies from the next start.
   */
  switching: boolean;
  /** Why the last switch did not happen (the chosen models could not start); null when it did or none was tried. */
  problem: string | null;
}

export interface LibraryStatusView {
  photos: { total: number; indexed: number; queued: number; failed: number; missing: number };
  failures: FailureView[];
  folders: FolderView[];
  dataDir: string;
  indexer: IndexerView;
}

export interface TagCountView {
  name: string;
  kind: string;
  count: number;
}

/** A node of the Tags tree: a WordNet category (`animal`) or a tag, with what sits under it. */
export interface TagTreeNodeView {
  name: string;
  /** Photos carrying the tag itself; null for a category. */
  count: number | null;
  kind: 'category' | 'tag';
  /** The parent the user put it under, if they did. */
  userParent: string | null;
  /** A tag the user made (added or taught), which they can put under a parent. */
  own: boolean;
  children: TagTreeNodeView[];
}

export interface FacetsView {
  tags: { name: string; count: number }[];
  years: { year: string; count: number }[];
  /** Matching photos with no capture date: the Years facet's last entry, which -has:date selects. */
  undated: number;
  cameras: { camera: string; count: number }[];
  /**
   * Towns, and countries for photos named only by their country (in a desert, off a coast); `field` and `value`
   * make the query term that selects them (place:Arezzo, country:EG).
   */
  places: { name: string; field: 'place' | 'country'; value: string; countryCode: string | null; count: number }[];
  /**
   * Places estimated for matches without GPS (same camera within an hour of a located photo), counted apart and
   * never added to `places`; `value` makes the term that selects them (estimate:Florence, estimate:IT). Empty
   * when no match has an estimate: the Places facet shows them as their own entries, marked estimated.
   */
  estimatedPlaces: { name: string; value: string; countryCode: string | null; count: number }[];
  /** Counted on a sample of a large result: the numbers are estimates, their order is reliable. */
  approximate: boolean;
}

export interface ReviewItemView {
  photo: PhotoSummaryView;
  tag: TagView;
}

// ---- learning from corrections (electron/core/learning) ----

export interface PrfView {
  precision: number;
  recall: number;
  f1: number;
}

/** One epoch of a head's training: loss on the training rows, precision/recall/F1 on the evaluation rows. */
export interface EpochPointView extends PrfView {
  epoch: number;
  loss: number;
}

/** What one run did for one tag. */
export interface TagTrainingView {
  tag: string;
  kind: 'new-tag' | 'correction';
  decision: 'swapped' | 'kept' | 'skipped';
  reason: string;
  /** The head version this run stored (only when it went live), else null. */
  version: number | null;
  /**
   * 'held-out': labels the head never saw; 'cross-validated': each label scored by a head trained without it (too
   * few to hold a share out); 'training': fewer still, so optimistic.
   */
  evaluatedOn: 'held-out' | 'cross-validated' | 'training';
  evaluationRows: number;
  before: PrfView | null;
  after: PrfView;
  examples: { positives: number; negatives: number; implicit: number; unlabeled: number; pseudo: number };
  curve: EpochPointView[];
  trainMs: number;
}

export interface TrainingRunView {
  id: number;
  trigger: 'auto' | 'manual' | 'teach';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  startedAt: number;
  finishedAt: number | null;
  trainMs: number | null;
  rescoreMs: number | null;
  error: string | null;
  tags: TagTrainingView[];
  /** Tags with labels but not enough yet, with what they need. */
  waiting: { tag: string; reason: string }[];
}

export interface HeadVersionView {
  version: number;
  kind: 'new-tag' | 'correction';
  active: boolean;
  createdAt: number;
  runId: number | null;
  /** F1 on labels the head never saw (held out, or out-of-fold); null when it was judged on its training labels. */
  heldOutF1: number | null;
}

/** A tag's learning page: its examples, its head versions, and how each run judged it. */
export interface TaughtTagView {
  name: string;
  kind: string;
  /** 'new-tag' for a tag the user invented, 'correction' for a model tag the user corrects. */
  learning: 'new-tag' | 'correction';
  examples: PhotoSummaryView[];
  rejected: PhotoSummaryView[];
  exampleCount: number;
  rejectedCount: number;
  suggestedCount: number;
  activeVersion: number | null;
  versions: HeadVersionView[];
  history: TagTrainingView[];
}

export interface LearnedTagSummaryView {
  name: string;
  learning: 'new-tag' | 'correction';
  activeVersion: number | null;
  examples: number;
  rejected: number;
}

export interface SuggestionView {
  photo: PhotoSummaryView;
  confidence: number;
}

/** "Would tag N photos": what a tag taught from the picked examples would do to the library, before it goes live. */
export interface TeachPreviewView {
  tag: string;
  /** Photos besides the examples that it would tag. */
  count: number;
  /** Photos it was measured on (those with stored vectors). */
  scored: number;
  /** Some of them: the surest, and those nearest its threshold. */
  sample: SuggestionView[];
  /** Why it cannot be previewed (e.g. no photo analysed yet), or null. */
  problem: string | null;
}

export interface TeachResultView {
  tag: string;
  run: TrainingRunView | null;
  suggestions: SuggestionView[];
}

export interface LearningStatusView {
  state: 'idle' | 'training' | 'scoring';
  progress: { phase: string; done: number; total: number } | null;
  /** Corrections since the last finished run, and how many start one by themselves. */
  pendingCorrections: number;
  autoRetrainAfter: number;
  lastRun: TrainingRunView | null;
}

/** What a rollback (or any re-score) changed in the library. */
export interface RescoreResultView {
  tag: string;
  activeVersion: number | null;
  added: number;
  removed: number;
  ms: number;
}

export interface SimilarPhotoView {
  photo: PhotoSummaryView;
  similarity: number;
}

export interface SimilarPhotosView {
  photo: PhotoSummaryView;
  similar: SimilarPhotoView[];
  /** Tags the most similar photos carry and this one does not, with the share of neighbour weight behind each. */
  suggestedTags: { name: string; score: number; neighbours: number }[];
}

/** One model, weight file or data set that ships with Phototag or that its shipped numbers were fitted on. */
export interface ComponentLicenceView {
  name: string;
  usedFor: string;
  /** Files under the packaged app's resources/, `app code` (numbers compiled in) or `not shipped`. */
  ships: readonly string[] | 'app code' | 'npm package' | 'not shipped';
  source: string;
  url: string;
  /** An SPDX expression, or a short phrase where the source states none. */
  licence: string;
  /** What the licence asks of whoever redistributes Phototag; null when keeping the notice is all. */
  notice: string | null;
}

export interface AboutView {
  name: string;
  version: string;
  /** Phototag's own code. */
  licence: string;
  /** Versions of what this run runs on; electron is null outside the desktop app (CLI, `serve`). */
  runtime: { node: string; electron: string | null };
  components: ComponentLicenceView[];
}

/** An album: hand-picked photos, or a smart album's saved search, evaluated whenever it is read. */
export interface AlbumView {
  id: number;
  name: string;
  kind: 'hand-picked' | 'smart';
  /** A smart album's search query; null for a hand-picked album. */
  query: string | null;
  /** How many photos it shows now: the total of searching `album:"<name>"`, so the sidebar and the screen agree. */
  photos: number;
  /** The newest photo in it, for a cover; null when it is empty. */
  cover: { id: number; thumbnailHash: string } | null;
  createdAt: number;
  updatedAt: number;
}

/** The sidebar's collections: the number of favourites and every album, by name. */
export interface AlbumListView {
  favorites: number;
  albums: AlbumView[];
}

/** One copy in a group of duplicates. */
export interface DuplicateCopyView {
  id: number;
  path: string;
  /** The thumbnail's key (its content hash). */
  thumbnailHash: string;
  width: number | null;
  height: number | null;
  format: string | null;
  size: number;
  hasExif: boolean;
  /** 'exact': the same bytes as the best copy; 'similar': the same picture, resized, re-encoded, cropped or turned. */
  kind: 'exact' | 'similar';
}

/** Photos that are copies of one another, the best copy first. */
export interface DuplicateGroupView {
  /** The best copy's id: stable while the group's best copy is. */
  id: number;
  copies: DuplicateCopyView[];
  /** Why the first copy is the best ('largest', 'original format', 'has EXIF', 'least compressed', 'oldest file'). */
  bestBecause: string[];
}

export interface DuplicatesView {
  groups: DuplicateGroupView[];
  /** Copies beyond the first in every group: what "keep the best" would hide. */
  extraCopies: number;
  /** Photos hidden so far (is:hidden finds them). */
  hidden: number;
  /** Indexed photos whose perceptual hash is still being computed: their near-copies may be missing yet. */
  unhashed: number;
}

export interface KeepCopyView {
  /** The photos hidden by this choice (they stay on disk and in the library). */
  hidden: number[];
  action: number;
}

export interface DuplicatesUndoView {
  /** The photos shown again; empty when nothing was hidden. */
  shown: number[];
}
