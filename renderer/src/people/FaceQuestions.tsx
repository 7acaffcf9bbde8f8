import { useState } from 'react';
import './people.css';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { useApi } from '../hooks/useApi.js';
import { FaceCrop } from './FaceCrop.js';
import { usePeopleUndo } from './usePeopleUndo.js';

/**
 * "Is this Alice?": faces in no named person that look like someone the user named, nearest first (people.suggestions).
 * Yes puts the face in that person, No makes sure it is never put there; both are the user's decisions, undoable.
 */
export function FaceQuestions() {
  const client = useClient();
  const { notify } = useNotices();
  const { done } = usePeopleUndo();
  const questions = useApi('people.suggestions', { limit: 50 }, ['tags', 'photos']);
  const [skipped, setSkipped] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const item = (questions.value ?? []).find((q) => !skipped.includes(q.faceId));
  if (!item) return null;
  const left = (questions.value ?? []).filter((q) => !skipped.includes(q.faceId)).length;

  const answer = async (yes: boolean) => {
    setBusy(true);
    const result = yes
      ? await client.call('people.assignFace', { faceId: item.faceId, personId: item.personId })
      : await client.call('people.rejectFace', { faceId: item.faceId, personId: item.personId });
    setBusy(false);
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    done(yes ? `This face is now “${item.personName}”` : `Not “${item.personName}”: Phototag will not ask again`);
    questions.reload();
  };
  return (
    <section className="face-question" aria-label="Is this someone you named?">
      <div className="face-question-face">
        <FaceCrop photo={{ id: item.photoId, thumbnailHash: item.thumbnailHash }} box={item.box} alt={`A face that looks like ${item.personName}`} />
      </div>
      <div>
        <p className="review-question">
          Is this <strong>{item.personName}</strong>?
        </p>
        <div className="review-actions">
          <button type="button" className="button primary" disabled={busy} onClick={() => void answer(true)}>
            Yes, {item.personName}
          </button>
          <button type="button" className="button danger" disabled={busy} onClick={() => void answer(false)}>
            No
          </button>
          <button type="button" className="button ghost" onClick={() => setSkipped((s) => [...s, item.faceId])}>
            Not sure
          </button>
        </div>
        <p className="muted small">
          {left === 1 ? 'The last face that looks like someone you named' : `${left} faces that look like someone you named`}
        </p>
      </div>
    </section>
  );
}
