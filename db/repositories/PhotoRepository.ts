import type { Db } from '../openDatabase.js';

export type PhotoState = 'queued' | 'indexed' | 'failed' | 'missing';

export interface PhotoFileFacts {
  path: string;
  fileName: string;
  folderId: number | null;
  size: number;
  mtimeMs: number;
  contentHash: string;
}

export interface PhotoRow extends PhotoFileFacts {
  id: number;
  width: number | null;
  height: number | null;
  format: string | null;
  takenAt: string | null;
  takenTz: string | null;
  dateSource: string | null;
  /** 'offset' when the file wrote takenTz, 'gps' when it is the GPS position's zone's; null when the zone is unknown. */
  takenTzSource: string | null;
  /** The IANA zone takenTz came from ('Europe/Rome'), when it came from the GPS position. */
  takenZone: string | null;
  /** An undated photo's file modification time, 'YYYY-MM-DDTHH:MM:SS+HH:MM': a hint to show, never a capture date. */
  fileDate: string | null;
  /** Why the file's date or GPS tags were refused; null when fine or absent. */
  dateProblem: string | null;
  gpsProblem: string | null;
  cameraMake: string | null;
  cameraModel: string | null;
  camera: string | null;
  lens: string | null;
  gpsLat: number | null;
  gpsLon: number | null;
  gpsAlt: number | null;
  orientation: number | null;
  state: PhotoState;
  errorKind: string | null;
  errorReason: string | null;
  pipelineVersion: number | null;
  indexedAt: number | null;
  addedAt: number;
  missingSince: number | null;
  /** The user's own marks (photo_marks, migration 0011): 1 for a favourite, else 0; 0–5 stars (0: unrated). */
  favorite: number;
  rating: number;
  /** 1 when the photo has no GPS but a place estimated from its camera's located photos (migration 0015), else 0. */
  placeEstimated: number;
}

/** What the pipeline learned about a photo's pixels and metadata. */
export interface PhotoFacts {
  width: number;
  height: number;
  format: string;
  takenAt: string | null;
  takenTz: string | null;
  dateSource: string | null;
  /** 'offset' when the file wrote takenTz, 'gps' when it is the GPS position's zone's; null when the zone is unknown. */
  takenTzSource: string | null;
  /** The IANA zone takenTz came from ('Europe/Rome'), when it came from the GPS position. */
  takenZone: string | null;
  /** An undated photo's file modification time, 'YYYY-MM-DDTHH:MM:SS+HH:MM': a hint to show, never a capture date. */
  fileDate: string | null;
  /** Why the file's date or GPS tags were refused; null when fine or absent. */
  dateProblem: string | null;
  gpsProblem: string | null;
  cameraMake: string | null;
  cameraModel: string | null;
  camera: string | null;
  lens: string | null;
  gpsLat: number | null;
  gpsLon: number | null;
  gpsAlt: number | null;
  orientation: number | null;
}

/** A photo taken on a given month-day of some year, with how many that year has in all. */
export interface DayMatch {
  id: number;
  year: number;
  totalThatYear: number;
}

export interface StateCounts {
  total: number;
  indexed: number;
  queued: number;
  failed: number;
  missing: number;
}

const columns = `id, folder_id AS folderId, path, file_name AS fileName, size, mtime_ms AS mtimeMs, content_hash AS contentHash,
  width, height, format, taken_at AS takenAt, taken_tz AS takenTz, date_source AS dateSource, taken_tz_source AS takenTzSource,
  taken_zone AS takenZone, file_date AS fileDate, date_problem AS dateProblem, gps_problem AS gpsProblem, camera_make AS cameraMake,
  camera_model AS cameraModel, camera, lens, gps_lat AS gpsLat, gps_lon AS gpsLon, gps_alt AS gpsAlt, orientation, state,
  error_kind AS errorKind, error_reason AS errorReason, pipeline_version AS pipelineVersion, indexed_at AS indexedAt,
  added_at AS addedAt, missing_since AS missingSince,
  coalesce((SELECT m.favorite FROM photo_marks m WHERE m.photo_id = photos.id), 0) AS favorite,
  coalesce((SELECT m.rating FROM photo_marks m WHERE m.photo_id = photos.id), 0) AS rating,
  CASE WHEN gps_lat IS NULL AND EXISTS (SELECT 1 FROM photo_place_estimates e WHERE e.photo_id = photos.id) THEN 1 ELSE 0 END AS placeEstimated`;

