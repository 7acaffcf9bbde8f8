import type { Db } from '../openDatabase.js';

export interface Caption {
  text: string;
  source: 'model' | 'user';
  modelVersion: string | null;
  updatedAt: number;
}

export class CaptionRepository {
  private readonly getStmt;
  private readonly modelStmt;
  private readonly userStmt;
  private readonly logStmt;
  private readonly deleteStmt;
  private readonly restoreStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[number], Caption>(
      'SELECT text, source, model_version AS modelVersion, updated_at AS updatedAt FROM captions WHERE photo_id = ?',
    );
    // A caption the user wrote is theirs: the model never replaces it.
    this.modelStmt = db.prepare<[number, string, string, number]>(
      `INSERT INTO captions (photo_id, text, source, model_version, updated_at) VALUES (?, ?, 'model', ?, ?)
       ON CONFLICT(photo_id) DO UPDATE SET text = excluded.text, model_version = excluded.model_version, updated_at = excluded.updated_at
       WHERE captions.source = 'model'`,
    );
    this.userStmt = db.prepare<[number, string, number]>(
      `INSERT INTO captions (photo_id, text, source, model_version, updated_at) VALUES (?, ?, 'user', NULL, ?)
       ON CONFLICT(photo_id) DO UPDATE SET text = excluded.text, source = 'user', model_version = NULL, updated_at = excluded.updated_at`,
    );
    this.logStmt = db.prepare<[number, string | null, string, number]>(
      `INSERT INTO corrections (photo_id, kind, tag_id, old_value, new_value, created_at) VALUES (?, 'caption', NULL, ?, ?, ?)`,
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM captions WHERE photo_id = ?');
    this.restoreStmt = db.prepare<[number, string, string, number]>(
      `INSERT INTO captions (photo_id, text, source, model_version, updated_at) VALUES (?, ?, ?, NULL, ?)
       ON CONFLICT(photo_id) DO UPDATE SET text = excluded.text, source = excluded.source, model_version = NULL, updated_at = excluded.updated_at`,
    );
  }

  get(photoId: number): Caption | undefined {
    return this.getStmt.get(photoId);
  }

  setFromModel(photoId: number, text: string, modelVersion: string, now: number): void {
    this.modelStmt.run(photoId, text, modelVersion, now);
  }

  setByUser(photoId: number, text: string, now: number): void {
    const old = this.getStmt.get(photoId);
    this.userStmt.run(photoId, text, now);
    this.logStmt.run(photoId, old?.text ?? null, text, now);
  }

  /**
   * Puts back the caption a user's edit replaced (none, when `text` is null). Not logged: undo marks the correction
   * it takes back. A restored model caption has no model version, so the next analysis refreshes it.
   */
  restore(photoId: number, text: string | null, source: Caption['source'], now: number): void {
    if (text === null) this.deleteStmt.run(photoId);
    else this.restoreStmt.run(photoId, text, source, now);
  }
}
