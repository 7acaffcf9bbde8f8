import type { Db } from '../openDatabase.js';

/** A photo whose tags a better tagger may redo: what the improver needs to decode it again. */
export interface ImprovablePhoto {
  id: number;
  path: string;
  contentHash: string;
  mtimeMs: number;
}

/**
 * The background re-tagging's queue is the photos themselves: an indexed photo still at the first tagger's
 * pipeline version is waiting for the better one, and storing the better analysis moves it to that version in the
 * same transaction. So there is no second queue to lose or duplicate: a kill leaves each photo at one version.
 */
export class ImprovementRepository {
  private readonly nextStmt;
  private readonly remainingStmt;
  private readonly markStmt;

  constructor(db: Db) {
    // The gallery's order, newest first: the photos a user looks at first get the better tags first.
    this.nextStmt = db.prepare<[number, number], ImprovablePhoto>(
      `SELECT id, path, content_hash AS contentHash, mtime_ms AS mtimeMs FROM photos
       WHERE state = 'indexed' AND pipeline_version = ? ORDER BY taken_at DESC, id DESC LIMIT ?`,
    );
    this.remainingStmt = db.prepare<[number], { n: number }>(`SELECT COUNT(*) AS n FROM photos WHERE state = 'indexed' AND pipeline_version = ?`);
    this.markStmt = db.prepare<[number, number, number, number, string]>(
      `UPDATE photos SET pipeline_version = ?, indexed_at = ? WHERE id = ? AND pipeline_version = ? AND content_hash = ? AND state = 'indexed'`,
    );
  }

  /** The next photos tagged by the first tagger (its pipeline version `from`), newest first. */
  next(from: number, limit: number): ImprovablePhoto[] {
    return this.nextStmt.all(from, limit);
  }

  remaining(from: number): number {
    return this.remainingStmt.get(from)?.n ?? 0;
  }

  /**
   * Moves the photo to the better tagger's version; false when it is no longer the photo that was analysed (its
   * file changed, it was queued again or went missing), and nothing must be stored for it. Call inside the
   * transaction that stores the new analysis.
   */
  markImproved(photoId: number, from: number, to: number, contentHash: string, now: number): boolean {
    return this.markStmt.run(to, now, photoId, from, contentHash).changes === 1;
  }
}
