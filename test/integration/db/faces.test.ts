import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { NewFace } from '../../../db/repositories/FaceRepository.js';
import { FaceGrouper } from '../../../electron/core/people/FaceGrouper.js';
import { PeopleService } from '../../../electron/core/people/PeopleService.js';
import { RegroupWorker } from '../../../electron/core/people/regroupWorker.js';
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

  it('regroups a library larger than the main thread takes in a worker thread, exactly as on the main thread, keeping what the user decided', async () => {
    // Two libraries with the same faces: three people of three, one named by the user, one face taken out of them.
    const build = (file: string) => {
      const lib = LibraryDatabase.open(path.join(temp.dir, file));
      library = lib;
      const ids = [0, 2, 4].flatMap((axis, p) => [1, 2, 3].map((n) => lib.faces.replaceForPhoto(photo(10 * p + n), [face(unit(axis, n / 20))], 'm', 1)[0] as number));
      const alice = lib.faces.createPerson('Alice', 1);
      lib.faces.assign(ids[0] as number, alice, 'user');
      lib.faces.excludeFromPerson(ids[1] as number, alice, 1);
      return lib;
    };
    const people = (lib: LibraryDatabase) => lib.faces.embedded().map((f) => [f.id, f.personId, f.assignedBy]);
    const onMain = build('main.db');
    const mainSummary = new FaceGrouper().regroupAll(onMain, 2);
    const expected = people(onMain);
    onMain.close();
    const inWorker = build('worker.db');
    const worker = new RegroupWorker();
    try {
      // Nine faces are over a limit of 0: PeopleService sends the clustering to the thread.
      const summary = await new PeopleService(inWorker, new FaceGrouper(), { now: () => 2 }, { worker, mainThreadMaxFaces: 0 }).regroup();
      expect({ ...summary, ms: 0 }).toEqual({ ...mainSummary, ms: 0 });
      expect(people(inWorker)).toEqual(expected);
      expect(expected.filter(([, person]) => person !== null).length).toBe(8);
    } finally {
      await worker.close();
    }
  });
});

