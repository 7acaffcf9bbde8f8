import { useState } from 'react';
import type { SuggestionView, TeachPreviewView, TeachResultView } from '../../../electron/contract/views.js';
import type { ApiError } from '../../../electron/contract/result.js';
import { useClient } from '../api/ClientContext.js';
import { ErrorNotice, Loading } from '../components/States.js';
import { useApi } from '../hooks/useApi.js';
import { PhotoChoiceGrid, type Choice } from './PhotoChoiceGrid.js';
import { TrainingCurves } from './TrainingCurves.js';

type Step = 'name' | 'pick' | 'preview' | 'review';

/**
 * Teach a tag: name it, pick a handful of photos that show it, see what it would tag ("would tag N photos", with
 * a sample) before it goes live, then confirm or reject the photos it suggests — each round teaches it again and
 * brings fresh suggestions.
 */
export function TeachTagFlow({ onOpenTag }: { onOpenTag(tag: string): void }) {
  const client = useClient();
  const [step, setStep] = useState<Step>('name');
  const [tag, setTag] = useState('');
  const [query, setQuery] = useState('');
  const [choices, setChoices] = useState(new Map<number, Choice>());
  const [result, setResult] = useState<TeachResultView | null>(null);
  const [preview, setPreview] = useState<TeachPreviewView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const candidates = useApi('photos.search', step === 'pick' ? { query, limit: 120, offset: 0 } : null, []);

  const choose = (id: number, choice: Choice | null) =>
    setChoices((old) => {
      const next = new Map(old);
      if (choice) next.set(id, choice);
      else next.delete(id);
      return next;
    });

  const showPreview = async () => {
    setBusy(true);
    setError(null);
    const yes = [...choices].filter(([, c]) => c === 'yes').map(([id]) => id);
    const answer = await client.call('learning.preview', { tag, photoIds: yes, sample: 12 });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setPreview(answer.value);
    setStep('preview');
  };

  const teach = async () => {
    setBusy(true);
    setError(null);
    const yes = [...choices].filter(([, c]) => c === 'yes').map(([id]) => id);
    const no = [...choices].filter(([, c]) => c === 'no').map(([id]) => id);
    const answer = await client.call('learning.teach', { tag, photoIds: yes, rejectIds: no });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setResult(answer.value);
    setChoices(new Map());
    setStep('review');
  };

  const picked = [...choices.values()].filter((c) => c === 'yes').length;
  return (
    <div className="page learning-teach">
      <header className="page-header">
        <h1>Teach a tag</h1>
      </header>
      {error ? <ErrorNotice error={error} /> : null}
      {step === 'name' ? (
        <form
          className="panel"
          onSubmit={(event) => {
            event.preventDefault();
            if (tag.trim()) setStep('pick');
          }}
        >
          <label>
            Name the tag
            <input autoFocus value={tag} maxLength={80} placeholder="beach, my bike, grandma's garden…" onChange={(event) => setTag(event.target.value)} />
          </label>
          <button type="submit" className="button primary" disabled={!tag.trim()}>
            Next: pick examples
          </button>
        </form>
      ) : null}
      {step === 'pick' ? (
        <section>
          <p>
            Pick photos that show <strong>{tag}</strong> — five to ten is plenty to start. Search to narrow the list.
          </p>
          <div className="toolbar">
            <input type="search" value={query} placeholder="Search photos to pick from" onChange={(event) => setQuery(event.target.value)} />
            <button type="button" className="button primary" disabled={picked === 0 || busy} onClick={() => void showPreview()}>
              {busy ? 'Working out what it would tag…' : `Preview "${tag}" from ${picked} photo${picked === 1 ? '' : 's'}`}
            </button>
          </div>
          {candidates.error ? <ErrorNotice error={candidates.error} onRetry={candidates.reload} /> : null}
          {candidates.loading ? <Loading /> : <PhotoChoiceGrid photos={(candidates.value?.results ?? []).map((photo) => ({ photo }))} choices={choices} onChoose={choose} allowNo={false} label="Photos to pick examples from" />}
        </section>
      ) : null}
      {step === 'preview' && preview ? (
        <TagPreview preview={preview} examples={picked} busy={busy} onTeach={() => void teach()} onBack={() => setStep('pick')} />
      ) : null}
      {step === 'review' && result ? <ReviewSuggestions result={result} choices={choices} onChoose={choose} busy={busy} onRefine={() => void teach()} onOpenTag={() => onOpenTag(result.tag)} /> : null}
    </div>
  );
}

/** "Would tag N photos", with a sample, before the tag goes live: the user sees how far it reaches first. */
function TagPreview(props: { preview: TeachPreviewView; examples: number; busy: boolean; onTeach(): void; onBack(): void }) {
  const { preview } = props;
  const client = useClient();
  const photos = (n: number) => `${n.toLocaleString()} photo${n === 1 ? '' : 's'}`;
  return (
    <section className="learning-preview" aria-label={`Preview of ${preview.tag}`}>
      {preview.problem ? (
        <p className="panel">It cannot be previewed yet: {preview.problem}.</p>
      ) : (
        <p className="learning-preview-count" role="status">
          <strong>{preview.tag}</strong> would tag <strong>{photos(preview.count)}</strong> of the {photos(preview.scored)} in your library, besides your {props.examples} example
          {props.examples === 1 ? '' : 's'}.
          {preview.count > 0 ? ' Some of them, the surest first and those it is least sure of last:' : ' Add more examples for it to find others.'}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="button primary" disabled={props.busy || preview.problem !== null} onClick={props.onTeach}>
          {props.busy ? 'Teaching…' : `Teach "${preview.tag}" and tag them`}
        </button>
        <button type="button" className="button" disabled={props.busy} onClick={props.onBack}>
          Back: change the examples
        </button>
      </div>
      {preview.sample.length > 0 ? (
        <ul className="learning-grid" aria-label={`Photos ${preview.tag} would tag`}>
          {preview.sample.map((s) => (
            <li key={s.photo.id} className="learning-tile">
              <img src={client.thumbnailUrl(s.photo, 256)} alt={s.photo.path.split(/[\\/]/).pop() ?? ''} loading="lazy" />
              <span className="tile-note">{Math.round(s.confidence * 100)}%</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ReviewSuggestions(props: { result: TeachResultView; choices: ReadonlyMap<number, Choice>; onChoose(id: number, c: Choice | null): void; busy: boolean; onRefine(): void; onOpenTag(): void }) {
  const { result } = props;
  const trained = result.run?.tags.find((t) => t.tag === result.tag);
  const judged = props.choices.size;
  const suggestion = (s: SuggestionView) => ({ photo: s.photo, note: `${Math.round(s.confidence * 100)}%` });
  return (
    <section>
      <p>
        <strong>{result.tag}</strong> is now suggested on the photos below, most likely first. Confirm (✓) or reject (✗) a few and teach it again to sharpen it.
      </p>
      <div className="toolbar">
        <button type="button" className="button primary" disabled={judged === 0 || props.busy} onClick={props.onRefine}>
          {props.busy ? 'Teaching…' : `Teach again with ${judged} answer${judged === 1 ? '' : 's'}`}
        </button>
        <button type="button" className="button" onClick={props.onOpenTag}>
          Open the tag's page
        </button>
      </div>
      {result.suggestions.length === 0 ? <p className="muted">Nothing else looks like it yet: add more examples.</p> : null}
      <PhotoChoiceGrid photos={result.suggestions.map(suggestion)} choices={props.choices} onChoose={props.onChoose} allowNo label={`Suggestions for ${result.tag}`} />
      {trained ? <TrainingCurves result={trained} /> : null}
    </section>
  );
}
