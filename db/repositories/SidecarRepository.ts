import type { Db } from '../openDatabase.js';

/** What Phototag last wrote into a photo's XMP sidecar (migration 0010), to merge the next write with others' edits. */
export interface WrittenSidecar {
  path: string;
  /** JSON of the SidecarContent written (electron/core/xmp). */
  content: string;
  writtenAt: number;
  mtimeMs: number;
}

/** Everything a photo's sidecar says about it, as Phototag knows it. */
export interface SidecarFacts {
  accepted: string[];
  rejected: string[];
  keywordPaths: string[];
  people: string[];
  caption: string | null;
  place: { town: string | null; region: string | null; country: string | null; countryCode: string | null } | null;
}

export class SidecarRepository {
  private readonly getStmt;
  private readonly saveStmt;
  private readonly tagsStmt;
  private readonly keywordsStmt;
  private readonly peopleStmt;
  private readonly captionStmt;
  private readonly placeStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[number], WrittenSidecar>('SELECT path, keywords AS content, written_at AS writtenAt, mtime_ms AS mtimeMs FROM xmp_sidecars WHERE photo_id = ?');
    this.saveStmt = db.prepare<{ photoId: number; path: string; content: string; now: number; mtimeMs: number }>(
      `INSERT INTO xmp_sidecars (photo_id, path, keywords, written_at, mtime_ms) VALUES (@photoId, @path, @content, @now, @mtimeMs)
       ON CONFLICT(photo_id) DO UPDATE SET path = excluded.path, keywords = excluded.keywords, written_at = excluded.written_at, mtime_ms = excluded.mtime_ms`,
    );
    this.tagsStmt = db.prepare<[number], { name: string; state: string }>(
      `SELECT t.name, pt.state FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.photo_id = ? AND pt.state != 'suggested' ORDER BY t.name`,
    );
    this.keywordsStmt = db.prepare<[number], string>('SELECT path FROM photo_keywords WHERE photo_id = ? ORDER BY path').pluck();
    this.peopleStmt = db.prepare<[number], string>(
      `SELECT DISTINCT pe.name FROM faces f JOIN people pe ON pe.id = f.person_id WHERE f.photo_id = ? AND pe.name IS NOT NULL ORDER BY pe.name`,
    ).pluck();
    this.captionStmt = db.prepare<[number], string>('SELECT text FROM captions WHERE photo_id = ?').pluck();
    this.placeStmt = db.prepare<[number], NonNullable<SidecarFacts['place']>>(
      'SELECT town, region, country, country_code AS countryCode FROM photo_places WHERE photo_id = ?',
    );
  }

  written(photoId: number): WrittenSidecar | undefined {
    return this.getStmt.get(photoId);
  }

  saveWritten(photoId: number, sidecar: Omit<WrittenSidecar, 'writtenAt'>, now: number): void {
    this.saveStmt.run({ photoId, path: sidecar.path, content: sidecar.content, now, mtimeMs: sidecar.mtimeMs });
  }

  /** The photo's accepted and rejected tags, its keyword paths, named people, caption and place. */
  facts(photoId: number): SidecarFacts {
    const tags = this.tagsStmt.all(photoId);
    return {
      accepted: tags.filter((t) => t.state === 'accepted').map((t) => t.name),
      rejected: tags.filter((t) => t.state === 'rejected').map((t) => t.name),
      keywordPaths: this.keywordsStmt.all(photoId),
      people: this.peopleStmt.all(photoId),
      caption: this.captionStmt.get(photoId) ?? null,
      place: this.placeStmt.get(photoId) ?? null,
    };
  }
}
