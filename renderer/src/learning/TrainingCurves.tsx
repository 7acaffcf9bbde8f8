import type { TagTrainingView } from '../../../electron/contract/views.js';
import { LineChart } from './LineChart.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);

const evaluationText: Record<TagTrainingView['evaluatedOn'], string> = {
  'held-out': 'held-out labels the head never saw',
  'cross-validated': 'labels, each scored by a head trained without it (out-of-fold: too few to hold a share out)',
  training: 'training labels (too few to hold any out yet)',
};

/** One tag's result in a run: the decision, held-out metrics before and after, and its per-epoch curves. */
export function TrainingCurves({ result }: { result: TagTrainingView }) {
  const epochs = result.curve.map((p) => p.epoch);
  return (
    <section className="panel learning-result">
      <header className="section-head">
        <h3>
          {result.tag} <span className={`learning-decision ${result.decision}`}>{result.decision}</span>
          {result.version !== null ? <span className="muted small"> v{result.version}</span> : null}
        </h3>
      </header>
      <p className="small">{result.reason}</p>
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
      <p className="muted small">
        On {result.evaluationRows} {evaluationText[result.evaluatedOn]} · {result.examples.positives} examples,{' '}
        {result.examples.negatives} rejections, {result.examples.implicit} from reviewed photos, {result.examples.unlabeled + result.examples.pseudo} unlabeled · {result.trainMs} ms
      </p>
      <div className="learning-charts">
        <LineChart title="Training loss" x={epochs} series={[{ label: 'loss', colour: '#c2410c', values: result.curve.map((p) => p.loss) }]} />
        <LineChart
          title={result.evaluatedOn === 'held-out' ? 'Held-out precision / recall / F1' : 'Training precision / recall / F1'}
          x={epochs}
          yRange={[0, 1]}
          series={[
            { label: 'precision', colour: '#2563eb', values: result.curve.map((p) => p.precision) },
            { label: 'recall', colour: '#16a34a', values: result.curve.map((p) => p.recall) },
            { label: 'F1', colour: '#7c3aed', values: result.curve.map((p) => p.f1) },
          ]}
        />
      </div>
    </section>
  );
}
