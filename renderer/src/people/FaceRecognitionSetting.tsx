import { useState } from 'react';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { useApi } from '../hooks/useApi.js';

const photosText = (n: number): string => (n === 1 ? '1 photo' : `${n.toLocaleString()} photos`);

/**
 * The library's face recognition switch. Turning it off erases the face descriptors at once, so it asks first and
 * says what stays (faces counted, names given); turning it on says the photos are described at the next index.
 */
export function FaceRecognitionSetting({ onChanged }: { onChanged(): void }) {
  const client = useClient();
  const { notify } = useNotices();
  const setting = useApi('people.recognition', {}, ['tags']);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const on = setting.value?.faceRecognition;
  if (on === undefined) return null;

  const change = async (next: boolean) => {
    setBusy(true);
    const result = await client.call('people.setRecognition', { on: next });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    notify(
      next
        ? `Face recognition is on: ${photosText(result.value.photos)} with faces will be described and grouped as the library indexes.`
        : `Face recognition is off: the face descriptors of ${photosText(result.value.photos)} were erased. Faces are still counted; the people you named keep their names.`,
    );
    setting.reload();
    onChanged();
  };

  return (
    <div className="face-recognition" role="group" aria-label="Face recognition">
      {confirming ? (
        <>
          <span>Turn off face recognition? Phototag erases what it learned of every face now; grouping them again later means analysing those photos again.</span>
          <button type="button" className="button danger small" disabled={busy} onClick={() => void change(false)}>
            Turn off and erase
          </button>
          <button type="button" className="button ghost small" onClick={() => setConfirming(false)}>
            Keep it on
          </button>
        </>
      ) : (
        <label className="small">
          <input type="checkbox" checked={on} disabled={busy} onChange={(e) => (e.target.checked ? void change(true) : setConfirming(true))} /> Recognise faces and group them into
          people (on this computer only)
        </label>
      )}
    </div>
  );
}
