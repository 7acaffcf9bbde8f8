import type { Db } from '../openDatabase.js';

/** A present photo as duplicate finding needs it: identity, what makes a copy the best one, and its hashes. */
export interface DuplicateCandidate {
  id: number;
  path: string;
  contentHash: string;
  size: number;
  mtimeMs: number;
  width: number | null;
  height: number | null;
  format: string | null;
  /** The file had camera EXIF (a make or model) or a capture date. */
  hasExif: boolean;
  hidden: boolean;
  /** The stored perceptual hashes (32 bytes) when current for this content and version; null when still to compute. */
  hashes: Buffer | null;
}

export interface HashToFill {
  id: number;
  path: string;
  contentHash: string;
}

/** Perceptual hashes and hidden photos (migration 0012). */
export class DuplicateRepository {
  private readonly saveStmt;
  private readonly candidatesStmt;
  private readonly toFillStmt;
  private readonly hideStmt;
  private readonly lastActionStmt;
  private readonly actionPhotosStmt;
  private readonly unhideActionStmt;
  private readonly unhideStmt;
  private readonly hiddenCountStmt;
  private readonly isHiddenStmt;

  constructor(db: Db) {
    this.saveStmt = db.prepare<[number, string, number, Buffer, number]>(
      `INSERT INTO photo_hashes (photo_id, content_hash, version, hashes, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (photo_id) DO UPDATE SET content_hash = excluded.content_hash, version = excluded.version,
         hashes = excluded.hashes, updated_at = excluded.updated_at`,
    );
    this.candidatesStmt = db.prepare<{ version: number }, Omit<DuplicateCandidate, 'hasExif' | 'hidden'> & { hasExif: number; hidden: number }>(
      `SELECT p.id, p.path, p.content_hash AS contentHash, p.size, p.mtime_ms AS mtimeMs, p.width, p.height, p.format,
              (coalesce(p.camera_make, p.camera_model, p.taken_at) IS NOT NULL) AS hasExif,
              EXISTS (SELECT 1 FROM hidden_photos h WHERE h.photo_id = p.id) AS hidden,
              CASE WHEN ph.version = @version AND ph.content_hash = p.content_hash THEN ph.hashes END AS hashes
       FROM photos p LEFT JOIN photo_hashes ph ON ph.photo_id = p.id
       WHERE p.state = 'indexed' ORDER BY p.id`,
    );
    this.toFillStmt = db.prepare<{ version: number; after: number; limit: number }, HashToFill>(
      `SELECT p.id, p.path, p.content_hash AS contentHash FROM photos p LEFT JOIN photo_hashes ph ON ph.photo_id = p.id
       WHERE p.state = 'indexed' AND p.id > @after AND (ph.photo_id IS NULL OR ph.version != @version OR ph.content_hash != p.content_hash)
       ORDER BY p.id LIMIT @limit`,
    );
    this.hideStmt = db.prepare<[number, number | null, number, number]>(
      'INSERT OR IGNORE INTO hidden_photos (photo_id, kept_id, action, hidden_at) VALUES (?, ?, ?, ?)',
    );
    this.lastActionStmt = db.prepare<[], { action: number | null }>('SELECT max(action) AS action FROM hidden_photos');
    this.actionPhotosStmt = db.prepare<[number], { photoId: number }>('SELECT photo_id AS photoId FROM hidden_photos WHERE action = ? ORDER BY photo_id');
    this.unhideActionStmt = db.prepare<[number]>('DELETE FROM hidden_photos WHERE action = ?');
    this.unhideStmt = db.prepare<[number]>('DELETE FROM hidden_photos WHERE photo_id = ?');
    this.hiddenCountStmt = db.prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM hidden_photos h JOIN photos p ON p.id = h.photo_id WHERE p.state != 'missing'`,
    );
    this.isHiddenStmt = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM hidden_photos WHERE photo_id = ?');
  }

  saveHashes(photoId: number, contentHash: string, version: number, hashes: Buffer, now: number): void {
    this.saveStmt.run(photoId, contentHash, version, hashes, now);
  }

  /** Every indexed photo with what grouping and ranking copies need, in id order. */
  candidates(version: number): DuplicateCandidate[] {
    return this.candidatesStmt.all({ version }).map((r) => ({ ...r, hasExif: r.hasExif === 1, hidden: r.hidden === 1 }));
  }

  /** Indexed photos without a current hash (indexed before migration 0012, or by an older hash), after `after`. */
  hashesToFill(version: number, after: number, limit: number): HashToFill[] {
    return this.toFillStmt.all({ version, after, limit });
  }

  /** A number for one "keep this one": the photos it hides share it. */
  nextAction(): number {
    return (this.lastActionStmt.get()?.action ?? 0) + 1;
  }

  hide(photoId: number, keptId: number | null, action: number, now: number): void {
    this.hideStmt.run(photoId, keptId, action, now);
  }

  /** The newest choice's number, null when nothing is hidden. */
  lastAction(): number | null {
    return this.lastActionStmt.get()?.action ?? null;
  }

  photosOfAction(action: number): number[] {
    return this.actionPhotosStmt.all(action).map((r) => r.photoId);
  }

  unhideAction(action: number): void {
    this.unhideActionStmt.run(action);
  }

  unhide(photoId: number): void {
    this.unhideStmt.run(photoId);
  }

  isHidden(photoId: number): boolean {
    return this.isHiddenStmt.get(photoId) !== undefined;
  }

  /** Hidden photos still in the library. */
  hiddenCount(): number {
    return this.hiddenCountStmt.get()?.n ?? 0;
  }
}
