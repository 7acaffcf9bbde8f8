import { ErrorNotice, Loading } from '../components/States.js';
import { TrainingCurves } from './TrainingCurves.js';
import { useLearningApi } from './useLearningApi.js';

/** One training run: what triggered it, how long it took, and every tag's decision, metrics and curves. */
export function TrainingReport({ runId }: { runId: number }) {
  const run = useLearningApi('learning.run', { id: runId });
  if (run.error && !run.value) return <ErrorNotice error={run.error} onRetry={run.reload} />;
  if (!run.value) return <Loading />;
  const view = run.value;
  return (
    <div className="page learning-report">
      <header className="page-header">
        <h1>Training run {view.id}</h1>
        <p className="muted">
          {view.trigger} · {view.state} · started {new Date(view.startedAt).toLocaleString()}
          {view.trainMs !== null ? ` · trained in ${(view.trainMs / 1000).toFixed(1)} s` : ''}
          {view.rescoreMs !== null ? ` · library re-scored in ${(view.rescoreMs / 1000).toFixed(1)} s` : ''}
        </p>
      </header>
      {view.error ? <p className="error-notice">{view.error}</p> : null}
      {view.tags.map((t) => (
        <TrainingCurves key={t.tag} result={t} />
      ))}
      {view.waiting.length > 0 ? (
        <section className="panel">
          <h2>Waiting for more labels</h2>
          <ul>
            {view.waiting.map((w) => (
              <li key={w.tag}>
                {w.tag}: {w.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
