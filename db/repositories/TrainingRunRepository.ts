import type { Db } from '../openDatabase.js';

export type TrainingTrigger = 'auto' | 'manual' | 'teach';
export type TrainingRunState = 'running' | 'done' | 'failed' | 'cancelled';
export type TagDecision = 'swapped' | 'kept' | 'skipped';

export interface TrainingRunRow {
  id: number;
  trigger: TrainingTrigger;
  state: TrainingRunState;
  correctionsThrough: number;
  startedAt: number;
  finishedAt: number | null;
  trainMs: number | null;
  rescoreMs: number | null;
  /** JSON written by the learner. */
  summary: string | null;
  error: string | null;
}

export interface TrainingRunTagRow {
  runId: number;
  tagId: number;
  tagName: string;
  headId: number | null;
  decision: TagDecision;
  reason: string;
  /** JSON: example counts, held-out metrics before and after, per-epoch curve. */
  report: string;
}

export interface RunOutcome {
  state: Exclude<TrainingRunState, 'running'>;
  trainMs: number | null;
  rescoreMs: number | null;
  summary: string | null;
  error: string | null;
}

/** Training runs and their per-tag results (migration 0005). */
export class TrainingRunRepository {
  private readonly startStmt;
  private readonly finishStmt;
  private readonly addTagStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly tagsStmt;
  private readonly tagHistoryStmt;
  private readonly lastDoneStmt;
  private readonly abandonStmt;

  constructor(db: Db) {
    const columns = `id, trigger, state, corrections_through AS correctionsThrough, started_at AS startedAt, finished_at AS finishedAt,
      train_ms AS trainMs, rescore_ms AS rescoreMs, summary, error`;
    this.startStmt = db.prepare<[string, number, number]>(`INSERT INTO training_runs (trigger, state, corrections_through, started_at) VALUES (?, 'running', ?, ?)`);
    this.finishStmt = db.prepare<{ id: number; state: string; now: number; trainMs: number | null; rescoreMs: number | null; summary: string | null; error: string | null }>(
      `UPDATE training_runs SET state = @state, finished_at = @now, train_ms = @trainMs, rescore_ms = @rescoreMs, summary = @summary, error = @error WHERE id = @id`,
    );
    this.addTagStmt = db.prepare<{ runId: number; tagId: number; headId: number | null; decision: string; reason: string; report: string }>(
      `INSERT INTO training_run_tags (run_id, tag_id, head_id, decision, reason, report) VALUES (@runId, @tagId, @headId, @decision, @reason, @report)
       ON CONFLICT(run_id, tag_id) DO UPDATE SET head_id = excluded.head_id, decision = excluded.decision, reason = excluded.reason, report = excluded.report`,
    );
    this.getStmt = db.prepare<[number], TrainingRunRow>(`SELECT ${columns} FROM training_runs WHERE id = ?`);
    this.listStmt = db.prepare<[number], TrainingRunRow>(`SELECT ${columns} FROM training_runs ORDER BY id DESC LIMIT ?`);
    const tagColumns = `r.run_id AS runId, r.tag_id AS tagId, t.name AS tagName, r.head_id AS headId, r.decision, r.reason, r.report`;
    this.tagsStmt = db.prepare<[number], TrainingRunTagRow>(`SELECT ${tagColumns} FROM training_run_tags r JOIN tags t ON t.id = r.tag_id WHERE r.run_id = ? ORDER BY t.name`);
    this.tagHistoryStmt = db.prepare<[number, number], TrainingRunTagRow>(
      `SELECT ${tagColumns} FROM training_run_tags r JOIN tags t ON t.id = r.tag_id WHERE r.tag_id = ? ORDER BY r.run_id DESC LIMIT ?`,
    );
    this.lastDoneStmt = db.prepare<[], { through: number | null }>(`SELECT MAX(corrections_through) AS through FROM training_runs WHERE state = 'done'`);
    this.abandonStmt = db.prepare<[number]>(`UPDATE training_runs SET state = 'failed', finished_at = ?, error = 'the app stopped while this run was training' WHERE state = 'running'`);
  }

  start(trigger: TrainingTrigger, correctionsThrough: number, now: number): number {
    return Number(this.startStmt.run(trigger, correctionsThrough, now).lastInsertRowid);
  }

  finish(id: number, outcome: RunOutcome, now: number): void {
    this.finishStmt.run({ id, now, ...outcome });
  }

  addTagResult(row: Omit<TrainingRunTagRow, 'tagName'>): void {
    this.addTagStmt.run(row);
  }

  get(id: number): TrainingRunRow | undefined {
    return this.getStmt.get(id);
  }

  /** The newest runs first. */
  list(limit: number): TrainingRunRow[] {
    return this.listStmt.all(limit);
  }

  tagResults(runId: number): TrainingRunTagRow[] {
    return this.tagsStmt.all(runId);
  }

  /** A tag's results across runs, newest first. */
  tagHistory(tagId: number, limit: number): TrainingRunTagRow[] {
    return this.tagHistoryStmt.all(tagId, limit);
  }

  /** The newest correction id a finished run had seen: corrections after it are "new" for the scheduler. */
  correctionsSeen(): number {
    return this.lastDoneStmt.get()?.through ?? 0;
  }

  /** Runs left 'running' by a process that died are marked failed, so the history never shows a ghost run. */
  abandonRunning(now: number): number {
    return this.abandonStmt.run(now).changes;
  }
}
