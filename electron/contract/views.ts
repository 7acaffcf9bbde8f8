/** The shapes the shells print and send; field names are part of the CLI's JSON contract. */
export interface TagView {
  name: string;
  kind: string;
  confidence: number | null;
  count: number | null;
  source: 'model' | 'user' | 'rule';
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
}

export interface PhotoDetailView extends PhotoSummaryView {
  fileName: string;
  size: number;
  format: string | null;
  takenTz: string | null;
  dateSource: string | null;
  cameraMake: string | null;
  cameraModel: string | null;
  lens: string | null;
  gps: { lat: number; lon: number; alt: number | null } | null;
  orientation: number | null;
  contentHash: string;
  captionSource: 'model' | 'user' | null;
  errorKind: string | null;
  errorReason: string | null;
  indexedAt: string | null;
}

export interface SearchPageView {
  query: string;
  total: number;
  offset: number;
  limit: number;
  results: PhotoSummaryView[];
}

export interface FolderView {
  path: string;
  photos: number;
  lastScanAt: number | null;
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

export interface LibraryStatusView {
  photos: { total: number; indexed: number; queued: number; failed: number; missing: number };
  failures: FailureView[];
  folders: FolderView[];
  dataDir: string;
}

export interface TagCountView {
  name: string;
  kind: string;
  count: number;
}

export interface FacetsView {
  tags: { name: string; count: number }[];
  years: { year: string; count: number }[];
  cameras: { camera: string; count: number }[];
}

export interface ReviewItemView {
  photo: PhotoSummaryView;
  tag: TagView;
}
