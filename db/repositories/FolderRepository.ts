import type { Db } from '../openDatabase.js';

export interface FolderRow {
  id: number;
  path: string;
  addedAt: number;
  lastScanAt: number | null;
}

const columns = 'id, path, added_at AS addedAt, last_scan_at AS lastScanAt';

export class FolderRepository {
  private readonly insertStmt;
  private readonly byPathStmt;
  private readonly listStmt;
  private readonly deleteStmt;
  private readonly scannedStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number]>('INSERT INTO folders (path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING');
    this.byPathStmt = db.prepare<[string], FolderRow>(`SELECT ${columns} FROM folders WHERE path = ?`);
    this.listStmt = db.prepare<[], FolderRow>(`SELECT ${columns} FROM folders ORDER BY path`);
    this.deleteStmt = db.prepare<[number]>('DELETE FROM folders WHERE id = ?');
    this.scannedStmt = db.prepare<[number, number]>('UPDATE folders SET last_scan_at = ? WHERE id = ?');
  }

  /** Adds the folder if it is new; returns its row either way. */
  add(path: string, now: number): FolderRow {
    this.insertStmt.run(path, now);
    const row = this.byPathStmt.get(path);
    if (!row) throw new Error(`folder ${path} vanished right after insert`);
    return row;
  }

  byPath(path: string): FolderRow | undefined {
    return this.byPathStmt.get(path);
  }

  list(): FolderRow[] {
    return this.listStmt.all();
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  markScanned(id: number, now: number): void {
    this.scannedStmt.run(now, id);
  }
}
