import { useState } from 'react';
import type { ApiError } from '../../../electron/contract/result.js';
import { useClient } from '../api/ClientContext.js';
import { ErrorNotice, Loading } from '../components/States.js';
import { PhotoChoiceGrid } from './PhotoChoiceGrid.js';
import { TrainingCurves } from './TrainingCurves.js';
import { useLearningApi } from './useLearningApi.js';
import { count } from '../format.js';

const when = (ms: number) => new Date(ms).toLocaleString();

/** A tag's page: its examples and rejections, its head versions (roll back to any), and each run's metrics. */
export function TagLearningPage({ tag, onTeachMore }: { tag: string; onTeachMore(): void }) {
  const client = useClient();
  const page = useLearningApi('learning.tag', { tag });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (page.error && !page.value) return <ErrorNotice error={page.error} onRetry={page.reload} />;
  if (!page.value) return <Loading />;
  const view = page.value;
  const rollback = async (version: number | null) => {
    setBusy(true);
    const result = await client.call('learning.rollback', { tag: view.name, version });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else page.reload();
  };
  const latest = view.history[0];
  return (
    <div className="page learning-tag">
      <header className="page-header">
        <h1>{view.name}</h1>
        <p className="muted">
          {view.learning === 'new-tag' ? 'Your tag' : 'A model tag you corrected'} · {count(view.exampleCount, 'example')} · {view.rejectedCount.toLocaleString()} rejected · suggested on {count(view.suggestedCount, 'photo')}
        </p>
        <button type="button" className="button" onClick={onTeachMore}>
          Teach it more
        </button>
      </header>
      {error ? <ErrorNotice error={error} /> : null}
      <section className="panel">
        <h2>Versions</h2>
        {view.versions.length === 0 ? <p className="muted">Nothing learned yet.</p> : null}
        <ul className="learning-versions">
          {view.versions.map((v) => (
            <li key={v.version}>
              <strong>Version {v.version}</strong> {v.active ? <span className="learning-decision swapped">in use</span> : null}{' '}
              <span className="muted small">
                {when(v.createdAt)} · {v.heldOutF1 === null ? 'not scored yet (too few answers to test it on)' : `${Math.round(v.heldOutF1 * 100)}% right on photos it did not learn from (F1)`}
              </span>{' '}
              {!v.active ? (
                <button type="button" className="link-button" disabled={busy} onClick={() => void rollback(v.version)}>
                  Use this version
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {view.activeVersion !== null ? (
          <button type="button" className="link-button" disabled={busy} onClick={() => void rollback(null)}>
            {view.learning === 'new-tag' ? 'Stop suggesting this tag' : 'Go back to the model'}
          </button>
        ) : null}
      </section>
      <section>
        <h2>Examples</h2>
        <PhotoChoiceGrid photos={view.examples.map((photo) => ({ photo }))} choices={new Map(view.examples.map((p) => [p.id, 'yes'] as const))} onChoose={() => {}} allowNo={false} label={`Examples of ${view.name}`} />
        {view.rejected.length > 0 ? (
          <>
            <h2>Rejected</h2>
            <PhotoChoiceGrid photos={view.rejected.map((photo) => ({ photo }))} choices={new Map(view.rejected.map((p) => [p.id, 'no'] as const))} onChoose={() => {}} allowNo label={`Rejected for ${view.name}`} />
          </>
        ) : null}
      </section>
      {latest ? (
        <section>
          <h2>Latest training</h2>
          <TrainingCurves result={latest} />
        </section>
      ) : null}
    </div>
  );
}
