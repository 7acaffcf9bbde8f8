import type { Db } from '../openDatabase.js';

/**
 * The user's favourite mark and 0–5 star rating per photo (migration 0011). Only the user writes these: the
 * pipeline never does, so a re-index keeps them. A photo without a row is neither a favourite nor rated.
 */
export class PhotoMarkRepository {
  private readonly favoriteStmt;
  private readonly ratingStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.favoriteStmt = db.prepare<[number, number, number]>(
      `INSERT INTO photo_marks (photo_id, favorite, rating, updated_at) VALUES (?, ?, 0, ?)
       ON CONFLICT(photo_id) DO UPDATE SET favorite = excluded.favorite, updated_at = excluded.updated_at`,
    );
    this.ratingStmt = db.prepare<[number, number, number]>(
      `INSERT INTO photo_marks (photo_id, favorite, rating, updated_at) VALUES (?, 0, ?, ?)
       ON CONFLICT(photo_id) DO UPDATE SET rating = excluded.rating, updated_at = excluded.updated_at`,
    );
    this.countStmt = db.prepare<[], number>('SELECT count(*) FROM photo_marks WHERE favorite = 1 OR rating > 0').pluck();
  }

  setFavorite(photoId: number, favorite: boolean, now: number): void {
    this.favoriteStmt.run(photoId, favorite ? 1 : 0, now);
  }

  /** 0 takes the rating away. */
  setRating(photoId: number, rating: number, now: number): void {
    if (!Number.isInteger(rating) || rating < 0 || rating > 5) throw new RangeError(`a rating is 0 to 5 stars, not ${rating}`);
    this.ratingStmt.run(photoId, rating, now);
  }

  /** Photos the user marked as a favourite or rated. */
  countMarked(): number {
    return this.countStmt.get() as number;
  }
}