export class PhotoRepository {
  private readonly byIdStmt;
  private readonly byPathStmt;
  private readonly byHashStmt;
  private readonly insertStmt;
  private readonly updateFileStmt;
  private readonly factsStmt;
  private readonly failedStmt;
  private readonly missingStmt;
  private readonly missingInFolderStmt;
  private readonly countsStmt;
  private readonly failuresStmt;
  private readonly failedOfKindStmt;
  private readonly requeueFailedStmt;
  private readonly countInFolderStmt;
  private readonly folderPageStmt;
  private readonly idsInFolderStmt;
  private readonly staleStmt;
  private readonly purgeStmt;
  private readonly detachFolderStmt;
  private readonly setStateStmt;
  private readonly firstYearStmt;
  private readonly zonesToFillStmt;
  private readonly keywordsToCheckStmt;
  private readonly setSidecarSignatureStmt;
  private readonly setZoneStmt;
  private readonly onDaysStmt;

  constructor(db: Db) {
    this.byIdStmt = db.prepare<[number], PhotoRow>(`SELECT ${columns} FROM photos WHERE id = ?`);
    this.byPathStmt = db.prepare<[string], PhotoRow>(`SELECT ${columns} FROM photos WHERE path = ?`);
    this.byHashStmt = db.prepare<[string], PhotoRow>(`SELECT ${columns} FROM photos WHERE content_hash = ? ORDER BY id`);
    this.insertStmt = db.prepare<[number | null, string, string, number, number, string, number]>(
      `INSERT INTO photos (folder_id, path, file_name, size, mtime_ms, content_hash, added_at, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'queued') RETURNING id`,
    );
    this.updateFileStmt = db.prepare(
      `UPDATE photos SET folder_id = @folderId, path = @path, file_name = @fileName, size = @size, mtime_ms = @mtimeMs,
         content_hash = @contentHash, missing_since = NULL, state = @state,
         error_kind = CASE WHEN @resetAnalysis THEN NULL ELSE error_kind END,
         error_reason = CASE WHEN @resetAnalysis THEN NULL ELSE error_reason END,
         indexed_at = CASE WHEN @resetAnalysis THEN NULL ELSE indexed_at END,
         pipeline_version = CASE WHEN @resetAnalysis THEN NULL ELSE pipeline_version END
       WHERE id = @id`,
    );
    this.factsStmt = db.prepare(
      `UPDATE photos SET width = @width, height = @height, format = @format, taken_at = @takenAt, taken_tz = @takenTz,
         date_source = @dateSource, taken_tz_source = @takenTzSource, taken_zone = @takenZone, file_date = @fileDate, date_problem = @dateProblem,
         gps_problem = @gpsProblem, camera_make = @cameraMake, camera_model = @cameraModel, camera = @camera, lens = @lens,
         gps_lat = @gpsLat, gps_lon = @gpsLon, gps_alt = @gpsAlt, orientation = @orientation, state = 'indexed',
         error_kind = NULL, error_reason = NULL, pipeline_version = @pipelineVersion, indexed_at = @now
       WHERE id = @id`,
    );
    this.failedStmt = db.prepare<[string, string, number, number, number]>(
      `UPDATE photos SET state = 'failed', error_kind = ?, error_reason = ?, pipeline_version = ?, indexed_at = ? WHERE id = ?`,
    );
    this.missingStmt = db.prepare<[number, number]>(
      `UPDATE photos SET state = 'missing', missing_since = COALESCE(missing_since, ?) WHERE id = ?`,
    );
    this.missingInFolderStmt = db.prepare<[number, number]>(
      `UPDATE photos SET state = 'missing', missing_since = COALESCE(missing_since, ?), folder_id = NULL WHERE folder_id = ?`,
    );
    this.setStateStmt = db.prepare<[string, number]>('UPDATE photos SET state = ? WHERE id = ?');
    this.detachFolderStmt = db.prepare<[number]>('UPDATE photos SET folder_id = NULL WHERE folder_id = ?');
    this.countsStmt = db.prepare<[], StateCounts>(
      `SELECT COUNT(*) FILTER (WHERE state != 'missing') AS total,
              COUNT(*) FILTER (WHERE state = 'indexed') AS indexed,
              COUNT(*) FILTER (WHERE state = 'queued') AS queued,
              COUNT(*) FILTER (WHERE state = 'failed') AS failed,
              COUNT(*) FILTER (WHERE state = 'missing') AS missing
       FROM photos`,
    );
    this.failedOfKindStmt = db.prepare<[string], { id: number; contentHash: string; reason: string | null }>(
      `SELECT id, content_hash AS contentHash, error_reason AS reason FROM photos WHERE state = 'failed' AND error_kind = ?`,
    );
    this.requeueFailedStmt = db.prepare<[number]>(
      `UPDATE photos SET state = 'queued', error_kind = NULL, error_reason = NULL, pipeline_version = NULL WHERE id = ? AND state = 'failed'`,
    );
    this.failuresStmt = db.prepare<[number], { path: string; kind: string | null; reason: string | null }>(
      `SELECT path, error_kind AS kind, error_reason AS reason FROM photos WHERE state = 'failed' ORDER BY path LIMIT ?`,
    );
    this.idsInFolderStmt = db.prepare<[number], number>(`SELECT id FROM photos WHERE folder_id = ? AND state != 'missing' ORDER BY id`).pluck();
    this.folderPageStmt = db.prepare<[number, number, number], { id: number; path: string }>(
      `SELECT id, path FROM photos WHERE folder_id = ? AND state != 'missing' AND id > ? ORDER BY id LIMIT ?`,
    );
    this.countInFolderStmt = db.prepare<[number], { n: number }>(`SELECT COUNT(*) AS n FROM photos WHERE folder_id = ? AND state != 'missing'`);
    this.staleStmt = db.prepare<[number], PhotoRow>(
      `SELECT ${columns} FROM photos WHERE state IN ('indexed', 'failed') AND (pipeline_version IS NULL OR pipeline_version < ?)`,
    );
    this.keywordsToCheckStmt = db.prepare<[number, number], { id: number; path: string; contentHash: string; sidecarSignature: string | null }>(
      `SELECT id, path, content_hash AS contentHash, sidecar_signature AS sidecarSignature FROM photos
       WHERE state = 'indexed' AND id > ? ORDER BY id LIMIT ?`,
    );
    this.setSidecarSignatureStmt = db.prepare<[string, number]>('UPDATE photos SET sidecar_signature = ? WHERE id = ?');
    this.zonesToFillStmt = db.prepare<[number, number], { id: number; takenAt: string; lat: number; lon: number }>(
      `SELECT id, taken_at AS takenAt, gps_lat AS lat, gps_lon AS lon FROM photos
       WHERE state = 'indexed' AND taken_at IS NOT NULL AND taken_tz IS NULL AND gps_lat IS NOT NULL AND gps_lon IS NOT NULL AND id > ?
       ORDER BY id LIMIT ?`,
    );
    this.setZoneStmt = db.prepare<[string, string, number]>(
      `UPDATE photos SET taken_tz = ?, taken_tz_source = 'gps', taken_zone = ? WHERE id = ? AND taken_tz IS NULL`,
    );
    this.firstYearStmt = db.prepare<[], string | null>('SELECT substr(min(taken_at), 1, 4) FROM photos').pluck();
    // One range of the taken_at index per day ('~' sorts after any time of that day), newest first within each.
    this.onDaysStmt = db.prepare<{ days: string; perDay: number }, DayMatch>(
      `SELECT id, year, totalThatYear FROM (
         SELECT p.id, CAST(substr(d.value, 1, 4) AS INTEGER) AS year, count(*) OVER (PARTITION BY d.value) AS totalThatYear,
                row_number() OVER (PARTITION BY d.value ORDER BY p.taken_at DESC, p.id DESC) AS n, p.taken_at AS takenAt
         FROM json_each(@days) d JOIN photos p INDEXED BY photos_taken ON p.taken_at >= d.value AND p.taken_at < d.value || '~'
         WHERE p.state != 'missing')
       WHERE n <= @perDay ORDER BY takenAt DESC, id DESC`,
    );
    this.purgeStmt = db.prepare<[number]>(`DELETE FROM photos WHERE state = 'missing' AND missing_since < ?`);
  }

