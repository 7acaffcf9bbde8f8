import type { Db } from '../openDatabase.js';

/** A user's verdict on one photo's tag: the labels learning trains on. */
export interface TagVerdict {
  photoId: number;
  tagId: number;
  tagName: string;
  tagKind: string;
  verdict: 'accepted' | 'rejected';
}

/** Any row of one tag, as the learner's diff reads it. */
export interface TagRow {
  photoId: number;
  confidence: number | null;
  modelVersion: string | null;
  source: 'model' | 'user' | 'rule' | 'file';
  state: 'suggested' | 'accepted' | 'rejected';
}

/** A model-written suggestion (the analyzer's or a learned head's). */
export interface SuggestionRow {
  photoId: number;
  confidence: number | null;
  modelVersion: string | null;
}

/**
 * The photo_tags rows learning reads and writes. Reads: the user's verdicts, and the suggestions on photos the
 * user has reviewed. Writes touch only unjudged model suggestions (source 'model', state 'suggested'): a row the
 * user accepted, rejected or added is never changed here, whatever a head says.
 */
export class LearningLabelRepository {
  private readonly verdictsStmt;
  private readonly verdictsOfTagStmt;
  private readonly reviewedSuggestionsStmt;
  private readonly suggestedStmt;
  private readonly rankedStmt;
  private readonly judgedStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;
  private readonly deleteAllStmt;
  private readonly tagNameStmt;
  private readonly tagRowsStmt;
  private readonly stateGetStmt;
  private readonly stateSetStmt;

