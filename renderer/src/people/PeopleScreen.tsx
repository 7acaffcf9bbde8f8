import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import './people.css';
import type { PersonView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { EmptyState, ErrorNotice, Loading } from '../components/States.js';
import { useApi } from '../hooks/useApi.js';
import type { Route } from '../hooks/useHashRoute.js';
import { FaceCrop } from './FaceCrop.js';
import { FaceRecognitionSetting } from './FaceRecognitionSetting.js';
import { usePeopleUndo } from './usePeopleUndo.js';

/** The search that finds a named person's photos. */
export const personQuery = (name: string): string => `person:"${name.replace(/"/g, '')}"`;

export const seenTimes = (n: number): string => (n === 1 ? 'Seen once' : n === 2 ? 'Seen twice' : `Seen ${n.toLocaleString()} times`);

/** People: the groups of faces Phototag found, to name, merge and open. */
export function PeopleScreen({ navigate }: { navigate(route: Route): void }) {
  const client = useClient();
  const { notify } = useNotices();
  const { done } = usePeopleUndo();
  const people = useApi('people.list', {}, ['photos', 'tags']);
  const [showHidden, setShowHidden] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [confirming, setConfirming] = useState(false);
  // Each face shown asks for its example photo: a large library shows the first ones until the user asks for all.
  const [shown, setShown] = useState(120);
  const everyone = people.value ?? [];
  const hiddenCount = everyone.filter((p) => p.hidden).length;
  const list = showHidden ? everyone : everyone.filter((p) => !p.hidden);
  const names = everyone.flatMap((p) => (p.name ? [p.name] : []));

  // Selections of people that are gone (merged, regrouped) are dropped.
  useEffect(() => {
    if (!people.value) return;
    const ids = new Set(people.value.map((p) => p.id));
    setSelected((s) => (s.every((id) => ids.has(id)) ? s : s.filter((id) => ids.has(id))));
  }, [people.value]);
  useEffect(() => {
    if (selected.length !== 2) setConfirming(false);
  }, [selected.length]);

  const toggle = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s.slice(-1), id]));

  const rename = async (person: PersonView, name: string): Promise<boolean> => {
    const result = await client.call('people.name', { id: person.id, name });
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return false;
    }
    done(result.value.id === person.id ? `Named “${result.value.name ?? name}”` : `Joined with the other “${result.value.name ?? name}”: one person now, ${seenTimes(result.value.faces).toLowerCase()}`);
    people.reload();
    return true;
  };

  // The list is named first, then largest: the earlier of the two keeps its name (or gives the merged group one).
  const pair = list.filter((p) => selected.includes(p.id));
  const [into, from] = pair;
  const merge = async () => {
    if (!into || !from) return;
    const result = await client.call('people.merge', { from: from.id, into: into.id });
    setConfirming(false);
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    setSelected([]);
    done(`Merged into ${result.value.name ? `“${result.value.name}”` : 'one person'}: ${seenTimes(result.value.faces).toLowerCase()}`);
    people.reload();
  };
  const [grouping, setGrouping] = useState(false);
  const regroup = async () => {
    setGrouping(true);
    const result = await client.call('people.regroup', {});
    setGrouping(false);
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    const { faces, people: groups, ungrouped } = result.value;
    notify(
      `Grouped ${faces === 1 ? '1 face' : `${faces.toLocaleString()} faces`} into ${groups === 1 ? '1 person' : `${groups.toLocaleString()} people`}` +
        (ungrouped > 0 ? `; ${ungrouped.toLocaleString()} not like anyone else yet` : ''),
    );
    people.reload();
  };
  const hide = async (person: PersonView, hidden: boolean) => {
    const result = await client.call('people.hide', { id: person.id, hidden });
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    done(hidden ? `Hid ${person.name ? `“${person.name}”` : 'an unnamed person'}: “Show hidden” shows them again` : `${person.name ? `“${person.name}”` : 'The person'} is shown again`);
    people.reload();
  };
  const label = (p: PersonView) => (p.name ? `“${p.name}”` : 'an unnamed person');

  return (
    <div className="page people-screen">
      <header className="page-header">
        <h1>People</h1>
        {people.value && list.length > 0 && (
          <p className="muted">
            {list.length === 1 ? '1 person' : `${list.length.toLocaleString()} people`} · named first, then the most seen
          </p>
        )}
        <button
          type="button"
          className="button small people-regroup"
          disabled={grouping}
          title="Phototag groups the faces again by itself after each indexing; this does it now."
          onClick={() => void regroup()}
        >
          {grouping ? 'Grouping faces…' : 'Group faces again'}
        </button>
        {hiddenCount > 0 && (
          <label className="people-show-hidden small">
            <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} /> Show hidden ({hiddenCount})
          </label>
        )}
        <FaceRecognitionSetting onChanged={people.reload} />
      </header>
      {people.error && <ErrorNotice error={people.error} onRetry={people.reload} />}
      {people.loading && !people.value && <Loading label="Loading people…" />}
      {people.value && everyone.length > 0 && list.length === 0 && <p className="muted">Everyone here is hidden: tick “Show hidden” to see them.</p>}
      {people.value && everyone.length === 0 && (
        <EmptyState title="No people yet">
          Phototag groups the faces it finds in your photos as it indexes them; a face needs to appear in a few photos before it becomes a person here.
        </EmptyState>
      )}
      {list.length > 0 && (
        <div className="people-toolbar" aria-live="polite">
          {selected.length < 2 ? (
            <span className="muted">Select two people who are the same person to merge them.</span>
          ) : confirming && into && from ? (
            <>
              <span>
                Merge {label(from)} into {label(into)}? {into.name || from.name ? `The merged person is called “${into.name ?? from.name}”.` : ''}
              </span>
              <button type="button" className="button primary small" onClick={() => void merge()}>
                Merge
              </button>
              <button type="button" className="button ghost small" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <>
              <span>2 people selected</span>
              <button type="button" className="button primary small" onClick={() => setConfirming(true)}>
                Merge
              </button>
              <button type="button" className="button ghost small" onClick={() => setSelected([])}>
                Clear selection
              </button>
            </>
          )}
        </div>
      )}
      <ul className="people-grid" aria-label="People">
        {list.slice(0, shown).map((person) => (
          <PersonTile
            key={person.id}
            person={person}
            otherNames={names.filter((n) => n !== person.name)}
            selected={selected.includes(person.id)}
            onToggle={() => toggle(person.id)}
            onRename={(name) => rename(person, name)}
            onHide={() => void hide(person, !person.hidden)}
            onOpen={() =>
              person.name ? navigate({ screen: 'search', query: personQuery(person.name) }) : person.examplePhotoId !== null && navigate({ screen: 'photo', id: person.examplePhotoId, query: null, index: null })
            }
          />
        ))}
      </ul>
      {list.length > shown && (
        <button type="button" className="button people-more" onClick={() => setShown(list.length)}>
          Show all {list.length.toLocaleString()} people
        </button>
      )}
    </div>
  );
}

