import type { Db } from '../openDatabase.js';
import type { PhotoPlace } from './PlaceRepository.js';

/** A place estimated for a photo without GPS, from a located photo of the same camera taken close in time. */
export interface PlaceEstimate extends PhotoPlace {
  sourcePhotoId: number;
  /** The source's capture time minus this photo's, in seconds: negative when the source was taken earlier. */
  offsetSeconds: number;
}

/** What the estimate pass reads for every dated, indexed photo with a camera make and model. */
export interface EstimateCandidate {
  id: number;
  cameraMake: string;
  cameraModel: string;
  /** Local capture time 'YYYY-MM-DDTHH:MM:SS…' as the camera's clock wrote it. */
  takenAt: string;
  lat: number | null;
  lon: number | null;
}

export class PlaceEstimateRepository {
  private readonly saveStmt;
  private readonly deleteStmt;
  private readonly getStmt;
  private readonly allStmt;
  private readonly candidatesStmt;
  private readonly placeStmt;

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
    // Raw rows, no join: this reads every dated photo with a camera at each pass, and objects per column cost more
    // than the read. Places are looked up only for the few located photos an estimate comes from (placeOf).
    this.candidatesStmt = db.prepare<[], [number, string, string, string, number | null, number | null]>(
      `SELECT id, camera_make, camera_model, taken_at, gps_lat, gps_lon FROM photos
       WHERE state = 'indexed' AND taken_at IS NOT NULL AND camera_make IS NOT NULL AND camera_model IS NOT NULL`,
    ).raw(true);
    this.placeStmt = db.prepare<[number], PhotoPlace>('SELECT town, region, country, country_code AS countryCode FROM photo_places WHERE photo_id = ?');
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

  /** Dated, indexed photos with a camera make and model, in no order. */
  candidates(): EstimateCandidate[] {
    return this.candidatesStmt.all().map(([id, cameraMake, cameraModel, takenAt, lat, lon]) => ({ id, cameraMake, cameraModel, takenAt, lat, lon }));
  }

  /** The GPS place named for a photo (photo_places), undefined when none was named. */
  gpsPlaceOf(photoId: number): PhotoPlace | undefined {
    return this.placeStmt.get(photoId);
  }
}
