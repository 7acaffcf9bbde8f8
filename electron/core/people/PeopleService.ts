import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { Clock } from '../adapters/clock.js';
import { LibraryError } from '../library/errors.js';
import type { PeopleSnapshot } from '../../../db/repositories/FaceRepository.js';
import type { FaceSuggestionView, PeopleUndoView, PersonView, RegroupView } from '../../contract/views.js';
import type { RegroupWorker } from './regroupWorker.js';
import type { FaceGrouper } from './FaceGrouper.js';
import { suggestDistance, suggestFaces } from './suggestFaces.js';

export type AssignTarget = { personId: number } | { name: string };

function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed === '') throw new LibraryError('bad-request', 'A name cannot be empty: give the person a name, e.g. phototag people name 3 "Alice Smith"');
  return trimmed;
}


/** Where a large library's regrouping runs: the worker thread, beyond this many described faces. */
export interface BackgroundRegrouping {
  worker: RegroupWorker;
  mainThreadMaxFaces: number;
}

/**
 * People as the user sees and corrects them. Every correction is the user's decision, stored so a regrouping
 * never undoes it: naming pins the group's faces to the person (must-link), taking a face out records that it is
 * not that person (cannot-link).
 */
export class PeopleService {
  constructor(
    private readonly library: LibraryDatabase,
    private readonly grouper: FaceGrouper,
    private readonly clock: Clock,
    private readonly background: BackgroundRegrouping | null = null,
  ) {}

  list(): PersonView[] {
    return this.library.faces.people();
  }

  /**
   * Names a group. A name another person already has merges the two (they are one person to the user). Returns
   * the person the faces are in now.
   */
  name(personId: number, name: string): PersonView {
    const trimmed = cleanName(name);
    const now = this.clock.now();
    const target = this.library.transaction(() => {
      const old = this.requirePerson(personId);
      const same = this.library.faces.personIdsByName(trimmed).filter((id) => id !== personId);
      this.record('name', old.name ? `Renamed ${old.name} to ${trimmed}` : `Named ${trimmed}`, [], [personId, ...same], now);
      const into = same[0] ?? personId;
      this.library.faces.renamePerson(into, trimmed, now);
      if (into !== personId) this.library.faces.mergePeople(personId, into, now);
      this.library.faces.pinPerson(into);
      this.library.faces.touchPerson(into, now);
      this.refreshPhotos(into);
      return into;
    });
    this.grouper.invalidate();
    return this.view(target);
  }

  /** Moves every face of `from` into `into` (as the user's decision); `into` keeps its name, or takes `from`'s. */
  merge(from: number, into: number): PersonView {
    if (from === into) throw new LibraryError('bad-request', `Both are person ${from}: give two different people to merge (see phototag people).`);
    const now = this.clock.now();
    this.library.transaction(() => {
      const a = this.requirePerson(from);
      const b = this.requirePerson(into);
      this.record('merge', `Merged ${a.name ?? 'a group'} into ${b.name ?? a.name ?? 'another group'}`, [], [from, into], now);
      if (b.name === null && a.name !== null) this.library.faces.renamePerson(into, a.name, now);
      const photos = this.library.faces.photosOfPerson(from);
      this.library.faces.mergePeople(from, into, now);
      for (const id of photos) this.library.searchIndex.refresh(id);
      this.refreshPhotos(into);
    });
    this.grouper.invalidate();
    return this.view(into);
  }

  /** The user says this face is not that person: it leaves the group and never joins it again. Returns its photo. */
  removeFace(faceId: number): number {
    const now = this.clock.now();
    const photoId = this.library.transaction(() => {
      const face = this.library.faces.byId(faceId);
      if (!face) throw new LibraryError('bad-request', `No face ${faceId} in the library: see a photo's faces with phototag show <photo> --json.`);
      if (face.personId === null) return face.photoId;
      this.record('removeFace', `Took a face out of ${face.personName ?? 'a group'}`, [faceId], [face.personId], now);
      this.library.faces.excludeFromPerson(faceId, face.personId, now);
      this.library.searchIndex.refresh(face.photoId);
      return face.photoId;
    });
    this.grouper.invalidate();
    return photoId;
  }