function PersonTile({
  person,
  otherNames,
  selected,
  onToggle,
  onRename,
  onOpen,
  onHide,
}: {
  person: PersonView;
  otherNames: readonly string[];
  selected: boolean;
  onToggle(): void;
  onRename(name: string): Promise<boolean>;
  onOpen(): void;
  onHide(): void;
}) {
  const example = useApi('photos.get', person.examplePhotoId !== null ? { id: person.examplePhotoId } : null, ['photos']);
  const face = example.value?.faces.find((f) => f.personId === person.id);
  const [editing, setEditing] = useState(false);
  const nameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // After Enter or Escape the field is gone: the keyboard goes back to the name, not to the top of the page.
  useEffect(() => {
    if (wasEditing.current && !editing && (document.activeElement === null || document.activeElement === document.body)) nameButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const display = person.name ?? 'Unnamed';
  return (
    <li className={`person-tile${selected ? ' selected' : ''}${person.hidden ? ' hidden-person' : ''}`} data-person-id={person.id}>
      <button type="button" className="person-face" onClick={onOpen} title={person.name ? `Photos of ${person.name}` : 'Open a photo of this person'}>
        {example.value && face ? <FaceCrop photo={example.value} box={face.box} alt="" /> : <span className="face-crop placeholder" aria-hidden="true" />}
        <span className="people-sr-only">{person.name ? `Photos of ${person.name}` : 'A photo of this unnamed person'}</span>
      </button>
      {editing ? (
        <NameEditor initial={person.name ?? ''} suggestions={otherNames} onCancel={() => setEditing(false)} onSave={async (name) => (await onRename(name)) && setEditing(false)} />
      ) : (
        <button ref={nameButton} type="button" className={`person-name${person.name ? '' : ' unnamed'}`} onClick={() => setEditing(true)} aria-label={`${display}: rename`} title={person.name ? 'Rename' : 'Name this person'}>
          {display}
        </button>
      )}
      <span className="person-count muted small">{seenTimes(person.faces)}</span>
      <button type="button" className="link-button small person-hide" onClick={onHide} aria-label={`${person.hidden ? 'Show' : 'Hide'} ${person.name ?? `unnamed person, ${seenTimes(person.faces).toLowerCase()}`}`}>
        {person.hidden ? 'Show' : 'Hide'}
      </button>
      <label className="person-select">
        <input type="checkbox" checked={selected} onChange={onToggle} />
        <span className="people-sr-only">Select {person.name ?? `unnamed person, ${seenTimes(person.faces).toLowerCase()}`}</span>
      </label>
    </li>
  );
}

/**
 * A name field: Enter saves, Escape cancels; leaving the field cancels too, unless the editor has its own buttons
 * (`actions`). `suggestions` are offered as the user types (people who already have a name).
 */
export function NameEditor({
  initial,
  onSave,
  onCancel,
  label = 'Name',
  suggestions,
  actions,
  autoFocus = true,
}: {
  initial: string;
  onSave(name: string): Promise<unknown>;
  onCancel(): void;
  label?: string;
  suggestions?: readonly string[];
  actions?: ReactNode;
  /** Focus the field when it appears (off for a second editor on the same panel). */
  autoFocus?: boolean;
}) {
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const saving = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  useEffect(() => {
    if (!autoFocus) return;
    input.current?.focus();
    input.current?.select();
  }, [autoFocus]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = draft.trim();
    if (!name || name === initial) {
      onCancel();
      return;
    }
    saving.current = true;
    setBusy(true);
    await onSave(name);
    saving.current = false;
    setBusy(false);
  };
  return (
    <form className="name-editor" onSubmit={(e) => void submit(e)}>
      <input
        ref={input}
        aria-label={label}
        value={draft}
        maxLength={120}
        disabled={busy}
        placeholder="Name"
        list={suggestions && suggestions.length > 0 ? listId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
        onBlur={() => !actions && !saving.current && onCancel()}
      />
      {suggestions && suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
      {actions}
    </form>
  );
}