  byId(id: number): PhotoRow | undefined {
    return this.byIdStmt.get(id);
  }

  byPath(path: string): PhotoRow | undefined {
    return this.byPathStmt.get(path);
  }

  byHash(hash: string): PhotoRow[] {
    return this.byHashStmt.all(hash);
  }

  insert(file: PhotoFileFacts, now: number): number {
    const row = this.insertStmt.get(file.folderId, file.path, file.fileName, file.size, file.mtimeMs, file.contentHash, now) as { id: number };
    return row.id;
  }

  /**
   * Points an existing photo at a (possibly new) file. `resetAnalysis` when its content changed: the old analysis
   * no longer describes it. Tags and captions stay; the pipeline replaces only the model's own.
   */
  updateFile(id: number, file: PhotoFileFacts, state: PhotoState, resetAnalysis: boolean): void {
    this.updateFileStmt.run({ id, ...file, state, resetAnalysis: resetAnalysis ? 1 : 0 });
  }

  setState(id: number, state: PhotoState): void {
    this.setStateStmt.run(state, id);
  }

  saveFacts(id: number, facts: PhotoFacts, pipelineVersion: number, now: number): void {
    this.factsStmt.run({ id, ...facts, pipelineVersion, now });
  }

  markFailed(id: number, kind: string, reason: string, pipelineVersion: number, now: number): void {
    this.failedStmt.run(kind, reason, pipelineVersion, now, id);
  }