  /**
   * Puts one face into a person (an existing one, or by name: the person with that name, else a new one), as the
   * user's decision: it stays there through regroupings, and never goes back to the person it left. Returns its
   * photo.
   */
  assignFace(faceId: number, target: AssignTarget): number {
    const now = this.clock.now();
    const photoId = this.library.transaction(() => {
      const face = this.requireFace(faceId);
      if (!face.hasEmbedding) {
        if (face.skipped === 'recognition-off') {
          throw new LibraryError('bad-request', `Face recognition is off for this library, so face ${faceId} has no descriptor to put in a person: turn it on in People (phototag people recognition on).`);
        }
        const why = face.skipped === 'turned' ? 'turned too far' : 'too small';
        throw new LibraryError('bad-request', `Face ${faceId} is ${why} to recognise, so Phototag cannot put it in a person.`);
      }
      let personId: number;
      let created: number[] = [];
      let label: string;
      if ('personId' in target) {
        const person = this.requirePerson(target.personId);
        personId = person.id;
        label = `Put a face in ${person.name ?? 'a group'}`;
      } else {
        const name = cleanName(target.name);
        const existing = this.library.faces.personIdsByName(name)[0];
        label = `Named a face ${name}`;
        if (existing !== undefined) personId = existing;
        else {
          personId = this.library.faces.createPerson(name, now);
          created = [personId];
        }
      }
      const touched = [...new Set([face.personId, personId])].filter((id): id is number => id !== null && !created.includes(id));
      const before = this.library.faces.snapshot([faceId], touched);
      before.created = created;
      this.library.faces.logAction('assignFace', label, before, now);
      if (face.personId !== null && face.personId !== personId) this.library.faces.excludeFromPerson(faceId, face.personId, now);
      this.library.faces.unexclude(faceId, personId);
      this.library.faces.assign(faceId, personId, 'user');
      this.library.faces.touchPerson(personId, now);
      this.library.faces.deleteEmptyPeople();
      this.library.searchIndex.refresh(face.photoId);
      return face.photoId;
    });
    this.grouper.invalidate();
    return photoId;
  }

  /** "This face is not that person" about a face in no group or another: it never joins that person. */
  rejectFace(faceId: number, personId: number): number {
    const now = this.clock.now();
    const photoId = this.library.transaction(() => {
      const face = this.requireFace(faceId);
      const person = this.requirePerson(personId);
      this.record('rejectFace', `Not ${person.name ?? 'that person'}`, [faceId], face.personId === personId ? [personId] : [], now);
      if (face.personId === personId) this.library.faces.excludeFromPerson(faceId, personId, now);
      else this.library.faces.exclude(faceId, personId);
      this.library.searchIndex.refresh(face.photoId);
      return face.photoId;
    });
    this.grouper.invalidate();
    return photoId;
  }

  /** Hides a group from the People screen (or shows it again). */
  hide(personId: number, hidden: boolean): PersonView {
    const now = this.clock.now();
    this.library.transaction(() => {
      const person = this.requirePerson(personId);
      this.record('hide', `${hidden ? 'Hid' : 'Showed'} ${person.name ?? 'a group'}`, [], [personId], now);
      this.library.faces.setHidden(personId, hidden, now);
    });
    return this.view(personId);
  }