  constructor(db: Db) {
    const present = `JOIN photos p ON p.id = pt.photo_id AND p.state != 'missing'`;
    // A keyword read from the file is the user's word, but not something they did here: it teaches nothing yet, and
    // a photo that only carries keywords was not reviewed (a rejection of one is a verdict like any other).
    const judged = `pt.state != 'suggested' AND NOT (pt.source = 'file' AND pt.state = 'accepted')`;
    this.verdictsStmt = db.prepare<[], TagVerdict>(
      `SELECT pt.photo_id AS photoId, pt.tag_id AS tagId, t.name AS tagName, t.kind AS tagKind, pt.state AS verdict
       FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id ${present} WHERE ${judged} ORDER BY pt.tag_id, pt.photo_id`,
    );
    this.verdictsOfTagStmt = db.prepare<[number], TagVerdict>(
      `SELECT pt.photo_id AS photoId, pt.tag_id AS tagId, t.name AS tagName, t.kind AS tagKind, pt.state AS verdict
       FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id ${present} WHERE pt.tag_id = ? AND ${judged} ORDER BY pt.updated_at DESC, pt.photo_id`,
    );
    // A photo with any verdict was looked at by the user: what it still shows unjudged, they let stand.
    this.reviewedSuggestionsStmt = db.prepare<[], { photoId: number; tagId: number }>(
      `SELECT pt.photo_id AS photoId, pt.tag_id AS tagId FROM photo_tags pt ${present}
       WHERE pt.state = 'suggested' AND pt.photo_id IN (SELECT photo_id FROM photo_tags pt WHERE ${judged})`,
    );
    this.suggestedStmt = db.prepare<[number], SuggestionRow>(
      `SELECT photo_id AS photoId, confidence, model_version AS modelVersion FROM photo_tags WHERE tag_id = ? AND source = 'model' AND state = 'suggested'`,
    );
    this.rankedStmt = db.prepare<[number, number], SuggestionRow>(
      `SELECT pt.photo_id AS photoId, pt.confidence, pt.model_version AS modelVersion FROM photo_tags pt ${present}
       WHERE pt.tag_id = ? AND pt.source = 'model' AND pt.state = 'suggested' ORDER BY pt.confidence DESC, pt.photo_id LIMIT ?`,
    );
    this.judgedStmt = db.prepare<[number], { photoId: number }>(
      `SELECT photo_id AS photoId FROM photo_tags WHERE tag_id = ? AND (state != 'suggested' OR source != 'model')`,
    );
    this.upsertStmt = db.prepare<{ photoId: number; tagId: number; confidence: number; modelVersion: string; now: number }>(
      `INSERT INTO photo_tags (photo_id, tag_id, confidence, count, source, state, model_version, updated_at)
       VALUES (@photoId, @tagId, @confidence, NULL, 'model', 'suggested', @modelVersion, @now)
       ON CONFLICT(photo_id, tag_id) DO UPDATE SET confidence = excluded.confidence, model_version = excluded.model_version, updated_at = excluded.updated_at
       WHERE photo_tags.source = 'model' AND photo_tags.state = 'suggested'`,
    );
    this.deleteStmt = db.prepare<[number, number]>(`DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ? AND source = 'model' AND state = 'suggested'`);
    this.deleteAllStmt = db.prepare<[number], { photoId: number }>(
      `DELETE FROM photo_tags WHERE tag_id = ? AND source = 'model' AND state = 'suggested' RETURNING photo_id AS photoId`,
    );
    this.tagRowsStmt = db.prepare<[number], TagRow>(
      'SELECT photo_id AS photoId, confidence, model_version AS modelVersion, source, state FROM photo_tags WHERE tag_id = ?',
    );
    this.tagNameStmt = db.prepare<[number], { name: string }>('SELECT name FROM tags WHERE id = ?');
    this.stateGetStmt = db.prepare<[string], { value: string }>('SELECT value FROM learning_state WHERE key = ?');
    this.stateSetStmt = db.prepare<[string, string]>('INSERT INTO learning_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  /** Every verdict on a photo still in the library. */
  verdicts(): TagVerdict[] {
    return this.verdictsStmt.all();
  }

  /** One tag's verdicts, most recent first. */
  verdictsOf(tagId: number): TagVerdict[] {
    return this.verdictsOfTagStmt.all(tagId);
  }

  /** Unjudged suggestions on photos that carry at least one verdict. */
  suggestionsOnReviewedPhotos(): { photoId: number; tagId: number }[] {
    return this.reviewedSuggestionsStmt.all();
  }

  /** The tag's model suggestions nobody has judged. */
  suggested(tagId: number): SuggestionRow[] {
    return this.suggestedStmt.all(tagId);
  }

  /** The tag's unjudged suggestions, most confident first. */
  rankedSuggestions(tagId: number, limit: number): SuggestionRow[] {
    return this.rankedStmt.all(tagId, limit);
  }

  /** Photos where the tag's row is the user's (a verdict, or a tag they added): heads leave these alone. */
  judgedPhotos(tagId: number): Set<number> {
    return new Set(this.judgedStmt.all(tagId).map((r) => r.photoId));
  }

  /** Writes or refreshes a model suggestion; a row the user owns is left as it is. */
  suggest(photoId: number, tagId: number, confidence: number, modelVersion: string, now: number): void {
    this.upsertStmt.run({ photoId, tagId, confidence, modelVersion, now });
  }

  /** Drops an unjudged model suggestion (never a user's row). */
  unsuggest(photoId: number, tagId: number): void {
    this.deleteStmt.run(photoId, tagId);
  }

  /** Drops every unjudged suggestion of the tag; returns the photos that lost one. */
  unsuggestAll(tagId: number): number[] {
    return this.deleteAllStmt.all(tagId).map((r) => r.photoId);
  }

  /** Every row of the tag, one read: what a re-score compares its new scores with. */
  tagRows(tagId: number): TagRow[] {
    return this.tagRowsStmt.all(tagId);
  }

  tagName(tagId: number): string | undefined {
    return this.tagNameStmt.get(tagId)?.name;
  }

  getState(key: string): string | undefined {
    return this.stateGetStmt.get(key)?.value;
  }

  setState(key: string, value: string): void {
    this.stateSetStmt.run(key, value);
  }
}
