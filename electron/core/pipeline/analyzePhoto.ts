import { decodePhoto } from '../imaging/decodePhoto.js';
import { PhotoDecodeError } from '../imaging/errors.js';
import type { DecodedPhoto, RawRgbImage } from '../imaging/types.js';
import { writeThumbnails } from '../imaging/writeThumbnails.js';
import { hashBytes, OutsideLibraryError, readPhotoBytes } from '../adapters/photoFiles.js';
import type { PhotoFacts } from '../../../db/repositories/PhotoRepository.js';
import { storageFaultOf } from '../library/storageFaults.js';
import { readSidecars, sidecarSignature } from '../adapters/sidecarFiles.js';
import { readKeywords } from '../imaging/keywords.js';
import { encodeHashes, perceptualHashes } from '../duplicates/perceptualHash.js';

/** One photo's analysis, as the job queue runs it. */
export interface AnalyzePhotoPayload {
  jobId: number;
  photoId: number;
  path: string;
  contentHash: string;
  mtimeMs: number;
}

/** A keyword path the photo itself or its XMP sidecar carries. */
export interface FileKeyword {
  path: string;
  origin: 'embedded' | 'sidecar';
}

export type FailureKind = 'empty' | 'unsupported' | 'corrupt' | 'too-large' | 'unreadable' | 'vanished' | 'changed' | 'internal';

export type DecodeOutcome =
  // hashes: the perceptual hashes of the decoded pixels (duplicates), as stored.
  | { ok: true; decoded: DecodedPhoto; facts: PhotoFacts; keywords: FileKeyword[]; sidecarSignature: string; hashes: Buffer }
  | { ok: false; kind: FailureKind; reason: string }
  // The machine failed, not the photo (a full disk, too many open files): the photo stays queued for a later run.
  | { ok: false; kind: 'machine'; reason: string; error: Error };

/**
 * Reading an original: only these say nothing about the file itself. EACCES there is the file's permissions, and
 * EIO is the disk under that one photo (a bad sector), not the library's: stopping every run for it would keep
 * the rest from being indexed, so it is that photo's failure until the file changes.
 */
const machineReadCodes = new Set(['EMFILE', 'ENFILE', 'ENOMEM']);

export interface DecodeStageOptions {
  thumbnailsDir: string;
  maxPixels: number;
  /** The library folders: a photo is read only if it really lies inside one (see openPhotoInLibrary). */
  libraryFolders: readonly string[];
}

/**
 * Reads, verifies, decodes and thumbnails a photo. Never throws: every problem becomes a failure with a kind and
 * a reason a person can act on, so one bad file never stops the run.
 */
export async function decodeStage(payload: AnalyzePhotoPayload, options: DecodeStageOptions): Promise<DecodeOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readPhotoBytes(payload.path, options.libraryFolders);
  } catch (error) {
    // The path now leads out of the library (swapped for a link since it was queued): as far as the library is
    // concerned its photo is gone, as a scan would find; a real file put back there brings it back.
    if (error instanceof OutsideLibraryError) return { ok: false, kind: 'vanished', reason: error.message };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, kind: 'vanished', reason: 'the file was deleted or moved before it could be read' };
    if (code !== undefined && machineReadCodes.has(code)) return { ok: false, kind: 'machine', reason: `cannot read the file (${code})`, error: error as Error };
    return { ok: false, kind: 'unreadable', reason: `cannot read the file (${code ?? (error as Error).message}); check its permissions` };
  }
  if ((await hashBytes(bytes)) !== payload.contentHash) {
    return { ok: false, kind: 'changed', reason: 'the file changed while it was queued; it will be analysed again' };
  }
  let decoded: DecodedPhoto;
  try {
    decoded = await decodePhoto(bytes, { maxPixels: options.maxPixels });
  } catch (error) {
    if (error instanceof PhotoDecodeError) return { ok: false, kind: error.kind, reason: error.message };
    return { ok: false, kind: 'internal', reason: `unexpected decoder error: ${(error as Error).message}` };
  }
  try {
    await writeThumbnails(decoded.preview, { dir: options.thumbnailsDir, hash: payload.contentHash });
  } catch (error) {
    // A full, read-only or failing disk under the thumbnails is the machine's fault, never the photo's.
    if (storageFaultOf(error)) return { ok: false, kind: 'machine', reason: `cannot write thumbnails: ${(error as Error).message}`, error: error as Error };
    return { ok: false, kind: 'internal', reason: `cannot write thumbnails: ${(error as Error).message}` };
  }
  const keywords = await fileKeywords(payload.path, decoded.metadata.keywords, options.libraryFolders);
  return { ok: true, decoded, facts: photoFacts(decoded, payload.mtimeMs), ...keywords, hashes: encodeHashes(perceptualHashes(decoded.preview)) };
}

