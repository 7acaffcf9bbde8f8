import type { Db } from '../openDatabase.js';
import type { Statement } from 'better-sqlite3';

/** 'file': a keyword the photo or its XMP sidecar carries (another app, or the user long ago): the user's own word. */
export type TagSource = 'model' | 'user' | 'rule' | 'file';
export type TagState = 'suggested' | 'accepted' | 'rejected';

export interface PhotoTag {
  tagId: number;
  name: string;
  kind: string;
  confidence: number | null;
  count: number | null;
  source: TagSource;
  state: TagState;
  modelVersion: string | null;
}

export interface ModelTag {
  name: string;
  kind: string;
  confidence: number;
  count?: number | null;
}

export interface TagCount {
  name: string;
  kind: string;
  count: number;
}

/** A model suggestion nobody has confirmed or rejected yet. */
export interface UncertainSuggestion {
  photoId: number;
  tagId: number;
}

export interface VocabularyEntry {
  name: string;
  kind: string;
  synonyms: readonly string[];
}

export class TagRepository {
  private readonly insertTagStmt;
  private readonly tagIdStmt;
  private readonly resolveStmt;
  private readonly synonymStmt;
  private readonly synonymsOfStmt;
  private readonly dropSuggestionsStmt;
  private readonly upsertModelStmt;
  private readonly forPhotoStmt;
  private readonly setStateStmt;
  private readonly upsertUserStmt;
  private readonly deleteStmt;
  private readonly rowStmt;
  private readonly countsStmt;
  private readonly logStmt;
  private readonly uncertainStmt;
  private readonly uncertainOfTagStmt;

  private readonly dropFileTagsStmt;
  private readonly upsertFileStmt;
  // Prepared on first use: photo_keywords arrived with migration 10, and tests write version-1 libraries with this class.
  private keywordStmts?: {
    drop: Statement<[number]>;
    insert: Statement<[number, string, string]>;
    list: Statement<[number], { path: string; origin: 'embedded' | 'sidecar' }>;
  };
  private readonly acceptedStmt;

