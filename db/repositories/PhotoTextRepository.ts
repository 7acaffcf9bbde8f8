import type { Db } from '../openDatabase.js';

/** A photo the text pass has still to read: what it needs to decode it. */
export interface UnreadPhoto {
  id: number;
  path: string;
  contentHash: string;
  mtimeMs: number;
  width: number | null;
  height: number | null;
}

/** A word read in a photo, its box in shares (0–1) of the upright photo. */
export interface StoredWord {
  text: string;
  confidence: number;
  box: { x: number; y: number; width: number; height: number };
}

export interface PhotoTextRow {
  words: StoredWord[];
  fullText: string;
  languages: string[];
  readAt: number;
}

/**
 * The text pass's queue is the photos themselves, as for the better tagger (ImprovementRepository): an indexed
 * photo with no `photo_text` row for its present content and the present reader version is waiting to be read,
 * and storing its words is what takes it off the queue, in the same transaction. A kill loses and repeats nothing.
 */
export class PhotoTextRepository {
  private readonly nextStmt;
  private readonly remainingStmt;
  private readonly storeStmt;
  private readonly getStmt;

  constructor(db: Db) {
    const pending = `FROM photos p LEFT JOIN photo_text t ON t.photo_id = p.id
       WHERE p.state = 'indexed' AND (t.photo_id IS NULL OR t.content_hash != p.content_hash OR t.reader_version != ? OR t.languages != ?)`;
    // The gallery's order, newest first: the photos a user looks at first are read first.
    this.nextStmt = db.prepare<[number, string, number], UnreadPhoto>(
      `SELECT p.id, p.path, p.content_hash AS contentHash, p.mtime_ms AS mtimeMs, p.width, p.height ${pending}
       ORDER BY p.taken_at DESC, p.id DESC LIMIT ?`,
    );
    this.remainingStmt = db.prepare<[number, string], { n: number }>(`SELECT COUNT(*) AS n ${pending}`);
    // Only while the photo is still the content that was read: a file changed meanwhile is read again later.
    this.storeStmt = db.prepare<[number, string, string, string, number, number, string]>(
      `INSERT INTO photo_text (photo_id, content_hash, reader_version, languages, words, full_text, read_at)
       SELECT p.id, p.content_hash, ?, ?, ?, ?, ? FROM photos p WHERE p.id = ? AND p.state = 'indexed' AND p.content_hash = ?
       ON CONFLICT(photo_id) DO UPDATE SET content_hash = excluded.content_hash, reader_version = excluded.reader_version,
         languages = excluded.languages, words = excluded.words, full_text = excluded.full_text, read_at = excluded.read_at`,
    );
    this.getStmt = db.prepare<[number], { words: string; fullText: string; languages: string; readAt: number }>(
      `SELECT t.words, t.full_text AS fullText, t.languages, t.read_at AS readAt
       FROM photo_text t JOIN photos p ON p.id = t.photo_id AND p.content_hash = t.content_hash WHERE t.photo_id = ?`,
    );
  }

  /**
   * The next photos to read with reader version `readerVersion` in `languages` (in the order they are stored), newest
   * first: a photo read in other languages is read again.
   */
  next(readerVersion: number, languages: readonly string[], limit: number): UnreadPhoto[] {
    return this.nextStmt.all(readerVersion, languages.join(','), limit);
  }

  remaining(readerVersion: number, languages: readonly string[]): number {
    return this.remainingStmt.get(readerVersion, languages.join(','))?.n ?? 0;
  }

  /**
   * Stores what was read; false when the photo is no longer the content that was read (changed, missing), and
   * nothing was stored. Call inside the transaction that refreshes the photo's search row.
   */
  store(photoId: number, contentHash: string, readerVersion: number, languages: readonly string[], words: readonly StoredWord[], now: number): boolean {
    const fullText = words.map((w) => w.text).join(' ');
    return this.storeStmt.run(readerVersion, languages.join(','), JSON.stringify(words), fullText, now, photoId, contentHash).changes === 1;
  }

  /** The words read in the photo's present content; null when it has not been read. */
  get(photoId: number): PhotoTextRow | null {
    const row = this.getStmt.get(photoId);
    if (!row) return null;
    return { words: JSON.parse(row.words) as StoredWord[], fullText: row.fullText, languages: row.languages.split(',').filter(Boolean), readAt: row.readAt };
  }
}