  /** Keeps the row (a tombstone) so that tags and corrections follow the photo if its file reappears elsewhere. */
  markMissing(id: number, now: number): void {
    this.missingStmt.run(now, id);
  }

  markFolderMissing(folderId: number, now: number): void {
    this.missingInFolderStmt.run(now, folderId);
  }

  detachFolder(folderId: number): void {
    this.detachFolderStmt.run(folderId);
  }

  counts(): StateCounts {
    return this.countsStmt.get() as StateCounts;
  }

  /** Failed photos of one kind, with their reasons, for a repair that reads the reasons. */
  failedOfKind(kind: string): { id: number; contentHash: string; reason: string | null }[] {
    return this.failedOfKindStmt.all(kind);
  }

  /** A failed photo back to the queue, its failure forgotten (the caller queues its job). */
  requeueFailed(id: number): void {
    this.requeueFailedStmt.run(id);
  }

  failures(limit = 1000): { path: string; kind: string | null; reason: string | null }[] {
    return this.failuresStmt.all(limit);
  }

  countInFolder(folderId: number): number {
    return this.countInFolderStmt.get(folderId)?.n ?? 0;
  }

  /** The ids of a folder's present photos: a whole-folder change needs no more, and rows cost ~30 µs each. */
  idsInFolder(folderId: number): number[] {
    return this.idsInFolderStmt.all(folderId);
  }

  /**
   * The next `limit` present photos of a folder after photo `afterId`, id and path only: a walk over a folder of
   * 100,000 photos in pages lets the caller yield between them instead of holding the thread for seconds.
   */
  pathsInFolderPage(folderId: number, afterId: number, limit: number): { id: number; path: string }[] {
    return this.folderPageStmt.all(folderId, afterId, limit);
  }

  /** Photos analysed by an older pipeline, to be analysed again. */
  stale(pipelineVersion: number): PhotoRow[] {
    return this.staleStmt.all(pipelineVersion);
  }

  /**
   * Photos taken on month-day `monthDay` ('07-14') of every year before `beforeYear`, at most `perYear` of each
   * (newest first), with each year's full count. 29 February matches only leap years.
   */
  takenOnMonthDay(monthDay: string, beforeYear: number, perYear: number): DayMatch[] {
    const first = this.firstYearStmt.get();
    if (first === null || first === undefined || !/^\d{4}$/.test(first)) return [];
    const days: string[] = [];
    for (let year = beforeYear - 1; year >= Number(first); year--) days.push(`${String(year).padStart(4, '0')}-${monthDay}`);
    return days.length === 0 ? [] : this.onDaysStmt.all({ days: JSON.stringify(days), perDay: perYear });
  }

  /** Indexed photos after `afterId`, with what their sidecars were when their keywords were last read (null: never). */
  keywordsToCheck(afterId: number, limit: number): { id: number; path: string; contentHash: string; sidecarSignature: string | null }[] {
    return this.keywordsToCheckStmt.all(afterId, limit);
  }

  setSidecarSignature(id: number, signature: string): void {
    this.setSidecarSignatureStmt.run(signature, id);
  }

  /** Dated GPS photos after `afterId` whose offset is unknown: their GPS position's zone can give it. */
  zonesToFill(afterId: number, limit: number): { id: number; takenAt: string; lat: number; lon: number }[] {
    return this.zonesToFillStmt.all(afterId, limit);
  }

  /** The offset of the zone at the photo's GPS position; a photo whose file wrote one keeps it. */
  setZoneFromGps(id: number, offset: string, zone: string): void {
    this.setZoneStmt.run(offset, zone, id);
  }

  purgeMissingBefore(cutoff: number): number {
    return this.purgeStmt.run(cutoff).changes;
  }
}
