import type { Db } from '../openDatabase.js';

export interface AnalyzeJob {
  id: number;
  photoId: number;
  contentHash: string;
  pipelineVersion: number;
  attempts: number;
}

export interface JobCounts {
  queued: number;
  running: number;
  failed: number;
}

/**
 * The persistent queue of photo analyses, keyed by (photo, content hash, pipeline version): the same work is
 * never queued twice, and a job's completion commits in the same transaction as its results.
 */
export class JobRepository {
  private readonly enqueueStmt;
  private readonly claimStmt;
  private readonly finishStmt;
  private readonly failStmt;
  private readonly requeueStmt;
  private readonly releaseStmt;
  private readonly interruptedStmt;
  private readonly releaseRunningStmt;
  private readonly countsStmt;
  private readonly dropForPhotoStmt;
  private readonly pendingForStmt;

  constructor(db: Db) {
    this.enqueueStmt = db.prepare<[number, string, number, number]>(
      `INSERT INTO jobs (photo_id, content_hash, pipeline_version, enqueued_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(photo_id, content_hash, pipeline_version) DO UPDATE SET state = 'queued', attempts = 0, last_error = NULL
       WHERE jobs.state = 'failed'`,
    );
    this.claimStmt = db.prepare<[number, number], AnalyzeJob>(
      `UPDATE jobs SET state = 'running', started_at = ?, attempts = attempts + 1
       WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT ?)
       RETURNING id, photo_id AS photoId, content_hash AS contentHash, pipeline_version AS pipelineVersion, attempts`,
    );
    this.finishStmt = db.prepare<[number]>('DELETE FROM jobs WHERE id = ?');
    this.failStmt = db.prepare<[string, number, number]>(`UPDATE jobs SET state = 'failed', last_error = ?, finished_at = ? WHERE id = ?`);
    this.requeueStmt = db.prepare<[string, number]>(`UPDATE jobs SET state = 'queued', last_error = ? WHERE id = ?`);
    // Not counted as an attempt: the machine stopped the job, not the photo, so it must never add up to "gave up".
    this.releaseRunningStmt = db.prepare<[string]>(
      `UPDATE jobs SET state = 'queued', attempts = MAX(attempts - 1, 0), last_error = ? WHERE state = 'running'`,
    );
    // A job handed back unstarted was not an interruption: its attempt does not count towards giving up on it.
    this.releaseStmt = db.prepare<[number]>(`UPDATE jobs SET state = 'queued', started_at = NULL, attempts = MAX(attempts - 1, 0) WHERE id = ? AND state = 'running'`);
    this.interruptedStmt = db.prepare<[], AnalyzeJob>(
      `SELECT id, photo_id AS photoId, content_hash AS contentHash, pipeline_version AS pipelineVersion, attempts FROM jobs WHERE state = 'running'`,
    );
    this.countsStmt = db.prepare<[], JobCounts>(
      `SELECT COUNT(*) FILTER (WHERE state = 'queued') AS queued, COUNT(*) FILTER (WHERE state = 'running') AS running,
              COUNT(*) FILTER (WHERE state = 'failed') AS failed FROM jobs`,
    );
    this.dropForPhotoStmt = db.prepare<[number, string]>(`DELETE FROM jobs WHERE photo_id = ? AND content_hash != ? AND state != 'running'`);
    this.pendingForStmt = db.prepare<[number], { n: number }>(`SELECT COUNT(*) AS n FROM jobs WHERE photo_id = ? AND state IN ('queued', 'running')`);
  }

  /** Queues the analysis unless the same (photo, content, pipeline) is already queued; drops work for older content. */
  enqueue(photoId: number, contentHash: string, pipelineVersion: number, now: number): void {
    this.dropForPhotoStmt.run(photoId, contentHash);
    this.enqueueStmt.run(photoId, contentHash, pipelineVersion, now);
  }

  claim(limit: number, now: number): AnalyzeJob[] {
    return this.claimStmt.all(now, limit);
  }

  /** Call inside the transaction that stores the job's results. */
  finish(jobId: number): void {
    this.finishStmt.run(jobId);
  }

  fail(jobId: number, reason: string, now: number): void {
    this.failStmt.run(reason, now, jobId);
  }

  requeue(jobId: number, reason: string): void {
    this.requeueStmt.run(reason, jobId);
  }

  /** Puts every running job back in the queue, as if never claimed (the run stops for a machine fault). */
  releaseRunning(reason: string): void {
    this.releaseRunningStmt.run(reason);
  }

  /** Gives a claimed job back to the queue untouched (the runner stopped before analysing it). */
  release(jobId: number): void {
    this.releaseStmt.run(jobId);
  }

  /** Jobs that were running when the last process died. */
  interrupted(): AnalyzeJob[] {
    return this.interruptedStmt.all();
  }

  counts(): JobCounts {
    return this.countsStmt.get() as JobCounts;
  }

  hasPending(photoId: number): boolean {
    return (this.pendingForStmt.get(photoId)?.n ?? 0) > 0;
  }
}
