/** The parsed form of a search query. Every node knows where it came from, so a UI can highlight it. */

export interface Span {
  /** 0-based offset of the first character in the query text. */
  position: number;
  length: number;
}

export type FlagFacetName = 'gps' | 'caption' | 'tags' | 'date' | 'camera' | 'text' | 'placeEstimate';
export type StateFacetName = 'indexed' | 'queued' | 'failed' | 'hidden';
export type PhotoFormatName = 'jpeg' | 'png' | 'webp' | 'avif' | 'tiff' | 'gif' | 'heic';

export type QueryNode =
  | { type: 'and'; children: QueryNode[]; span: Span }
  | { type: 'or'; children: QueryNode[]; span: Span }
  | { type: 'not'; child: QueryNode; span: Span }
  /** Full-text: a word (`prefix` when it may be the start of a longer word) or a quoted phrase. */
  | { type: 'text'; text: string; phrase: boolean; prefix: boolean; span: Span }
  | { type: 'tag'; name: string; span: Span }
  /** Case-insensitive substring of a camera (or make, or model) or lens. */
  | { type: 'camera' | 'lens'; value: string; span: Span }
  /** A town or region (`place`) or a country by name or ISO code (`country`): whole words, case and accents folded. */
  | { type: 'place' | 'country'; value: string; span: Span }
  /**
   * A place estimated for a photo without GPS (from a located photo of the same camera within an hour): a town,
   * region or country by name or code, matched as place: and country: match. Never matched by place: or country:.
   */
  | { type: 'estimate'; value: string; span: Span }
  /** Words that start words of the folder path below the library folder (and its own name), in order. */
  | { type: 'folder'; value: string; span: Span }
  /** Words read in the photo (signs, documents, screenshots): a word or, quoted, a phrase. */
  | { type: 'photoText'; value: string; span: Span }
  /** Taken in [from, to): 'YYYY-MM-DD' days, either end open (null). */
  | { type: 'date'; from: string | null; to: string | null; span: Span }
  /** Taken in this month (1–12) of any year. */
  | { type: 'month'; month: number; span: Span }
  | { type: 'format'; format: PhotoFormatName; span: Span }
  | { type: 'has'; facet: FlagFacetName; span: Span }
  | { type: 'is'; state: StateFacetName; span: Span }
  /** Photos with a person of this name (any case) among their faces. */
  | { type: 'person'; name: string; span: Span }
  /** Photos with exactly `count` faces, or at least that many when `atLeast`. */
  | { type: 'faces'; count: number; atLeast: boolean; span: Span }
  /**
   * Photos whose GPS position lies in this box (degrees; west > east crosses the 180th meridian). Top level only.
   * `estimates` (written within:s,w,n,e,estimated): also the photos without GPS whose estimated place (the
   * position of the located photo it came from) lies in it, asked for on purpose as estimate: is.
   */
  | { type: 'within'; south: number; west: number; north: number; east: number; estimates: boolean; span: Span }
  /** The user's favourites (is:favorite). */
  | { type: 'favorite'; span: Span }
  /** Rated exactly `stars` (0: unrated), or at least that many when `atLeast`. */
  | { type: 'rating'; stars: number; atLeast: boolean; span: Span }
  /** The photos of the album of this name (any case): its hand-picked photos, or a smart album's query. */
  | { type: 'album'; name: string; span: Span };

export interface ParsedQuery {
  text: string;
  /** null for a query with no terms: every photo, newest first. */
  root: QueryNode | null;
}
