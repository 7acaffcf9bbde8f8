import { useEffect, useState } from 'react';
import './learning.css';
import { useClient } from '../api/ClientContext.js';
import { EmptyState, ErrorNotice, Loading } from '../components/States.js';
import { TagLearningPage } from './TagLearningPage.js';
import { TeachTagFlow } from './TeachTagFlow.js';
import { TrainingReport } from './TrainingReport.js';
import { useLearningApi } from './useLearningApi.js';
import { count } from '../format.js';

/** A run's outcome in words: how many of its tags now use what was learned. */
function improvedText(improved: number, tags: number): string {
  return `${improved.toLocaleString()} of ${count(tags, 'tag')} improved`;
}

/** Sub-pages of the learning screen live under #/learning, so they survive a reload and the back button. */
type LearningRoute = { page: 'home' } | { page: 'teach' } | { page: 'tag'; tag: string } | { page: 'run'; id: number };

export const isLearningHash = (hash: string): boolean => /^#\/learning(\/|$|\?)/.test(hash);

function parseLearningHash(hash: string): LearningRoute {
  const parts = hash.replace(/^#\/learning\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'teach') return { page: 'teach' };
  if (parts[0] === 'tag' && parts[1]) return { page: 'tag', tag: parts[1] };
  if (parts[0] === 'run' && Number(parts[1]) > 0) return { page: 'run', id: Number(parts[1]) };
  return { page: 'home' };
}

const hashOf = (route: LearningRoute): string =>
  route.page === 'home' ? '#/learning' : route.page === 'teach' ? '#/learning/teach' : route.page === 'tag' ? `#/learning/tag/${encodeURIComponent(route.tag)}` : `#/learning/run/${route.id}`;

/** Learning: the tags you taught or corrected, teaching a new one, retraining, and the training reports. */
export function LearningScreen() {
  const [route, setRoute] = useState(() => parseLearningHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseLearningHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = (next: LearningRoute) => {
    window.history.pushState(window.history.state, '', hashOf(next));
    setRoute(next);
  };
  if (route.page === 'teach') return <TeachTagFlow onOpenTag={(tag) => go({ page: 'tag', tag })} />;
  if (route.page === 'tag') return <TagLearningPage tag={route.tag} onTeachMore={() => go({ page: 'teach' })} />;
  if (route.page === 'run') return <TrainingReport runId={route.id} />;
  return <LearningHome go={go} />;
}

function LearningHome({ go }: { go(route: LearningRoute): void }) {
  const client = useClient();
  const tags = useLearningApi('learning.tags', {});
  const status = useLearningApi('learning.status', {}, 2000);
  const runs = useLearningApi('learning.runs', { limit: 10 });
  const busy = status.value?.state !== undefined && status.value.state !== 'idle';
  const progress = status.value?.progress;
  return (
    <div className="page learning-home">
      <header className="page-header">
        <h1>Learning</h1>
        <button type="button" className="button primary" onClick={() => go({ page: 'teach' })}>
          Teach a tag
        </button>
      </header>
      <section className="panel">
        <h2>Retraining</h2>
        {status.value ? (
          <p>
            {busy ? `${status.value.state === 'training' ? 'Training' : 'Re-scoring the library'}${progress && progress.total > 0 ? ` — ${Math.round((100 * progress.done) / progress.total)}%` : '…'}` : 'Idle.'}{' '}
            {count(status.value.pendingCorrections, 'correction')} since the last run; it retrains by itself after {count(status.value.autoRetrainAfter, 'correction')}.
          </p>
        ) : null}
        <button type="button" className="button" disabled={busy} onClick={() => void client.call('learning.retrain', {}).then(status.reload)}>
          Retrain now
        </button>
        {busy ? (
          <button type="button" className="button" onClick={() => void client.call('learning.cancel', {}).then(status.reload)}>
            Cancel
          </button>
        ) : null}
      </section>
      <section>
        <h2>Your tags</h2>
        {tags.error ? <ErrorNotice error={tags.error} onRetry={tags.reload} /> : null}
        {!tags.value ? <Loading /> : null}
        {tags.value?.length === 0 ? <EmptyState title="Nothing taught yet">Teach a tag from a few photos, or correct the model's tags: both show up here.</EmptyState> : null}
        <ul className="learning-tags">
          {tags.value?.map((t) => (
            <li key={t.name}>
              <a href={hashOf({ page: 'tag', tag: t.name })} onClick={(event) => (event.preventDefault(), go({ page: 'tag', tag: t.name }))}>
                {t.name}
              </a>{' '}
              <span className="muted small">
                {t.learning === 'new-tag' ? 'your tag' : 'corrected model tag'} · {count(t.examples, 'example')} · {t.rejected.toLocaleString()} rejected · {t.activeVersion !== null ? `learned, version ${t.activeVersion}` : 'not learned yet'}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>Training runs</h2>
        <ul className="learning-runs">
          {runs.value?.map((run) => (
            <li key={run.id}>
              <a href={hashOf({ page: 'run', id: run.id })} onClick={(event) => (event.preventDefault(), go({ page: 'run', id: run.id }))}>
                Run {run.id}
              </a>{' '}
              <span className="muted small">
                {run.trigger} · {run.state} · {new Date(run.startedAt).toLocaleString()} · {improvedText(run.tags.filter((t) => t.decision === 'swapped').length, run.tags.length)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** The sidebar entry, shaped like the others in App's navigation. */
export function LearningNavItem({ active }: { active: boolean }) {
  return (
    <li>
      <a
        href="#/learning"
        className={active ? 'active' : undefined}
        aria-current={active ? 'page' : undefined}
        onClick={(event) => {
          event.preventDefault();
          window.location.hash = '#/learning';
        }}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d="M10 3l7 4-7 4-7-4zM5 9v4c0 1.5 2.2 3 5 3s5-1.5 5-3V9" />
        </svg>
        Learning
      </a>
    </li>
  );
}
