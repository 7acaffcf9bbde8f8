import type { PhotoRow } from '../../../db/repositories/PhotoRepository.js';
import type { PhotoTag } from '../../../db/repositories/TagRepository.js';
import type { Caption } from '../../../db/repositories/CaptionRepository.js';
import type { PhotoPlace } from '../../../db/repositories/PlaceRepository.js';
import type { PlaceEstimate } from '../../../db/repositories/PlaceEstimateRepository.js';
import type { StoredFace } from '../../../db/repositories/FaceRepository.js';
import type { FaceView, PhotoDetailView, PhotoSummaryView, PlaceEstimateView, TagView } from '../../contract/views.js';

/** Maps DB rows to the contract's views. */
export function tagView(tag: PhotoTag): TagView {
  return { name: tag.name, kind: tag.kind, confidence: tag.confidence, count: tag.count, source: tag.source, state: tag.state };
}

export function photoSummaryView(row: PhotoRow, tags: PhotoTag[], caption: Caption | undefined): PhotoSummaryView {
  return {
    id: row.id,
    path: row.path,
    width: row.width,
    height: row.height,
    takenAt: row.takenAt,
    camera: row.camera,
    state: row.state,
    tags: tags.map(tagView),
    caption: caption?.text ?? null,
    thumbnailHash: row.contentHash,
    favorite: row.favorite === 1,
    rating: row.rating,
    placeEstimated: row.placeEstimated === 1,
  };
}

export function faceView(face: StoredFace): FaceView {
  const box = face.box.map((v) => +v.toFixed(4)) as [number, number, number, number];
  return { id: face.id, box, score: +face.score.toFixed(3), personId: face.personId, personName: face.personName, assignedBy: face.assignedBy, skipped: face.skipped };
}

export function photoDetailView(
  row: PhotoRow,
  tags: PhotoTag[],
  caption: Caption | undefined,
  place: PhotoPlace | undefined,
  faces: StoredFace[],
  estimate?: EstimateWithSource,
): PhotoDetailView {
  return {
    ...photoSummaryView(row, tags, caption),
    fileName: row.fileName,
    size: row.size,
    format: row.format,
    takenTz: row.takenTz,
    dateSource: row.dateSource,
    zoneSource: row.takenAt === null ? null : row.takenTz === null ? 'unknown' : row.takenTzSource === 'gps' ? 'gps' : 'file',
    timeZone: row.takenAt !== null && row.takenTzSource === 'gps' ? row.takenZone : null,
    undated: row.takenAt === null,
    fileDate: row.takenAt === null ? row.fileDate : null,
    dateProblem: row.dateProblem,
    gpsProblem: row.gpsProblem,
    cameraMake: row.cameraMake,
    cameraModel: row.cameraModel,
    lens: row.lens,
    gps: row.gpsLat !== null && row.gpsLon !== null ? { lat: row.gpsLat, lon: row.gpsLon, alt: row.gpsAlt } : null,
    // A row with every name null (at sea) is no place to show.
    place: place && (place.town ?? place.country) !== null ? { ...place, name: placeName(place) } : null,
    // A photo with GPS has its own place: an estimate left from before its GPS was read is not shown.
    placeEstimate: estimate && row.gpsLat === null ? placeEstimateView(estimate) : null,
    orientation: row.orientation,
    contentHash: row.contentHash,
    captionSource: caption?.source ?? null,
    errorKind: row.errorKind,
    errorReason: row.errorReason,
    indexedAt: row.indexedAt !== null ? new Date(row.indexedAt).toISOString() : null,
    faces: faces.map(faceView),
  };
}

/** "Arezzo, Italy", "Blue Springs, Missouri, United States of America", "Egypt": what the photo view and `show` print. */
export function placeName(place: PhotoPlace): string {
  return [place.town, place.region, place.country].filter((part): part is string => part !== null && part !== '').join(', ');
}

/** An estimate with what is known of the located photo it came from (it may have left the library since). */
export type EstimateWithSource = PlaceEstimate & { sourceFileName: string | null; sourcePosition: { lat: number; lon: number } | null };

/** An estimate as every screen and `show` present it: its place, marked estimated, with the photo it came from. */
export function placeEstimateView(estimate: EstimateWithSource): PlaceEstimateView {
  const minutes = Math.round(estimate.offsetSeconds / 60);
  const when = minutes === 0 ? 'within a minute' : `${Math.abs(minutes)} min ${minutes < 0 ? 'earlier' : 'later'}`;
  const place = { town: estimate.town, region: estimate.region, country: estimate.country, countryCode: estimate.countryCode };
  return {
    ...place,
    name: placeName(place),
    sourcePhotoId: estimate.sourcePhotoId,
    sourceFileName: estimate.sourceFileName,
    offsetMinutes: minutes,
    note: `estimated (from ${estimate.sourceFileName ?? `photo ${estimate.sourcePhotoId}`}, ${when})`,
    position: estimate.sourcePosition,
  };
}