/**
 * The photo's own keywords (`embedded`, from its metadata), then its sidecars' (a keyword in both counts once, as
 * the photo's), and the sidecars' signature to notice a later edit by another app.
 */
export async function fileKeywords(photo: string, embedded: readonly string[], folders: readonly string[]): Promise<{ keywords: FileKeyword[]; sidecarSignature: string }> {
  const keywords = new Map<string, FileKeyword>();
  for (const path of embedded) keywords.set(path.toLowerCase(), { path, origin: 'embedded' });
  const sidecars = await readSidecars(photo, folders);
  for (const sidecar of sidecars) {
    let paths: string[];
    try {
      paths = readKeywords(sidecar.text);
    } catch {
      continue;
    }
    for (const path of paths) if (!keywords.has(path.toLowerCase())) keywords.set(path.toLowerCase(), { path, origin: 'sidecar' });
  }
  return { keywords: [...keywords.values()], sidecarSignature: sidecarSignature(sidecars) };
}

/** Long side of the sharper decode faces too small in the preview are described from. */
export const detailSize = 3072;

/**
 * The photo decoded again, upright, long side ≤ detailSize: for describing small faces. null when the file changed
 * since it was analysed, vanished, or fails to decode (the preview's descriptors stand then).
 */
export async function decodeDetail(payload: AnalyzePhotoPayload, options: Pick<DecodeStageOptions, 'maxPixels' | 'libraryFolders'>): Promise<RawRgbImage | null> {
  try {
    const bytes = await readPhotoBytes(payload.path, options.libraryFolders);
    if ((await hashBytes(bytes)) !== payload.contentHash) return null;
    return (await decodePhoto(bytes, { maxPixels: options.maxPixels, previewSize: detailSize })).preview;
  } catch {
    return null;
  }
}

export function photoFacts(decoded: DecodedPhoto, mtimeMs: number): PhotoFacts {
  const m = decoded.metadata;
  return {
    width: decoded.width,
    height: decoded.height,
    format: decoded.format,
    takenAt: m.takenAt,
    takenTz: m.takenTz,
    dateSource: m.dateSource,
    takenTzSource: m.takenTzSource,
    takenZone: m.takenZone,
    // No date in the file means undated, never the file's time: a copy, a download or a restore changes that. It
    // is kept beside, as the hint the photo view shows ("undated (file date …)").
    fileDate: m.takenAt === null ? localDateTime(mtimeMs) : null,
    dateProblem: m.dateProblem,
    gpsProblem: m.gpsProblem,
    cameraMake: m.cameraMake,
    cameraModel: m.cameraModel,
    camera: m.camera,
    lens: m.lens,
    gpsLat: m.gps?.lat ?? null,
    gpsLon: m.gps?.lon ?? null,
    gpsAlt: m.gps?.alt ?? null,
    orientation: m.orientation,
  };
}

/** The machine's wall clock at `ms`, with its offset: 'YYYY-MM-DDTHH:MM:SS+HH:MM'. */
function localDateTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const offsetMin = -d.getTimezoneOffset();
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
