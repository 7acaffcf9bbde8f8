import { useEffect, useState } from 'react';
import type { ReviewItemView } from '../../../electron/contract/views.js';
import { useClient, useLibraryEvents } from '../api/ClientContext.js';
import { EmptyState, ErrorNotice, Loading } from '../components/States.js';
import { percent } from '../format.js';
import { useApi } from '../hooks/useApi.js';
import { useCorrections } from '../hooks/useCorrections.js';
import type { Route } from '../hooks/useHashRoute.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { FaceQuestions } from '../people/FaceQuestions.js';

const BATCH = 50;

/**
 * The model's least certain suggestions, one at a time: one key says yes or no and the next one comes up. Each
 * answer is a correction the model learns from, so the uncertain ones are asked first.
 */
export function ReviewScreen({ navigate }: { navigate(route: Route): void }) {
  // The face questions sit above the tag review, which fills the rest of the height.
  return (
    <div className="review-page">
      <FaceQuestions />
      <TagReview navigate={navigate} />
    </div>
  );
}

function TagReview({ navigate }: { navigate(route: Route): void }) {
  const client = useClient();
  const corrections = useCorrections();
  const [tag, setTag] = useState<string | null>(null);
  const queue = useApi('review.queue', tag ? { limit: BATCH, tag } : { limit: BATCH }, []);
  const tags = useApi('tags.list', {}, ['tags']);
  const [position, setPosition] = useState(0);
  const [answered, setAnswered] = useState(0);
  const [items, setItems] = useState<ReviewItemView[]>([]);

  useEffect(() => {
    if (queue.value) {
      setItems(queue.value);
      setPosition(0);
    }
  }, [queue.value]);
  // An undo may put a judged suggestion back in the queue: start again from the least certain.
  useLibraryEvents((event) => {
    if (event.type === 'library-changed' && event.reason === 'photos' && items.length === 0) queue.reload();
  });

  const item = items[position];
  const advance = () => {
    if (position + 1 >= items.length) queue.reload();
    else setPosition((p) => p + 1);
  };
  const answer = async (action: 'accept' | 'reject') => {
    if (!item) return;
    const done = await corrections.tag(action, [item.photo.id], item.tag.name);
    if (done) {
      setAnswered((n) => n + 1);
      advance();
    }
  };
  const undo = async () => {
    if (await corrections.undo()) {
      setAnswered((n) => Math.max(0, n - 1));
      queue.reload();
    }
  };

  useShortcuts({
    a: () => void answer('accept'),
    y: () => void answer('accept'),
    r: () => void answer('reject'),
    x: () => void answer('reject'),
    s: advance,
    arrowright: advance,
    arrowleft: () => setPosition((p) => Math.max(0, p - 1)),
    'mod+z': () => void undo(),
    enter: () => item && navigate({ screen: 'photo', id: item.photo.id, query: null, index: null }),
  });

  // One tag at a time, when the user wants to go through, say, every "dog" the model is unsure of.
  const filter = (
    <label className="review-filter">
      Review{' '}
      <select aria-label="Review suggestions of one tag" value={tag ?? ''} onChange={(event) => setTag(event.target.value || null)}>
        <option value="">every tag</option>
        {(tags.value ?? []).map((t) => (
          <option key={t.name} value={t.name}>
            {t.name} ({t.count})
          </option>
        ))}
      </select>
    </label>
  );
  if (queue.error) return <ErrorNotice error={queue.error} onRetry={queue.reload} />;
  if (!queue.value) return <Loading label="Finding suggestions to review…" />;
  if (!item) {
    return (
      <>
        {filter}
        <EmptyState title={answered > 0 ? 'All reviewed' : 'Nothing to review'}>
          {answered > 0
            ? `You answered ${answered} suggestion${answered === 1 ? '' : 's'}. New ones appear as more photos are indexed.`
            : tag
              ? `No ${tag} suggestion is waiting for an answer. Pick another tag, or every tag.`
              : 'Every model suggestion has been confirmed or rejected, or no photo has been tagged yet. Suggestions appear here as photos are indexed with the models on.'}
        </EmptyState>
      </>
    );
  }
  return (
    <div className="review-screen">
      <div className="review-stage">
        <img src={client.thumbnailUrl(item.photo, 1024)} alt={item.photo.caption ?? ''} />
      </div>
      <div className="review-card" aria-live="polite">
        {filter}
        <p className="review-question">
          Does the tag <strong data-review-tag={item.tag.name}>{item.tag.name}</strong> fit this photo?
        </p>
        <p className="muted">The model is {percent(item.tag.confidence)} sure. {item.photo.caption ? `It sees: “${item.photo.caption}”` : ''}</p>
        <div className="review-actions">
          <button type="button" className="button primary big" onClick={() => void answer('accept')}>
            Yes <kbd>a</kbd>
          </button>
          <button type="button" className="button danger big" onClick={() => void answer('reject')}>
            No <kbd>r</kbd>
          </button>
          <button type="button" className="button ghost" onClick={advance}>
            Skip <kbd>s</kbd>
          </button>
        </div>
        <p className="muted small">
          {answered} answered · {items.length - position - 1} more in this round · <kbd>Enter</kbd> opens the photo · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undoes
        </p>
      </div>
    </div>
  );
}
