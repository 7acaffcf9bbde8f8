import type { TagTrainingView } from '../../../electron/contract/views.js';
import { LineChart } from './LineChart.js';
import { count } from '../format.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);

/** The run's decision for the tag, in words: `swapped` is the learned version going into use. */
const decisionText: Record<TagTrainingView['decision'], string> = { swapped: 'now in use', kept: 'kept the previous version', skipped: 'skipped' };

const evaluationText: Record<TagTrainingView['evaluatedOn'], string> = {
  'held-out': 'answers kept aside, which it did not learn from',
  'cross-validated': 'answers, each scored by a version that learned without it (too few to keep a share aside)',
  training: 'answers it learned from (too few to keep any aside yet)',
};

/**
 * Figures measured on the examples a tag learned from say nothing of its quality (every five-example tag scores
 * 100 % on its own five): they are never shown as such, only the plain fact that it is too early to tell.
 */
const estimable = (result: TagTrainingView) => result.evaluatedOn !== 'training';

/** One tag's result in a run: the decision, held-out metrics before and after, and its per-epoch curves. */
export function TrainingCurves({ result }: { result: TagTrainingView }) {
  const epochs = result.curve.map((p) => p.epoch);
  return (
    <section className="panel learning-result">
      <header className="section-head">
        <h3>
          {result.tag} <span className={`learning-decision ${result.decision}`}>{decisionText[result.decision]}</span>
          {result.version !== null ? <span className="muted small"> version {result.version}</span> : null}
        </h3>
      </header>
      <p className="small">{result.reason}</p>
      {estimable(result) ? (
      <table className="learning-metrics">
        <thead>
          <tr>
            <th />
            <th>precision</th>
            <th>recall</th>
            <th>F1</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>before</th>
            <td>{pct(result.before?.precision)}</td>
            <td>{pct(result.before?.recall)}</td>
            <td>{pct(result.before?.f1)}</td>
          </tr>
          <tr>
            <th>after</th>
            <td>{pct(result.after.precision)}</td>
            <td>{pct(result.after.recall)}</td>
            <td>{pct(result.after.f1)}</td>
          </tr>
        </tbody>
      </table>
      ) : (
        <p className="learning-too-few">
          Too few examples to estimate its precision and recall yet: confirm or reject some of its suggestions, and the next training measures them on answers it did not learn from.
        </p>
      )}
      <p className="muted small">
        {estimable(result) ? `On ${result.evaluationRows.toLocaleString()} ${evaluationText[result.evaluatedOn]} · ` : 'Learned from '}
        {count(result.examples.positives, 'example')},{' '}
        {count(result.examples.negatives, 'rejection')}, {result.examples.implicit.toLocaleString()} from reviewed photos, {(result.examples.unlabeled + result.examples.pseudo).toLocaleString()} unlabeled · {result.trainMs.toLocaleString()} ms
      </p>
      <div className="learning-charts">
        <LineChart title="Training loss" x={epochs} series={[{ label: 'loss', colour: '#c2410c', values: result.curve.map((p) => p.loss) }]} />
        {/* The per-epoch curve is measured on the evaluation rows, which are the training rows unless a share was held out. */}
        {result.evaluatedOn === 'held-out' ? (
          <LineChart
            title="Precision / recall / F1 on answers kept aside"
            x={epochs}
            yRange={[0, 1]}
            series={[
              { label: 'precision', colour: '#2563eb', values: result.curve.map((p) => p.precision) },
              { label: 'recall', colour: '#16a34a', values: result.curve.map((p) => p.recall) },
              { label: 'F1', colour: '#7c3aed', values: result.curve.map((p) => p.f1) },
            ]}
          />
        ) : null}
      </div>
    </section>
  );
}
