import type { Db } from '../openDatabase.js';

export interface AlbumRow {
  id: number;
  name: string;
  /** A smart album's saved search query; null for a hand-picked album. */
  query: string | null;
  createdAt: number;
  updatedAt: number;
}

const columns = 'id, name, query, created_at AS createdAt, updated_at AS updatedAt';

/**
 * Albums (migration 0011): hand-picked ones hold photo ids in album_photos; smart ones only their query, which the
 * search evaluates when read. Deleting an album deletes its membership rows, never a photo.
 */
export class AlbumRepository {
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly byNameStmt;
  private readonly insertStmt;
  private readonly renameStmt;
  private readonly setQueryStmt;
  private readonly deleteStmt;
  private readonly addStmt;
  private readonly removeStmt;
  private readonly photoIdsStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare<[], AlbumRow>(`SELECT ${columns} FROM albums ORDER BY name COLLATE NOCASE, id`);
    this.byIdStmt = db.prepare<[number], AlbumRow>(`SELECT ${columns} FROM albums WHERE id = ?`);
    this.byNameStmt = db.prepare<[string], AlbumRow>(`SELECT ${columns} FROM albums WHERE name = ? COLLATE NOCASE`);
    this.insertStmt = db.prepare<[string, string | null, number, number]>('INSERT INTO albums (name, query, created_at, updated_at) VALUES (?, ?, ?, ?)');
    this.renameStmt = db.prepare<[string, number, number]>('UPDATE albums SET name = ?, updated_at = ? WHERE id = ?');
    this.setQueryStmt = db.prepare<[string, number, number]>('UPDATE albums SET query = ?, updated_at = ? WHERE id = ? AND query IS NOT NULL');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM albums WHERE id = ?');
    this.addStmt = db.prepare<[number, number, number]>('INSERT OR IGNORE INTO album_photos (album_id, photo_id, added_at) VALUES (?, ?, ?)');
    this.removeStmt = db.prepare<[number, number]>('DELETE FROM album_photos WHERE album_id = ? AND photo_id = ?');
    this.photoIdsStmt = db.prepare<[number], number>('SELECT photo_id FROM album_photos WHERE album_id = ? ORDER BY photo_id').pluck();
    this.countStmt = db.prepare<[], number>('SELECT count(*) FROM albums').pluck();
  }

  list(): AlbumRow[] {
    return this.listStmt.all();
  }

  byId(id: number): AlbumRow | undefined {
    return this.byIdStmt.get(id);
  }

  /** Names are unique in any case. */
  byName(name: string): AlbumRow | undefined {
    return this.byNameStmt.get(name);
  }

  /** A hand-picked album (query null) or a smart one; returns its id. */
  create(name: string, query: string | null, now: number): number {
    return Number(this.insertStmt.run(name, query, now, now).lastInsertRowid);
  }

  rename(id: number, name: string, now: number): void {
    this.renameStmt.run(name, now, id);
  }

  /** Only a smart album has a query to change. */
  setQuery(id: number, query: string, now: number): void {
    this.setQueryStmt.run(query, now, id);
  }

  /** Deletes the album and its membership rows (ON DELETE CASCADE); the photos stay. */
  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  /** Returns how many of the photos were not in the album yet. */
  addPhotos(id: number, photoIds: readonly number[], now: number): number {
    let added = 0;
    for (const photoId of photoIds) added += this.addStmt.run(id, photoId, now).changes;
    return added;
  }

  /** Returns how many of the photos were in the album. */
  removePhotos(id: number, photoIds: readonly number[]): number {
    let removed = 0;
    for (const photoId of photoIds) removed += this.removeStmt.run(id, photoId).changes;
    return removed;
  }

  /** The hand-picked photos of an album (none for a smart album). */
  photoIds(id: number): number[] {
    return this.photoIdsStmt.all(id);
  }

  count(): number {
    return this.countStmt.get() as number;
  }
}
