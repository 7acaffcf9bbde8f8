import type { RefObject } from 'react';
import './people.css';
import type { FaceView, PhotoDetailView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { useApi } from '../hooks/useApi.js';
import { NameEditor } from './PeopleScreen.js';
import { usePeopleUndo } from './usePeopleUndo.js';
import { useImageBox } from '../viewer/useImageBox.js';

/** What a face is called on the photo: its person's name, "Unnamed" for a group without one, else "Unknown". */
export const faceLabel = (face: FaceView): string => face.personName ?? (face.personId !== null ? 'Unnamed' : 'Unknown');

/** A frame around every face on the photo, with its name; clicking one picks it for naming in the side panel. */
export function FaceLayer({ photo, image, active, onPick }: { photo: PhotoDetailView; image: RefObject<HTMLImageElement | null>; active: number | null; onPick(faceId: number): void }) {
  const box = useImageBox(image, photo.id);
  if (photo.faces.length === 0 || !box) return null;
  return (
    <div className="face-layer" style={{ left: box.left, top: box.top, width: box.width, height: box.height }}>
      {photo.faces.map((face) => {
        const [x1, y1, x2, y2] = face.box;
        const label = faceLabel(face);
        return (
          <button
            key={face.id}
            type="button"
            className={`face-box${face.personName ? '' : ' unnamed'}${active === face.id ? ' active' : ''}`}
            style={{ left: `${x1 * 100}%`, top: `${y1 * 100}%`, width: `${(x2 - x1) * 100}%`, height: `${(y2 - y1) * 100}%` }}
            aria-label={`Face: ${label}`}
            aria-pressed={active === face.id}
            onClick={() => onPick(face.id)}
          >
            <span className="face-label" aria-hidden="true">
              {label}
            </span>
          </button>
        );
      })}
    </div>
  );
}

const unrecognised: Record<string, string> = {
  small: 'This face is too small to recognise.',
  turned: 'This face is turned too far to recognise.',
  'recognition-off': 'Face recognition is off for this library (turn it on in People).',
};

/** The photo's faces in the side panel: pick one to name it, or say it is not that person. */
export function FacesPanel({ photo, active, onPick, onChanged }: { photo: PhotoDetailView; active: number | null; onPick(faceId: number | null): void; onChanged(): void }) {
  if (photo.faces.length === 0) return null;
  const face = photo.faces.find((f) => f.id === active);
  return (
    <section aria-label="People in this photo">
      <h2>People</h2>
      <ul className="faces-list">
        {photo.faces.map((f) => (
          <li key={f.id}>
            <button type="button" className={`button small${active === f.id ? ' primary' : ''}`} aria-pressed={active === f.id} onClick={() => onPick(active === f.id ? null : f.id)}>
              {faceLabel(f)}
            </button>
            {f.assignedBy === 'user' && <span className="muted small">named by you</span>}
          </li>
        ))}
      </ul>
      {face && <FaceEditor key={face.id} face={face} onDone={() => onPick(null)} onChanged={onChanged} />}
      {!face && <p className="hint">Click a face on the photo, or a name here, to name it.</p>}
    </section>
  );
}

function FaceEditor({ face, onDone, onChanged }: { face: FaceView; onDone(): void; onChanged(): void }) {
  const client = useClient();
  const { notify } = useNotices();
  const { done } = usePeopleUndo();
  const recognisable = face.skipped === null;
  const people = useApi('people.list', recognisable ? {} : null, ['tags']);
  const names = [...new Set((people.value ?? []).flatMap((p) => (p.name && p.id !== face.personId ? [p.name] : [])))];
  const group = people.value?.find((p) => p.id === face.personId);

  // Only this face, into the person with that name (or a new one): for a face in no group, or in the wrong one.
  const moveTo = async (name: string) => {
    const result = await client.call('people.assignFace', { faceId: face.id, name });
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    const now = result.value.faces.find((f) => f.id === face.id);
    done(`This face is now “${now?.personName ?? name}”${face.personId !== null ? `; Phototag will not put it back in ${face.personName ? `“${face.personName}”` : 'its old group'}` : ''}`);
    onChanged();
    onDone();
  };
  const thisIs = (first: boolean) => (
    <NameEditor
      key="this-is"
      initial=""
      label="This is…"
      autoFocus={first}
      suggestions={names}
      onSave={moveTo}
      onCancel={first ? onDone : () => {}}
      actions={
        <div className="face-editor-actions">
          <button type="submit" className="button small primary">
            {face.personId === null ? 'Save' : 'Move this face'}
          </button>
          {first && (
            <button type="button" className="button small ghost" onClick={onDone}>
              Cancel
            </button>
          )}
        </div>
      }
    />
  );

  if (face.personId === null) {
    return (
      <div className="face-editor">
        <p>{!recognisable ? `${(face.skipped && unrecognised[face.skipped]) ?? 'This face cannot be recognised.'} Phototag cannot name it or group it.` : 'Phototag has not matched this face to anyone yet: it groups a face once it has seen that person in a few photos. Say who it is:'}</p>
        {recognisable ? (
          thisIs(true)
        ) : (
          <div className="face-editor-actions">
            <button type="button" className="button small ghost" onClick={onDone}>
              Close
            </button>
          </div>
        )}
      </div>
    );
  }
  const personId = face.personId;

  const save = async (name: string) => {
    const result = await client.call('people.name', { id: personId, name });
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    done(result.value.id === personId ? `Named “${result.value.name ?? name}”` : `Now one person with the other “${result.value.name ?? name}”`);
    onChanged();
    onDone();
  };
  const notThem = async () => {
    const result = await client.call('people.removeFace', { faceId: face.id });
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    done(`Taken out of ${face.personName ? `“${face.personName}”` : 'this group'}: Phototag will not put this face there again`);
    onChanged();
    onDone();
  };
  const others = group ? group.faces - 1 : 0;
  return (
    <div className="face-editor">
      <NameEditor
        initial={face.personName ?? ''}
        label="Who is this?"
        suggestions={names}
        onSave={save}
        onCancel={onDone}
        actions={
          <div className="face-editor-actions">
            <button type="submit" className="button small primary">
              Save name
            </button>
            <button type="button" className="button small" onClick={() => void notThem()}>
              {face.personName ? `Not ${face.personName}` : 'Not this person'}
            </button>
            <button type="button" className="button small ghost" onClick={onDone}>
              Cancel
            </button>
          </div>
        }
      />
      <p className="hint">
        {face.personName ? `A new name renames ${face.personName} on every photo` : `The name goes to this face${others > 0 ? ` and the ${others === 1 ? 'other face' : `${others} other faces`} grouped with it` : ''}`}; a name someone already has joins them into one
        person. “Not this person” takes only this face out.
      </p>
      <p className="hint">Only this face is someone else? Say who:</p>
      {thisIs(false)}
    </div>
  );
}
