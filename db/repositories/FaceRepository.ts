import type { Db } from '../openDatabase.js';
import { decodeVector, encodeVector } from '../vectors/vectorCodec.js';

export interface NewFace {
  box: [number, number, number, number];
  score: number;
  landmarks: [number, number][];
  embedding: Float32Array | null;
  skipped: string | null;
}

export interface StoredFace {
  id: number;
  photoId: number;
  box: [number, number, number, number];
  score: number;
  landmarks: [number, number][];
  hasEmbedding: boolean;
  skipped: string | null;
  personId: number | null;
  personName: string | null;
  assignedBy: 'auto' | 'user' | null;
}

export interface FaceEmbeddingRow {
  id: number;
  photoId: number;
  embedding: Float32Array;
  personId: number | null;
  assignedBy: 'auto' | 'user' | null;
}

export interface PersonSummary {
  id: number;
  name: string | null;
  faces: number;
  /** A photo showing this person (the best-scored face's), for a thumbnail. */
  examplePhotoId: number | null;
  examplePath: string | null;
  /** The user hid this group from the People screen. */
  hidden: boolean;
}

/** What a people decision touched, as it was before: enough to put it back (see PeopleService.undo). */
export interface PeopleSnapshot {
  people: { id: number; name: string | null; createdAt: number; updatedAt: number; hidden: number }[];
  faces: { id: number; photoId: number; personId: number | null; assignedBy: 'auto' | 'user' | null }[];
  exclusions: { faceId: number; personId: number }[];
  /** People the decision created: undoing deletes them. */
  created: number[];
}

export interface PeopleAction {
  id: number;
  kind: string;
  label: string;
  before: PeopleSnapshot;
  createdAt: number;
}

interface FaceRow {
  id: number;
  photoId: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
  landmarks: string;
  hasEmbedding: number;
  skipped: string | null;
  personId: number | null;
  personName: string | null;
  assignedBy: 'auto' | 'user' | null;
}

/** Descriptors are int8 with one scale each, renormalised on reading so cosine stays a dot product. */
function fromBlob(data: Buffer, scale: number): Float32Array {
  const v = decodeVector({ encoding: 'i8', dim: data.byteLength, scale, data });
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}

function iou(a: readonly number[], b: readonly number[]): number {
  const [ax1, ay1, ax2, ay2] = a as [number, number, number, number];
  const [bx1, by1, bx2, by2] = b as [number, number, number, number];
  const w = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1));
  const h = Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1));
  const inter = w * h;
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
  return union > 0 ? inter / union : 0;
}

/** Faces and people (migration 0006). Descriptors are stored as int8 (see fromBlob). */
export class FaceRepository {
  private readonly byPhotoStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;
  private readonly embeddingsStmt;
  private readonly assignStmt;
  private readonly createPersonStmt;
  private readonly renameStmt;
  private readonly peopleStmt;
  private readonly personByIdStmt;
  private readonly personIdsByNameStmt;
  private readonly moveAllStmt;
  private readonly deletePersonStmt;
  private readonly deleteEmptyStmt;
  private readonly excludeStmt;
  private readonly exclusionsStmt;
  private readonly moveExclusionsStmt;
  private readonly photosOfPersonStmt;
  private readonly clearAutoStmt;
  private readonly faceByIdStmt;
  private readonly fingerprintStmt;
  private readonly embeddedCountStmt;
  private readonly ungroupedCountStmt;
  private readonly touchStmt;
  private readonly unexcludeStmt;
  private readonly hideStmt;
  private readonly snapshotPeopleStmt;
  private readonly snapshotFacesStmt;
  private readonly snapshotExclusionsStmt;
  private readonly restorePersonStmt;
  private readonly clearExclusionsStmt;
  private readonly insertActionStmt;
  private readonly newestActionStmt;
  private readonly markUndoneStmt;
  private readonly forgetDescriptorsStmt;
  private readonly undescribedPhotosStmt;
  private readonly describedPhotosStmt;