  constructor(private readonly db: Db) {
    // Keywords gone from the file go from the photo, unless the user rejected them (the rejection stays on record).
    this.dropFileTagsStmt = db.prepare<[number]>(`DELETE FROM photo_tags WHERE photo_id = ? AND source = 'file' AND state != 'rejected'`);
    // The file's word confirms the model's suggestion of the same tag; a tag the user rejected stays rejected.
    this.upsertFileStmt = db.prepare<[number, number, number]>(
      `INSERT INTO photo_tags (photo_id, tag_id, confidence, count, source, state, model_version, updated_at)
       VALUES (?, ?, NULL, NULL, 'file', 'accepted', NULL, ?)
       ON CONFLICT(photo_id, tag_id) DO UPDATE SET state = 'accepted', updated_at = excluded.updated_at WHERE photo_tags.state = 'suggested'`,
    );
    this.acceptedStmt = db.prepare<[number], string>(
      `SELECT t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.photo_id = ? AND pt.state = 'accepted' ORDER BY t.name`,
    ).pluck();
    this.insertTagStmt = db.prepare<[string, string, number]>('INSERT INTO tags (name, kind, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING');
    this.tagIdStmt = db.prepare<[string], { id: number }>('SELECT id FROM tags WHERE name = ?');
    this.resolveStmt = db.prepare<[string, string], { id: number; name: string }>(
      `SELECT id, name FROM tags WHERE name = ?
       UNION ALL SELECT t.id, t.name FROM tag_synonyms s JOIN tags t ON t.id = s.tag_id WHERE s.alias = ?
       LIMIT 1`,
    );
    this.synonymStmt = db.prepare<[string, number]>('INSERT INTO tag_synonyms (alias, tag_id) VALUES (?, ?) ON CONFLICT(alias) DO NOTHING');
    this.synonymsOfStmt = db.prepare<[number], { alias: string }>('SELECT alias FROM tag_synonyms WHERE tag_id = ? ORDER BY alias');
    this.dropSuggestionsStmt = db.prepare<[number]>(`DELETE FROM photo_tags WHERE photo_id = ? AND source = 'model' AND state = 'suggested'`);
    // A row that survived the delete above was touched by the user: refresh the model's numbers, keep the user's verdict.
    this.upsertModelStmt = db.prepare(
      `INSERT INTO photo_tags (photo_id, tag_id, confidence, count, source, state, model_version, updated_at)
       VALUES (@photoId, @tagId, @confidence, @count, 'model', 'suggested', @modelVersion, @now)
       ON CONFLICT(photo_id, tag_id) DO UPDATE SET confidence = excluded.confidence, count = excluded.count,
         model_version = excluded.model_version`,
    );
    this.forPhotoStmt = db.prepare<[number], PhotoTag>(
      `SELECT pt.tag_id AS tagId, t.name, t.kind, pt.confidence, pt.count, pt.source, pt.state, pt.model_version AS modelVersion
       FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.photo_id = ?
       ORDER BY pt.state = 'rejected', COALESCE(pt.confidence, 1) DESC, t.name`,
    );
    this.setStateStmt = db.prepare<[string, number, number, number]>('UPDATE photo_tags SET state = ?, updated_at = ? WHERE photo_id = ? AND tag_id = ?');
    this.upsertUserStmt = db.prepare<[number, number, number]>(
      `INSERT INTO photo_tags (photo_id, tag_id, confidence, count, source, state, model_version, updated_at)
       VALUES (?, ?, NULL, NULL, 'user', 'accepted', NULL, ?)
       ON CONFLICT(photo_id, tag_id) DO UPDATE SET state = 'accepted', updated_at = excluded.updated_at`,
    );
    this.deleteStmt = db.prepare<[number, number]>('DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ?');
    this.rowStmt = db.prepare<[number, number], { source: TagSource; state: TagState }>('SELECT source, state FROM photo_tags WHERE photo_id = ? AND tag_id = ?');
    this.countsStmt = db.prepare<[], TagCount>(
      `SELECT t.name, t.kind, COUNT(*) AS count
       FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id JOIN photos p ON p.id = pt.photo_id
       WHERE pt.state != 'rejected' AND p.state != 'missing'
       GROUP BY t.id ORDER BY count DESC, t.name`,
    );
    this.logStmt = db.prepare<[number, string, number | null, string | null, string | null, number]>(
      'INSERT INTO corrections (photo_id, kind, tag_id, old_value, new_value, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // Reads photo_tags_uncertain (migration 0004) in order: the least certain suggestions come first without a sort.
    const uncertain = (extra: string) =>
      `SELECT pt.photo_id AS photoId, pt.tag_id AS tagId FROM photo_tags pt JOIN photos p ON p.id = pt.photo_id
       WHERE pt.source = 'model' AND pt.state = 'suggested' AND p.state != 'missing' ${extra}
       ORDER BY abs(pt.confidence - 0.5), pt.photo_id, pt.tag_id LIMIT @limit`;
    this.uncertainStmt = db.prepare<{ limit: number }, UncertainSuggestion>(uncertain(''));
    this.uncertainOfTagStmt = db.prepare<{ limit: number; tagId: number }, UncertainSuggestion>(uncertain('AND pt.tag_id = @tagId'));
  }

  /** Returns the tag's id, creating it (with its synonyms) on first use. */
  ensure(name: string, kind: string, now: number, synonyms: readonly string[] = []): number {
    this.insertTagStmt.run(name, kind, now);
    const id = this.tagIdStmt.get(name)?.id;
    if (id === undefined) throw new Error(`tag ${name} vanished right after insert`);
    for (const alias of synonyms) if (alias.toLowerCase() !== name.toLowerCase()) this.synonymStmt.run(alias, id);
    return id;
  }

  registerVocabulary(entries: readonly VocabularyEntry[], now: number): void {
    this.db.transaction(() => {
      for (const entry of entries) this.ensure(entry.name, entry.kind, now, entry.synonyms);
    })();
  }

  /** The tag of exactly this name, ignoring synonyms: the name a user chose is theirs, even when it is another tag's synonym. */
  named(name: string): { id: number; name: string } | undefined {
    const id = this.tagIdStmt.get(name)?.id;
    return id === undefined ? undefined : { id, name };
  }

  /** Puts a tag under a parent word ("golden retriever" under "dog"), or takes it out with null. */
  setParent(tagId: number, parent: string | null, now: number): void {
    if (parent === null) this.db.prepare('DELETE FROM tag_parents WHERE tag_id = ?').run(tagId);
    else
      this.db
        .prepare('INSERT INTO tag_parents (tag_id, parent, updated_at) VALUES (?, ?, ?) ON CONFLICT(tag_id) DO UPDATE SET parent = excluded.parent, updated_at = excluded.updated_at')
        .run(tagId, parent, now);
  }

  /** Every parent the user chose, by tag. */
  userParents(): { tagId: number; name: string; parent: string }[] {
    return this.db.prepare<[], { tagId: number; name: string; parent: string }>('SELECT p.tag_id AS tagId, t.name, p.parent FROM tag_parents p JOIN tags t ON t.id = p.tag_id ORDER BY t.name').all();
  }

  /** The tag a user's word means: its own name or one of its synonyms (`tv` → `television`). */
  resolve(word: string): { id: number; name: string } | undefined {
    return this.resolveStmt.get(word, word);
  }

  synonymsOf(tagId: number): string[] {
    return this.synonymsOfStmt.all(tagId).map((r) => r.alias);
  }

  /**
   * Replaces the model's suggestions for a photo. Rows the user accepted, rejected or added are kept as the user
   * left them: a re-index never overturns a correction.
   */
  setModelTags(photoId: number, tags: readonly ModelTag[], modelVersion: string, now: number): void {
    this.dropSuggestionsStmt.run(photoId);
    for (const tag of tags) {
      const tagId = this.ensure(tag.name, tag.kind, now);
      this.upsertModelStmt.run({ photoId, tagId, confidence: tag.confidence, count: tag.count ?? null, modelVersion, now });
    }
  }

  /**
   * The keywords the photo and its sidecar carry, as the user's own tags (the leaf of each path; the whole path
   * kept beside it). Called with every analysis of the photo, inside its transaction.
   */
  setFileKeywords(photoId: number, keywords: readonly { path: string; origin: 'embedded' | 'sidecar' }[], now: number): void {
    this.dropFileTagsStmt.run(photoId);
    const statements = this.keywordStatements();
    statements.drop.run(photoId);
    for (const keyword of keywords) {
      statements.insert.run(photoId, keyword.path, keyword.origin);
      const leaf = keyword.path.slice(keyword.path.lastIndexOf('|') + 1);
      const existing = this.resolve(leaf);
      this.upsertFileStmt.run(photoId, existing?.id ?? this.ensure(leaf, 'keyword', now), now);
    }
  }

  /** The keyword paths stored for a photo (what its file and sidecar said at its last analysis). */
  keywordsOf(photoId: number): { path: string; origin: 'embedded' | 'sidecar' }[] {
    return this.keywordStatements().list.all(photoId);
  }

  private keywordStatements(): NonNullable<TagRepository['keywordStmts']> {
    this.keywordStmts ??= {
      drop: this.db.prepare<[number]>('DELETE FROM photo_keywords WHERE photo_id = ?'),
      insert: this.db.prepare<[number, string, string]>('INSERT OR IGNORE INTO photo_keywords (photo_id, path, origin) VALUES (?, ?, ?)'),
      list: this.db.prepare<[number], { path: string; origin: 'embedded' | 'sidecar' }>('SELECT path, origin FROM photo_keywords WHERE photo_id = ? ORDER BY path'),
    };
    return this.keywordStmts;
  }

  /** The names of the tags the photo carries as accepted (by the user, or from its file). */
  acceptedNames(photoId: number): string[] {
    return this.acceptedStmt.all(photoId);
  }

  forPhoto(photoId: number): PhotoTag[] {
    return this.forPhotoStmt.all(photoId);
  }

  counts(): TagCount[] {
    return this.countsStmt.all();
  }

  /** The user confirms a tag (adding it when the photo lacks it). Logged as a correction. */
  accept(photoId: number, name: string, now: number): void {
    const tagId = this.ensure(name, 'user', now);
    const row = this.rowStmt.get(photoId, tagId);
    if (row) this.setStateStmt.run('accepted', now, photoId, tagId);
    else this.upsertUserStmt.run(photoId, tagId, now);
    this.logStmt.run(photoId, row ? 'accept' : 'add', tagId, row?.state ?? null, 'accepted', now);
  }

  add(photoId: number, name: string, now: number): void {
    const tagId = this.ensure(name, 'user', now);
    const row = this.rowStmt.get(photoId, tagId);
    this.upsertUserStmt.run(photoId, tagId, now);
    this.logStmt.run(photoId, 'add', tagId, row?.state ?? null, 'accepted', now);
  }

  /** The user says the tag is wrong. The row stays, rejected, so the model cannot suggest it again. */
  reject(photoId: number, name: string, now: number): void {
    const tagId = this.ensure(name, 'user', now);
    const row = this.rowStmt.get(photoId, tagId);
    if (row) this.setStateStmt.run('rejected', now, photoId, tagId);
    else {
      this.upsertUserStmt.run(photoId, tagId, now);
      this.setStateStmt.run('rejected', now, photoId, tagId);
    }
    this.logStmt.run(photoId, 'reject', tagId, row?.state ?? null, 'rejected', now);
  }

  /** Undoes a user's own tag; a model tag is rejected instead so that it stays gone. */
  remove(photoId: number, name: string, now: number): void {
    const tag = this.resolve(name);
    if (!tag) return;
    const row = this.rowStmt.get(photoId, tag.id);
    if (!row) return;
    // A file's keyword is read again at every analysis: rejected, it stays gone; deleted, it would come back.
    if (row.source === 'user') this.deleteStmt.run(photoId, tag.id);
    else this.setStateStmt.run('rejected', now, photoId, tag.id);
    this.logStmt.run(photoId, 'remove', tag.id, row.state, null, now);
  }

  /**
   * Moves a tag to another name on one photo: the old one goes as `remove` takes it (the user's row deleted, the
   * model's rejected so it stays gone) and the new one is added. Logged as 'rename' (old state, new name), then
   * 'add'. False when the photo does not carry `from`.
   */
  rename(photoId: number, from: string, to: string, now: number): boolean {
    const old = this.resolve(from);
    if (!old) return false;
    const row = this.rowStmt.get(photoId, old.id);
    if (!row || row.state === 'rejected') return false;
    if (row.source === 'user') this.deleteStmt.run(photoId, old.id);
    else this.setStateStmt.run('rejected', now, photoId, old.id);
    this.logStmt.run(photoId, 'rename', old.id, row.state, to, now);
    this.add(photoId, to, now);
    return true;
  }

  /**
   * Puts a photo's tag back the way a correction found it: no row (`state` null) or the row in `state`. Only the
   * user's own rows are ever deleted by a correction, so a row that is gone comes back as the user's. Not logged:
   * undo marks the corrections it takes back instead.
   */
  restore(photoId: number, tagId: number, state: TagState | null, now: number): void {
    if (state === null) {
      this.deleteStmt.run(photoId, tagId);
      return;
    }
    if (!this.rowStmt.get(photoId, tagId)) this.upsertUserStmt.run(photoId, tagId, now);
    this.setStateStmt.run(state, now, photoId, tagId);
  }

  /** Model suggestions on photos still in the library, least certain (confidence nearest ½) first. */
  uncertainSuggestions(limit: number, tagId: number | null = null): UncertainSuggestion[] {
    return tagId === null ? this.uncertainStmt.all({ limit }) : this.uncertainOfTagStmt.all({ limit, tagId });
  }
}
