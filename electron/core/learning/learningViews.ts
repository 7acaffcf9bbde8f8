import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { TrainingRunRow, TrainingRunTagRow } from '../../../db/repositories/TrainingRunRepository.js';
import type { BinaryMetrics } from '../../../native-models/heads/binaryMetrics.js';
import type { PrfView, TagTrainingView, TrainingRunView } from '../../contract/views.js';
import type { TrainedTag } from './learningProtocol.js';

/** What a run stores per tag (training_run_tags.report), and reads back for the report page. */
export interface StoredTagReport {
  kind: TagTrainingView['kind'];
  version: number | null;
  evaluatedOn: TagTrainingView['evaluatedOn'];
  evaluationRows: number;
  before: PrfView | null;
  after: PrfView;
  examples: TagTrainingView['examples'];
  curve: TagTrainingView['curve'];
  trainMs: number;
}

export interface StoredRunSummary {
  waiting: { tag: string; reason: string }[];
  swapped: number;
  collectMs: number;
}

const prf = (m: BinaryMetrics): PrfView => ({ precision: round(m.precision), recall: round(m.recall), f1: round(m.f1) });
const round = (v: number) => Math.round(v * 10_000) / 10_000;

export function tagReport(trained: TrainedTag, version: number | null): StoredTagReport {
  const { counts, evaluation } = trained;
  return {
    kind: trained.kind,
    version,
    evaluatedOn: evaluation.on,
    evaluationRows: evaluation.rows,
    before: evaluation.before ? prf(evaluation.before) : null,
    after: prf(evaluation.after),
    examples: { positives: counts.positives, negatives: counts.negatives, implicit: counts.implicit, unlabeled: counts.unlabeled, pseudo: counts.pseudo },
    curve: trained.curve,
    trainMs: trained.trainMs,
  };
}

export function tagTrainingView(row: TrainingRunTagRow): TagTrainingView {
  const report = JSON.parse(row.report) as StoredTagReport;
  return { tag: row.tagName, decision: row.decision, reason: row.reason, ...report };
}

export function trainingRunView(library: LibraryDatabase, row: TrainingRunRow): TrainingRunView {
  const summary = row.summary ? (JSON.parse(row.summary) as StoredRunSummary) : null;
  return {
    id: row.id,
    trigger: row.trigger,
    state: row.state,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    trainMs: row.trainMs,
    rescoreMs: row.rescoreMs,
    error: row.error,
    tags: library.trainingRuns.tagResults(row.id).map(tagTrainingView),
    waiting: summary?.waiting ?? [],
  };
}
