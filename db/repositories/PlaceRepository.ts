import type { Db } from '../openDatabase.js';

/** A photo's place by name; every field null when the geocoder found nothing there (at sea). */
export interface PhotoPlace {
  town: string | null;
  region: string | null;
  country: string | null;
  countryCode: string | null;
}

export interface PlaceToFill {
  id: number;
  lat: number;
  lon: number;
}

export class PlaceRepository {
  private readonly saveStmt;
  private readonly deleteStmt;
  private readonly getStmt;
  private readonly toFillStmt;
  private readonly countToFillStmt;

  constructor(db: Db) {
    this.saveStmt = db.prepare(
      `INSERT INTO photo_places (photo_id, town, region, country, country_code, version)
       VALUES (@photoId, @town, @region, @country, @countryCode, @version)
       ON CONFLICT (photo_id) DO UPDATE SET town = excluded.town, region = excluded.region, country = excluded.country,
         country_code = excluded.country_code, version = excluded.version`,
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM photo_places WHERE photo_id = ?');
    this.getStmt = db.prepare<[number], PhotoPlace & { version: number }>(
      `SELECT town, region, country, country_code AS countryCode, version FROM photo_places WHERE photo_id = ?`,
    );
    const toFill = `FROM photos p LEFT JOIN photo_places pp ON pp.photo_id = p.id
       WHERE p.gps_lat IS NOT NULL AND p.gps_lon IS NOT NULL AND p.state = 'indexed' AND (pp.photo_id IS NULL OR pp.version != ?)`;
    this.toFillStmt = db.prepare<[number, number, number], PlaceToFill>(
      `SELECT p.id, p.gps_lat AS lat, p.gps_lon AS lon ${toFill} AND p.id > ? ORDER BY p.id LIMIT ?`,
    );
    this.countToFillStmt = db.prepare<[number], number>(`SELECT count(*) ${toFill}`).pluck();
  }

  /** The geocoder's answer for a photo (null: nothing named there, still recorded so it is not asked again). */
  save(photoId: number, place: PhotoPlace | null, version: number): void {
    this.saveStmt.run({ photoId, town: null, region: null, country: null, countryCode: null, ...place, version });
  }

  clear(photoId: number): void {
    this.deleteStmt.run(photoId);
  }

  forPhoto(photoId: number): PhotoPlace | undefined {
    const row = this.getStmt.get(photoId);
    if (!row) return undefined;
    return { town: row.town, region: row.region, country: row.country, countryCode: row.countryCode };
  }

  /** Indexed photos with GPS and no place from geocoder `version`, after photo `afterId`, a page at a time. */
  toFill(version: number, afterId: number, limit: number): PlaceToFill[] {
    return this.toFillStmt.all(version, afterId, limit);
  }

  countToFill(version: number): number {
    return this.countToFillStmt.get(version) ?? 0;
  }
}
