import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { NewFace } from '../../../db/repositories/FaceRepository.js';
import { FaceGrouper } from '../../../electron/core/people/FaceGrouper.js';
import { PeopleService } from '../../../electron/core/people/PeopleService.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

const unit = (axis: number, wobble = 0): Float32Array => {
  const v = new Float32Array(16);
  v[axis] = 1;
  v[axis + 1] = wobble;
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const face = (embedding: Float32Array | null, x = 0.1): NewFace => ({ box: [x, 0.1, x + 0.2, 0.4], score: 0.9, landmarks: [[x + 0.05, 0.2], [x + 0.15, 0.2], [x + 0.1, 0.25], [x + 0.1, 0.3], [x, 0.2], [x + 0.2, 0.2]], embedding, skipped: embedding ? null : 'small' });

describe('faces and people in SQLite', () => {
  const temp = makeTempDir();
  let library: LibraryDatabase;
  afterEach(() => library?.close());
  afterAll(() => temp.cleanup());

  function photo(n: number): number {
    return library.photos.insert({ path: path.join('/lib', `p${n}.jpg`), folderId: null, fileName: `p${n}.jpg`, size: 1, mtimeMs: 1, contentHash: `h${n}` }, 1);
  }

  it('joins a stored face to the nearest person as it is stored, without a full regrouping, and leaves strangers out', () => {
    library = LibraryDatabase.open(path.join(temp.dir, 'a.db'));
    const grouper = new FaceGrouper();
    const ids = [1, 2, 3].map((n) => library.faces.replaceForPhoto(photo(n), [face(unit(0, n / 20))], 'm', 1)[0] as number);
    grouper.regroupAll(library, 2);
    const person = library.faces.byId(ids[0] as number)?.personId ?? null;
    expect(person).not.toBeNull();

    const newcomer = photo(4);
    library.transaction(() => {
      const stored = library.faces.replaceForPhoto(newcomer, [face(unit(0, 0.1)), face(unit(8), 0.5), face(null, 0.7)], 'm', 3);
      grouper.assignNew(library, stored, [unit(0, 0.1), unit(8), null], 3);
    });
    expect(library.faces.forPhoto(newcomer).map((f) => [f.personId, f.assignedBy])).toEqual([
      [person, 'auto'],
      [null, null],
      [null, null],
    ]);
    expect(library.faces.people()).toEqual([expect.objectContaining({ id: person, faces: 4 })]);
  });

  it('keeps a face the user named through a re-analysis that finds it again, and drops faces no longer found', () => {
    library = LibraryDatabase.open(path.join(temp.dir, 'b.db'));
    const p = photo(1);
    const [first] = library.faces.replaceForPhoto(p, [face(unit(0)), face(unit(2), 0.6)], 'm', 1);
    const alice = library.faces.createPerson('Alice', 1);
    library.faces.assign(first as number, alice, 'user');
    const again = library.faces.replaceForPhoto(p, [face(unit(0, 0.05), 0.11)], 'm2', 2);
    expect(again).toEqual([first]);
    expect(library.faces.forPhoto(p)).toEqual([expect.objectContaining({ id: first, personName: 'Alice', assignedBy: 'user' })]);
  });

  it('refuses to put a face that cannot be recognised in a person, saying why; a recognisable one moves, and undo restores it', () => {
    library = LibraryDatabase.open(path.join(temp.dir, 'c.db'));
    let now = 10;
    const people = new PeopleService(library, new FaceGrouper(), { now: () => ++now });
    const [small, clear] = library.faces.replaceForPhoto(photo(1), [face(null), face(unit(0), 0.6)], 'm', 1) as [number, number];
    expect(() => people.assignFace(small, { name: 'Alice' })).toThrow(/too small to recognise/);
    expect(library.faces.people()).toEqual([]);
    people.assignFace(clear, { name: 'Alice' });
    expect(library.faces.byId(clear)).toMatchObject({ personName: 'Alice', assignedBy: 'user' });
    expect(people.undo()).toMatchObject({ kind: 'assignFace', label: 'Named a face Alice' });
    expect(library.faces.byId(clear)).toMatchObject({ personId: null, assignedBy: null });
    expect(library.faces.personIdsByName('Alice')).toEqual([]);
  });
});