  constructor(db: Db) {
    const faceColumns = `f.id, f.photo_id AS photoId, f.x1, f.y1, f.x2, f.y2, f.score, f.landmarks, f.embedding IS NOT NULL AS hasEmbedding,
      f.skipped, f.person_id AS personId, pe.name AS personName, f.assigned_by AS assignedBy`;
    this.byPhotoStmt = db.prepare<[number], FaceRow>(`SELECT ${faceColumns} FROM faces f LEFT JOIN people pe ON pe.id = f.person_id WHERE f.photo_id = ? ORDER BY f.x1`);
    this.faceByIdStmt = db.prepare<[number], FaceRow>(`SELECT ${faceColumns} FROM faces f LEFT JOIN people pe ON pe.id = f.person_id WHERE f.id = ?`);
    this.insertStmt = db.prepare(
      `INSERT INTO faces (photo_id, x1, y1, x2, y2, score, landmarks, embedding, embedding_scale, model, skipped, created_at)
       VALUES (@photoId, @x1, @y1, @x2, @y2, @score, @landmarks, @embedding, @embeddingScale, @model, @skipped, @now)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE faces SET x1 = @x1, y1 = @y1, x2 = @x2, y2 = @y2, score = @score, landmarks = @landmarks, embedding = @embedding,
         embedding_scale = @embeddingScale, model = @model, skipped = @skipped,
         person_id = CASE WHEN assigned_by = 'user' THEN person_id ELSE NULL END,
         assigned_by = CASE WHEN assigned_by = 'user' THEN 'user' ELSE NULL END
       WHERE id = @id`,
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM faces WHERE id = ?');
    this.forgetDescriptorsStmt = db.prepare(
      `UPDATE faces SET embedding = NULL, embedding_scale = NULL, skipped = 'recognition-off' WHERE embedding IS NOT NULL OR skipped IS NULL`,
    );
    this.undescribedPhotosStmt = db.prepare<[], { id: number; contentHash: string }>(
      `SELECT DISTINCT p.id, p.content_hash AS contentHash FROM faces f JOIN photos p ON p.id = f.photo_id
       WHERE f.skipped = 'recognition-off' AND p.state != 'missing' ORDER BY p.id`,
    );
    this.describedPhotosStmt = db.prepare<[], number>('SELECT DISTINCT photo_id FROM faces WHERE embedding IS NOT NULL ORDER BY photo_id').pluck();
    this.embeddingsStmt = db.prepare<[], { id: number; photoId: number; embedding: Buffer; scale: number; personId: number | null; assignedBy: 'auto' | 'user' | null }>(
      `SELECT f.id, f.photo_id AS photoId, f.embedding, f.embedding_scale AS scale, f.person_id AS personId, f.assigned_by AS assignedBy
       FROM faces f JOIN photos p ON p.id = f.photo_id WHERE f.embedding IS NOT NULL AND p.state != 'missing' ORDER BY f.id`,
    );
    this.assignStmt = db.prepare<{ id: number; personId: number | null; by: string | null }>('UPDATE faces SET person_id = @personId, assigned_by = @by WHERE id = @id');
    this.clearAutoStmt = db.prepare(`UPDATE faces SET person_id = NULL, assigned_by = NULL WHERE assigned_by = 'auto'`);
    this.createPersonStmt = db.prepare<{ name: string | null; now: number }>('INSERT INTO people (name, created_at, updated_at) VALUES (@name, @now, @now)');
    this.renameStmt = db.prepare<{ id: number; name: string | null; now: number }>('UPDATE people SET name = @name, updated_at = @now WHERE id = @id');
    this.peopleStmt = db.prepare<[], Omit<PersonSummary, 'hidden'> & { hidden: number }>(
      `SELECT pe.id, pe.name, COUNT(f.id) AS faces, pe.hidden,
         (SELECT f2.photo_id FROM faces f2 WHERE f2.person_id = pe.id ORDER BY f2.score DESC LIMIT 1) AS examplePhotoId,
         (SELECT p2.path FROM faces f2 JOIN photos p2 ON p2.id = f2.photo_id WHERE f2.person_id = pe.id ORDER BY f2.score DESC LIMIT 1) AS examplePath
       FROM people pe JOIN faces f ON f.person_id = pe.id JOIN photos p ON p.id = f.photo_id AND p.state != 'missing'
       GROUP BY pe.id ORDER BY pe.name IS NULL, COUNT(f.id) DESC, pe.id`,
    );
    this.personByIdStmt = db.prepare<[number], { id: number; name: string | null }>('SELECT id, name FROM people WHERE id = ?');
    this.personIdsByNameStmt = db.prepare<[string], number>('SELECT id FROM people WHERE name = ? COLLATE NOCASE').pluck();
    this.moveAllStmt = db.prepare<{ from: number; to: number }>(
      `UPDATE faces SET person_id = @to, assigned_by = 'user' WHERE person_id = @from`,
    );
    this.deletePersonStmt = db.prepare<[number]>('DELETE FROM people WHERE id = ?');
    this.deleteEmptyStmt = db.prepare('DELETE FROM people WHERE name IS NULL AND NOT EXISTS (SELECT 1 FROM faces f WHERE f.person_id = people.id)');
    this.excludeStmt = db.prepare<{ faceId: number; personId: number }>('INSERT OR IGNORE INTO face_exclusions (face_id, person_id) VALUES (@faceId, @personId)');
    this.exclusionsStmt = db.prepare<[], { faceId: number; personId: number }>('SELECT face_id AS faceId, person_id AS personId FROM face_exclusions');
    this.moveExclusionsStmt = db.prepare<{ from: number; to: number }>(
      'INSERT OR IGNORE INTO face_exclusions (face_id, person_id) SELECT face_id, @to FROM face_exclusions WHERE person_id = @from',
    );
    this.embeddedCountStmt = db.prepare<[], number>(
      `SELECT count(*) FROM faces f JOIN photos p ON p.id = f.photo_id WHERE f.embedding IS NOT NULL AND p.state != 'missing'`,
    ).pluck();
    this.ungroupedCountStmt = db.prepare<[], number>(
      `SELECT count(*) FROM faces f JOIN photos p ON p.id = f.photo_id WHERE f.embedding IS NOT NULL AND f.person_id IS NULL AND p.state != 'missing'`,
    ).pluck();
    this.fingerprintStmt = db.prepare<[], string>(`SELECT count(*) || ':' || coalesce(max(updated_at), 0) || ':' || coalesce(max(id), 0) FROM people`).pluck();
    this.touchStmt = db.prepare<{ id: number; now: number }>('UPDATE people SET updated_at = max(updated_at + 1, @now) WHERE id = @id');
    this.photosOfPersonStmt = db.prepare<[number], number>('SELECT DISTINCT photo_id FROM faces WHERE person_id = ?').pluck();
    this.unexcludeStmt = db.prepare<{ faceId: number; personId: number }>('DELETE FROM face_exclusions WHERE face_id = @faceId AND person_id = @personId');
    this.hideStmt = db.prepare<{ id: number; hidden: number; now: number }>('UPDATE people SET hidden = @hidden, updated_at = max(updated_at + 1, @now) WHERE id = @id');
    this.snapshotPeopleStmt = db.prepare<[string], PeopleSnapshot['people'][number]>(
      'SELECT id, name, created_at AS createdAt, updated_at AS updatedAt, hidden FROM people WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.snapshotFacesStmt = db.prepare<[string, string], PeopleSnapshot['faces'][number]>(
      `SELECT id, photo_id AS photoId, person_id AS personId, assigned_by AS assignedBy FROM faces
       WHERE id IN (SELECT value FROM json_each(?)) OR person_id IN (SELECT value FROM json_each(?))`,
    );
    this.snapshotExclusionsStmt = db.prepare<[string, string], PeopleSnapshot['exclusions'][number]>(
      `SELECT face_id AS faceId, person_id AS personId FROM face_exclusions
       WHERE face_id IN (SELECT value FROM json_each(?)) OR person_id IN (SELECT value FROM json_each(?))`,
    );
    this.restorePersonStmt = db.prepare<PeopleSnapshot['people'][number]>(
      `INSERT INTO people (id, name, created_at, updated_at, hidden) VALUES (@id, @name, @createdAt, @updatedAt, @hidden)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, hidden = excluded.hidden, updated_at = max(people.updated_at + 1, excluded.updated_at)`,
    );
    this.clearExclusionsStmt = db.prepare<[string, string]>(
      'DELETE FROM face_exclusions WHERE face_id IN (SELECT value FROM json_each(?)) OR person_id IN (SELECT value FROM json_each(?))',
    );
    this.insertActionStmt = db.prepare<{ kind: string; label: string; before: string; now: number }>(
      'INSERT INTO people_actions (kind, label, before, created_at) VALUES (@kind, @label, @before, @now)',
    );
    this.newestActionStmt = db.prepare<[], { id: number; kind: string; label: string; before: string; createdAt: number }>(
      'SELECT id, kind, label, before, created_at AS createdAt FROM people_actions WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1',
    );
    this.markUndoneStmt = db.prepare<{ id: number; now: number }>('UPDATE people_actions SET undone_at = @now WHERE id = @id');
  }

  /** The user took back saying this face is not that person (they moved it there after all). */
  unexclude(faceId: number, personId: number): void {
    this.unexcludeStmt.run({ faceId, personId });
  }

  setHidden(personId: number, hidden: boolean, now: number): void {
    this.hideStmt.run({ id: personId, hidden: hidden ? 1 : 0, now });
  }

  /** The people `personIds`, their faces and `faceIds`, and the exclusions of any of them, as they are now. */
  snapshot(faceIds: readonly number[], personIds: readonly number[]): PeopleSnapshot {
    const f = JSON.stringify(faceIds);
    const p = JSON.stringify(personIds);
    const faces = this.snapshotFacesStmt.all(f, p);
    return { people: this.snapshotPeopleStmt.all(p), faces, exclusions: this.snapshotExclusionsStmt.all(JSON.stringify(faces.map((x) => x.id)), p), created: [] };
  }

  /**
   * Puts a snapshot back: people the decision created go, the snapshot's people come back with their names, its
   * faces (those still stored) return to their people, and its exclusions replace whatever is there now.
   */
  restore(before: PeopleSnapshot, now: number): void {
    for (const id of before.created) this.deletePersonStmt.run(id);
    for (const person of before.people) this.restorePersonStmt.run({ ...person, updatedAt: Math.max(person.updatedAt, now) });
    const people = new Set(before.people.map((p) => p.id));
    for (const face of before.faces) {
      const personId = face.personId !== null && (people.has(face.personId) || this.personByIdStmt.get(face.personId)) ? face.personId : null;
      this.assignStmt.run({ id: face.id, personId, by: personId === null ? null : face.assignedBy });
    }
    this.clearExclusionsStmt.run(JSON.stringify(before.faces.map((x) => x.id)), JSON.stringify([...people]));
    for (const e of before.exclusions) {
      if (this.faceByIdStmt.get(e.faceId) && this.personByIdStmt.get(e.personId)) this.excludeStmt.run(e);
    }
  }

  logAction(kind: string, label: string, before: PeopleSnapshot, now: number): void {
    this.insertActionStmt.run({ kind, label, before: JSON.stringify(before), now });
  }

  /** The newest decision not undone yet. */
  newestAction(): PeopleAction | undefined {
    const row = this.newestActionStmt.get();
    return row ? { ...row, before: JSON.parse(row.before) as PeopleSnapshot } : undefined;
  }

  markActionUndone(id: number, now: number): void {
    this.markUndoneStmt.run({ id, now });
  }

  /**
   * Replaces a photo's faces with a new analysis's. A new face where an old one was (boxes overlapping by IoU ≥ 0.5)
   * keeps the old row, so the user's naming of it and its exclusions survive a re-analysis; the model's own
   * assignments are cleared, to be made again from the new descriptor. Returns the stored faces' ids, in order.
   */
  replaceForPhoto(photoId: number, faces: readonly NewFace[], model: string, now: number): number[] {
    const old = this.byPhotoStmt.all(photoId);
    const used = new Set<number>();
    const ids = faces.map((face) => {
      const encoded = face.embedding ? encodeVector(face.embedding, 'i8') : null;
      const row = {
        photoId,
        x1: face.box[0],
        y1: face.box[1],
        x2: face.box[2],
        y2: face.box[3],
        score: face.score,
        landmarks: JSON.stringify(face.landmarks.map(([x, y]) => [+x.toFixed(4), +y.toFixed(4)])),
        embedding: encoded?.data ?? null,
        embeddingScale: encoded?.scale ?? null,
        model,
        skipped: face.skipped,
        now,
      };
      let match: FaceRow | undefined;
      let best = 0.5;
      for (const o of old) {
        if (used.has(o.id)) continue;
        const overlap = iou([o.x1, o.y1, o.x2, o.y2], face.box);
        if (overlap >= best) [best, match] = [overlap, o];
      }
      if (match) {
        used.add(match.id);
        this.updateStmt.run({ ...row, id: match.id });
        return match.id;
      }
      return Number(this.insertStmt.run(row).lastInsertRowid);
    });
    for (const o of old) if (!used.has(o.id)) this.deleteStmt.run(o.id);
    return ids;
  }

  forPhoto(photoId: number): StoredFace[] {
    return this.byPhotoStmt.all(photoId).map(toStoredFace);
  }

  byId(faceId: number): StoredFace | undefined {
    const row = this.faceByIdStmt.get(faceId);
    return row ? toStoredFace(row) : undefined;
  }

  /** Every present photo's faces that have a descriptor, in id order. */
  embedded(): FaceEmbeddingRow[] {
    return this.embeddingsStmt.all().map((r) => ({ id: r.id, photoId: r.photoId, embedding: fromBlob(r.embedding, r.scale), personId: r.personId, assignedBy: r.assignedBy }));
  }

  /** How many faces a regrouping would cluster. */
  embeddedCount(): number {
    return this.embeddedCountStmt.get() as number;
  }

  /** Faces with a descriptor in no person. */
  ungroupedCount(): number {
    return this.ungroupedCountStmt.get() as number;
  }

  assign(faceId: number, personId: number | null, by: 'auto' | 'user' | null): void {
    this.assignStmt.run({ id: faceId, personId, by: personId === null ? null : by });
  }

  /** Before a full regrouping: every assignment the model made is undone; the user's stay. */
  clearAutomaticAssignments(): void {
    this.clearAutoStmt.run();
  }

  /**
   * Changes whenever people are created, deleted or touched: a cache of their centroids is stale when it changed.
   * Every change of a person's members touches it (updated_at only ever grows).
   */
  peopleFingerprint(): string {
    return this.fingerprintStmt.get() as string;
  }

  touchPerson(id: number, now: number): void {
    this.touchStmt.run({ id, now });
  }

  createPerson(name: string | null, now: number): number {
    return Number(this.createPersonStmt.run({ name, now }).lastInsertRowid);
  }

  renamePerson(id: number, name: string | null, now: number): void {
    this.renameStmt.run({ id, name, now });
  }

  person(id: number): { id: number; name: string | null } | undefined {
    return this.personByIdStmt.get(id);
  }

  /** People with this name, any case. */
  personIdsByName(name: string): number[] {
    return this.personIdsByNameStmt.all(name);
  }

  /** People with at least one face in a present photo, named first, then the largest. */
  people(): PersonSummary[] {
    return this.peopleStmt.all().map((p) => ({ ...p, hidden: p.hidden === 1 }));
  }

  /** Every face of `from` moves to `into` as the user's decision; `from`'s exclusions carry over; `from` goes. */
  mergePeople(from: number, into: number, now: number): void {
    this.moveExclusionsStmt.run({ from, to: into });
    this.moveAllStmt.run({ from, to: into });
    this.deletePersonStmt.run(from);
    this.touchPerson(into, now);
  }

  /** Pins every face of a person as the user's (naming a group says "these are all Alice"). */
  pinPerson(id: number): void {
    this.moveAllStmt.run({ from: id, to: id });
  }

  /** The user took a face out of a person: it is ungrouped and never goes back there. */
  excludeFromPerson(faceId: number, personId: number, now: number): void {
    this.excludeStmt.run({ faceId, personId });
    this.assignStmt.run({ id: faceId, personId: null, by: null });
    this.touchPerson(personId, now);
  }

  /** The face is not that person (it is in no group or another): it never joins them. */
  exclude(faceId: number, personId: number): void {
    this.excludeStmt.run({ faceId, personId });
  }

  exclusions(): Map<number, Set<number>> {
    const out = new Map<number, Set<number>>();
    for (const { faceId, personId } of this.exclusionsStmt.all()) out.set(faceId, (out.get(faceId) ?? new Set()).add(personId));
    return out;
  }

  photosOfPerson(personId: number): number[] {
    return this.photosOfPersonStmt.all(personId);
  }

  /**
   * Face recognition turned off: every stored descriptor is dropped (the faces stay, boxes and counts, marked
   * 'recognition-off') and the model's groupings with them; what the user named stays. Returns the photos whose
   * faces changed, for their search rows.
   */
  forgetDescriptors(): number[] {
    const photos = this.describedPhotosStmt.all();
    this.forgetDescriptorsStmt.run();
    this.clearAutoStmt.run();
    this.deleteEmptyStmt.run();
    return photos;
  }

  /** Photos with faces found while recognition was off: to analyse again when it is turned on. */
  photosWithUndescribedFaces(): { id: number; contentHash: string }[] {
    return this.undescribedPhotosStmt.all();
  }

  /** Unnamed people left without faces (after a regrouping or a merge). */
  deleteEmptyPeople(): void {
    this.deleteEmptyStmt.run();
  }

  /** For the search index: the names of the people in a photo and its face count. */
  searchFacts(photoId: number): { faces: number; people: { id: number; name: string | null }[] } {
    const rows = this.byPhotoStmt.all(photoId);
    const people = new Map<number, string | null>();
    for (const r of rows) if (r.personId !== null) people.set(r.personId, r.personName);
    return { faces: rows.length, people: [...people].map(([id, name]) => ({ id, name })) };
  }
}

function toStoredFace(r: FaceRow): StoredFace {
  return {
    id: r.id,
    photoId: r.photoId,
    box: [r.x1, r.y1, r.x2, r.y2],
    score: r.score,
    landmarks: JSON.parse(r.landmarks) as [number, number][],
    hasEmbedding: Boolean(r.hasEmbedding),
    skipped: r.skipped,
    personId: r.personId,
    personName: r.personName,
    assignedBy: r.assignedBy,
  };
}
