import type { Db } from '../openDatabase.js';
import type { PhotoPlace } from './PlaceRepository.js';

/** A place estimated for a photo without GPS, from a located photo of the same camera taken close in time. */
export interface PlaceEstimate extends PhotoPlace {
  sourcePhotoId: number;
  /** The source's capture time minus this photo's, in seconds: negative when the source was taken earlier. */
  offsetSeconds: number;
}

/** What the estimate pass reads for every indexed photo of a camera that has located photos. */
export interface EstimateCandidate {
  id: number;
  cameraMake: string;
  cameraModel: string;
  /** Local capture time 'YYYY-MM-DDTHH:MM:SS…' as the camera's clock wrote it. */
  takenAt: string;
  lat: number | null;
  lon: number | null;
  /** The GPS place (photo_places), null when the photo has no GPS or no named place. */
  place: PhotoPlace | null;
}

export class PlaceEstimateRepository {
  private readonly saveStmt;
  private readonly deleteStmt;
  private readonly getStmt;
  private readonly allStmt;
  private readonly candidatesStmt;

  constructor(db: Db) {
    this.saveStmt = db.prepare(
      `INSERT INTO photo_place_estimates (photo_id, source_photo_id, offset_seconds, town, region, country, country_code)
       VALUES (@photoId, @sourcePhotoId, @offsetSeconds, @town, @region, @country, @countryCode)
       ON CONFLICT (photo_id) DO UPDATE SET source_photo_id = excluded.source_photo_id, offset_seconds = excluded.offset_seconds,
         town = excluded.town, region = excluded.region, country = excluded.country, country_code = excluded.country_code`,
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM photo_place_estimates WHERE photo_id = ?');
    const columns = `source_photo_id AS sourcePhotoId, offset_seconds AS offsetSeconds, town, region, country, country_code AS countryCode`;
    this.getStmt = db.prepare<[number], PlaceEstimate>(`SELECT ${columns} FROM photo_place_estimates WHERE photo_id = ?`);
    this.allStmt = db.prepare<[], PlaceEstimate & { photoId: number }>(`SELECT photo_id AS photoId, ${columns} FROM photo_place_estimates`);
    // Only cameras with at least one located, dated, indexed photo can give an estimate: the rest are never read.
    this.candidatesStmt = db.prepare<[], Omit<EstimateCandidate, 'place'> & { town: string | null; region: string | null; country: string | null; countryCode: string | null; placed: number }>(
      `SELECT p.id, p.camera_make AS cameraMake, p.camera_model AS cameraModel, p.taken_at AS takenAt, p.gps_lat AS lat, p.gps_lon AS lon,
              pp.town, pp.region, pp.country, pp.country_code AS countryCode, pp.photo_id IS NOT NULL AS placed
       FROM photos p LEFT JOIN photo_places pp ON pp.photo_id = p.id
       WHERE p.state = 'indexed' AND p.taken_at IS NOT NULL AND p.camera_make IS NOT NULL AND p.camera_model IS NOT NULL
         AND (p.camera_make, p.camera_model) IN (
           SELECT camera_make, camera_model FROM photos
           WHERE state = 'indexed' AND taken_at IS NOT NULL AND gps_lat IS NOT NULL AND gps_lon IS NOT NULL AND camera_make IS NOT NULL AND camera_model IS NOT NULL)
       ORDER BY p.camera_make, p.camera_model, p.taken_at, p.id`,
    );
  }

  save(photoId: number, estimate: PlaceEstimate): void {
    this.saveStmt.run({ photoId, ...estimate });
  }

  clear(photoId: number): void {
    this.deleteStmt.run(photoId);
  }

  forPhoto(photoId: number): PlaceEstimate | undefined {
    return this.getStmt.get(photoId);
  }

  /** Every stored estimate, by photo id: what the pass compares its fresh answer with. */
  all(): Map<number, PlaceEstimate> {
    const map = new Map<number, PlaceEstimate>();
    for (const { photoId, ...estimate } of this.allStmt.iterate()) map.set(photoId, estimate);
    return map;
  }

  /** Dated, indexed photos of cameras that have located photos, by camera and then capture time. */
  candidates(): EstimateCandidate[] {
    return this.candidatesStmt.all().map(({ town, region, country, countryCode, placed, ...photo }) => ({
      ...photo,
      place: placed ? { town, region, country, countryCode } : null,
    }));
  }
}
