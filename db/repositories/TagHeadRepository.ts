import type { Db } from '../openDatabase.js';

export type StoredHeadKind = 'new-tag' | 'correction';

/** One trained version of a tag's head. `head` and `metrics` are JSON written and read by the learner. */
export interface StoredHead {
  id: number;
  tagId: number;
  tagName: string;
  version: number;
  kind: StoredHeadKind;
  head: string;
  metrics: string | null;
  runId: number | null;
  active: boolean;
  createdAt: number;
}

export interface NewHead {
  tagId: number;
  kind: StoredHeadKind;
  head: string;
  metrics: string | null;
  runId: number | null;
}

export interface ActiveHeadKey {
  id: number;
  tagId: number;
  version: number;
}

type HeadRow = Omit<StoredHead, 'active'> & { active: number };
const toHead = (row: HeadRow): StoredHead => ({ ...row, active: row.active === 1 });

/** Every version of every learned head (migration 0005); at most one per tag is active. */
export class TagHeadRepository {
  private readonly insertStmt;
  private readonly nextVersionStmt;
  private readonly deactivateStmt;
  private readonly activateStmt;
  private readonly activeStmt;
  private readonly activeOfStmt;
  private readonly activeKeysStmt;
  private readonly versionsStmt;
  private readonly byVersionStmt;

  constructor(private readonly db: Db) {
    const columns = `h.id, h.tag_id AS tagId, t.name AS tagName, h.version, h.kind, h.head, h.metrics, h.run_id AS runId, h.active, h.created_at AS createdAt`;
    this.insertStmt = db.prepare<{ tagId: number; version: number; kind: string; head: string; metrics: string | null; runId: number | null; now: number }>(
      `INSERT INTO tag_heads (tag_id, version, kind, head, metrics, run_id, active, created_at)
       VALUES (@tagId, @version, @kind, @head, @metrics, @runId, 0, @now)`,
    );
    this.nextVersionStmt = db.prepare<[number], { v: number }>('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM tag_heads WHERE tag_id = ?');
    this.deactivateStmt = db.prepare<[number]>('UPDATE tag_heads SET active = 0 WHERE tag_id = ? AND active = 1');
    this.activateStmt = db.prepare<[number, number]>('UPDATE tag_heads SET active = 1 WHERE tag_id = ? AND version = ?');
    this.activeStmt = db.prepare<[], HeadRow>(`SELECT ${columns} FROM tag_heads h JOIN tags t ON t.id = h.tag_id WHERE h.active = 1 ORDER BY t.name`);
    this.activeKeysStmt = db.prepare<[], ActiveHeadKey>('SELECT id, tag_id AS tagId, version FROM tag_heads WHERE active = 1');
    this.activeOfStmt = db.prepare<[number], HeadRow>(`SELECT ${columns} FROM tag_heads h JOIN tags t ON t.id = h.tag_id WHERE h.tag_id = ? AND h.active = 1`);
    this.versionsStmt = db.prepare<[number], HeadRow>(`SELECT ${columns} FROM tag_heads h JOIN tags t ON t.id = h.tag_id WHERE h.tag_id = ? ORDER BY h.version DESC`);
    this.byVersionStmt = db.prepare<[number, number], HeadRow>(`SELECT ${columns} FROM tag_heads h JOIN tags t ON t.id = h.tag_id WHERE h.tag_id = ? AND h.version = ?`);
  }

  /** Stores a new version (inactive); returns its id and version number. */
  insert(head: NewHead, now: number): { id: number; version: number } {
    const version = this.nextVersionStmt.get(head.tagId)?.v ?? 1;
    const info = this.insertStmt.run({ ...head, version, now });
    return { id: Number(info.lastInsertRowid), version };
  }

  /** Makes `version` the tag's live head (null: none), in one step so there is never a moment with two. */
  activate(tagId: number, version: number | null): void {
    this.db.transaction(() => {
      this.deactivateStmt.run(tagId);
      if (version !== null) {
        const changed = this.activateStmt.run(tagId, version).changes;
        if (changed === 0) throw new Error(`tag ${tagId} has no head version ${version}`);
      }
    })();
  }

  active(): StoredHead[] {
    return this.activeStmt.all().map(toHead);
  }

  /** Which heads are live, without their weights: for callers that keep the compiled heads themselves. */
  activeKeys(): ActiveHeadKey[] {
    return this.activeKeysStmt.all();
  }

  activeOf(tagId: number): StoredHead | undefined {
    const row = this.activeOfStmt.get(tagId);
    return row ? toHead(row) : undefined;
  }

  /** Every version of a tag's head, newest first. */
  versions(tagId: number): StoredHead[] {
    return this.versionsStmt.all(tagId).map(toHead);
  }

  byVersion(tagId: number, version: number): StoredHead | undefined {
    const row = this.byVersionStmt.get(tagId, version);
    return row ? toHead(row) : undefined;
  }
}
