import type { Db } from '../openDatabase.js';

export interface CorrectionRow {
  id: number;
  photoId: number;
  kind: 'accept' | 'reject' | 'add' | 'remove' | 'rename' | 'caption';
  tagName: string | null;
  oldValue: string | null;
  newValue: string | null;
  createdAt: number;
}

/** One logged correction as undo needs it: the tag by id, and the value it replaced. */
export interface CorrectionEntry {
  id: number;
  photoId: number;
  kind: CorrectionRow['kind'];
  tagId: number | null;
  oldValue: string | null;
  newValue: string | null;
}

/** The log of what users corrected: written by the tag and caption repositories, read by training and undo. */
export class CorrectionRepository {
  private readonly listStmt;
  private readonly countStmt;
  private readonly lastIdStmt;
  private readonly groupStmt;
  private readonly newestStmt;
  private readonly newestAtStmt;
  private readonly batchStmt;
  private readonly undoneStmt;
  private readonly userCaptionStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare<[number, number], CorrectionRow>(
      `SELECT c.id, c.photo_id AS photoId, c.kind, t.name AS tagName, c.old_value AS oldValue, c.new_value AS newValue, c.created_at AS createdAt
       FROM corrections c LEFT JOIN tags t ON t.id = c.tag_id WHERE c.id > ? AND c.undone_at IS NULL ORDER BY c.id LIMIT ?`,
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM corrections WHERE undone_at IS NULL');
    this.lastIdStmt = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM corrections');
    // A batch is named by its first row's id; rows written without one (before migration 0004) are a batch each.
    this.groupStmt = db.prepare<{ afterId: number }>('UPDATE corrections SET batch_id = (SELECT MIN(id) FROM corrections WHERE id > @afterId) WHERE id > @afterId');
    this.newestAtStmt = db.prepare<[], number>('SELECT created_at FROM corrections WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1').pluck();
    this.newestStmt = db.prepare<[], { batch: number }>('SELECT COALESCE(batch_id, id) AS batch FROM corrections WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1');
    this.batchStmt = db.prepare<{ batch: number }, CorrectionEntry>(
      `SELECT id, photo_id AS photoId, kind, tag_id AS tagId, old_value AS oldValue, new_value AS newValue FROM corrections
       WHERE id >= @batch AND COALESCE(batch_id, id) = @batch AND undone_at IS NULL ORDER BY id DESC`,
    );
    this.undoneStmt = db.prepare<[number, number]>('UPDATE corrections SET undone_at = ? WHERE id = ?');
    this.userCaptionStmt = db.prepare<[number, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM corrections WHERE photo_id = ? AND kind = 'caption' AND id < ? AND undone_at IS NULL`,
    );
  }

  /** Corrections after `afterId` that still stand (not undone), oldest first. */
  list(afterId = 0, limit = 10_000): CorrectionRow[] {
    return this.listStmt.all(afterId, limit);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  /** The id of the newest correction, 0 when there is none: where the next batch starts. */
  lastId(): number {
    return this.lastIdStmt.get()?.id ?? 0;
  }

  /** Makes every correction after `afterId` one batch, which one undo takes back whole. */
  groupAfter(afterId: number): void {
    this.groupStmt.run({ afterId });
  }

  /** The newest batch that still stands, newest correction first (the order to take them back in). */
  /** When the newest correction still standing was made, or null: to undo it or a newer people decision first. */
  newestStandingAt(): number | null {
    return (this.newestAtStmt.get() as number | undefined) ?? null;
  }

  newestBatch(): CorrectionEntry[] {
    const newest = this.newestStmt.get();
    return newest ? this.batchStmt.all({ batch: newest.batch }) : [];
  }

  markUndone(ids: readonly number[], now: number): void {
    for (const id of ids) this.undoneStmt.run(now, id);
  }

  /** Whether the user had written this photo's caption before correction `beforeId` (else it was the model's). */
  userCaptionBefore(photoId: number, beforeId: number): boolean {
    return (this.userCaptionStmt.get(photoId, beforeId)?.n ?? 0) > 0;
  }
}