  /** Takes back the newest people decision still standing; calling it again walks further back. */
  undo(): PeopleUndoView {
    const now = this.clock.now();
    const result = this.library.transaction(() => {
      const action = this.library.faces.newestAction();
      if (!action) throw new LibraryError('nothing-to-undo', 'There is nothing to undo in People: every decision has been taken back already, or none was made yet.');
      const photos = new Set(action.before.faces.map((f) => f.photoId));
      for (const id of action.before.created) for (const p of this.library.faces.photosOfPerson(id)) photos.add(p);
      this.library.faces.restore(action.before, now);
      this.library.faces.markActionUndone(action.id, now);
      this.library.faces.deleteEmptyPeople();
      for (const id of photos) this.library.searchIndex.refresh(id);
      return { kind: action.kind, label: action.label, photoIds: [...photos] };
    });
    this.grouper.invalidate();
    return result;
  }

  /**
   * "Is this Alice?": faces in no named person whose descriptor lies within suggestDistance of a named person's
   * centroid (never one the user said they are not), nearest first.
   */
  suggestions(limit: number, maxDistance = suggestDistance): FaceSuggestionView[] {
    const named = new Map<number, string>();
    for (const p of this.library.faces.people()) if (p.name !== null) named.set(p.id, p.name);
    const faces = this.library.faces.embedded().map((f) => ({ id: f.id, embedding: f.embedding, namedPerson: f.personId !== null && named.has(f.personId) ? f.personId : null }));
    const out = suggestFaces(faces, this.library.faces.exclusions(), maxDistance);
    return out.slice(0, limit).flatMap((s) => {
      const face = this.library.faces.byId(s.faceId);
      const photo = face ? this.library.photos.byId(face.photoId) : undefined;
      if (!face || !photo) return [];
      return [{ faceId: s.faceId, photoId: face.photoId, thumbnailHash: photo.contentHash, box: face.box, personId: s.personId, personName: named.get(s.personId) as string, distance: +s.distance.toFixed(3) }];
    });
  }

  /**
   * Face recognition turned off: every face descriptor is erased from the library file and the model's groups go
   * with them; faces stay found and counted, and the people the user named keep the faces they named.
   */
  forgetDescriptors(): { photos: number; rebuilt: boolean } {
    const { value: photos, rebuilt } = this.library.erasingTransaction(() => {
      const changed = this.library.faces.forgetDescriptors();
      for (const photoId of changed) this.library.searchIndex.refresh(photoId);
      return changed.length;
    });
    this.grouper.invalidate();
    return { photos, rebuilt };
  }

  /**
   * Clusters every face again, keeping the user's decisions: here for a library small enough to cluster in well
   * under a second, else in the background thread while this one stays free for the UI and indexing.
   */
  async regroup(): Promise<RegroupView> {
    const background = this.background;
    if (background && this.library.faces.embeddedCount() > background.mainThreadMaxFaces) {
      return this.grouper.regroupAllInBackground(this.library, this.clock.now(), background.worker);
    }
    return this.grouper.regroupAll(this.library, this.clock.now());
  }

  /** Logs a decision for undo: what `faceIds` and the people `personIds` (with their faces) look like now. */
  private record(kind: string, label: string, faceIds: number[], personIds: number[], now: number): PeopleSnapshot {
    const before = this.library.faces.snapshot(faceIds, personIds);
    this.library.faces.logAction(kind, label, before, now);
    return before;
  }

  private requireFace(faceId: number) {
    const face = this.library.faces.byId(faceId);
    if (!face) throw new LibraryError('bad-request', `No face ${faceId} in the library: see a photo's faces with phototag show <photo> --json.`);
    return face;
  }

  private requirePerson(id: number): { id: number; name: string | null } {
    const person = this.library.faces.person(id);
    if (!person) throw new LibraryError('bad-request', `No person ${id} in the library: list them with phototag people.`);
    return person;
  }

  private refreshPhotos(personId: number): void {
    for (const id of this.library.faces.photosOfPerson(personId)) this.library.searchIndex.refresh(id);
  }

  private view(id: number): PersonView {
    return this.list().find((p) => p.id === id) ?? { id, name: this.library.faces.person(id)?.name ?? null, faces: 0, examplePhotoId: null, examplePath: null, hidden: false };
  }
}
