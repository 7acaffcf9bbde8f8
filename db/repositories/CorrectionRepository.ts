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

/** The log of what users corrected: written by the tag and caption repositories, read by training and undo. */
export class CorrectionRepository {
  private readonly listStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare<[number, number], CorrectionRow>(
      `SELECT c.id, c.photo_id AS photoId, c.kind, t.name AS tagName, c.old_value AS oldValue, c.new_value AS newValue, c.created_at AS createdAt
       FROM corrections c LEFT JOIN tags t ON t.id = c.tag_id WHERE c.id > ? ORDER BY c.id LIMIT ?`,
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM corrections');
  }

  /** Corrections after `afterId`, oldest first. */
  list(afterId = 0, limit = 10_000): CorrectionRow[] {
    return this.listStmt.all(afterId, limit);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
