import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { Clock } from '../adapters/clock.js';
import { LibraryError } from '../library/errors.js';
import type { PersonView, RegroupView } from '../../contract/views.js';
import type { FaceGrouper } from './FaceGrouper.js';

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
  ) {}

  list(): PersonView[] {
    return this.library.faces.people();
  }

  /**
   * Names a group. A name another person already has merges the two (they are one person to the user). Returns
   * the person the faces are in now.
   */
  name(personId: number, name: string): PersonView {
    const trimmed = name.trim().replace(/\s+/g, ' ');
    if (trimmed === '') throw new LibraryError('bad-request', 'A name cannot be empty: give the person a name, e.g. phototag people name 3 "Alice Smith"');
    const now = this.clock.now();
    const target = this.library.transaction(() => {
      this.requirePerson(personId);
      const same = this.library.faces.personIdsByName(trimmed).filter((id) => id !== personId);
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
      this.library.faces.excludeFromPerson(faceId, face.personId, now);
      this.library.searchIndex.refresh(face.photoId);
      return face.photoId;
    });
    this.grouper.invalidate();
    return photoId;
  }

  /** Clusters every face again, keeping the user's decisions. */
  regroup(): RegroupView {
    return this.grouper.regroupAll(this.library, this.clock.now());
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
    return this.list().find((p) => p.id === id) ?? { id, name: this.library.faces.person(id)?.name ?? null, faces: 0, examplePhotoId: null, examplePath: null };
  }
}
