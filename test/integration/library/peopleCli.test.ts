import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonView, PhotoDetailView, SearchPageView } from '../../../electron/contract/views.js';
import { runCli, runCliJson } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

// Faces `dev`: two people, three photos each.
const first = ['img1.jpg', 'img2.jpg', 'img4.jpg'];
const second = ['img29.jpg', 'img30.jpg', 'img31.jpg'];

describe('phototag people', () => {
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  const photos = path.join(temp.dir, 'photos');
  const json = <T>(...args: string[]) => runCliJson<T>(['--data-dir', dataDir, ...args]);
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

  beforeAll(() => {
    copyPhotos(sharedData('faces', 'images'), photos, [...first, ...second]);
    expect(cli('add', photos).status).toBe(0);
    const index = cli('--workers', '1', 'index');
    expect(index.status, index.stderr).toBe(0);
  }, 300_000);
  afterAll(() => temp.cleanup());

  it('lists the groups with a face count and an example photo, names one, and finds it by name', () => {
    const { people } = json<{ people: PersonView[] }>('people');
    expect(people.map((p) => [p.name, p.faces])).toEqual([
      [null, 3],
      [null, 3],
    ]);
    const shown = json<PhotoDetailView>('show', path.join(photos, first[0] as string));
    const id = shown.faces[0]?.personId as number;
    expect(people.find((p) => p.id === id)?.examplePath).toMatch(/img\d+\.jpg$/);

    expect(json<PersonView>('people', 'name', String(id), 'Alice Smith')).toMatchObject({ id, name: 'Alice Smith', faces: 3 });
    const found = json<SearchPageView>('search', 'person:"alice smith"');
    expect(found.results.map((r) => path.basename(r.path)).sort()).toEqual([...first].sort());
    expect(json<SearchPageView>('search', 'faces:1 -person:"Alice Smith"').total).toBe(3);
    const face = json<PhotoDetailView>('show', path.join(photos, first[0] as string)).faces[0];
    expect(face).toMatchObject({ personId: id, personName: 'Alice Smith', assignedBy: 'user', skipped: null });
    expect(face?.box).toHaveLength(4);
  });

  it('merges two people and regroups without undoing it', () => {
    const { people } = json<{ people: PersonView[] }>('people');
    const alice = people.find((p) => p.name === 'Alice Smith') as PersonView;
    const other = people.find((p) => p.name === null) as PersonView;
    expect(json<PersonView>('people', 'merge', String(other.id), String(alice.id))).toMatchObject({ id: alice.id, faces: 6 });
    const regrouped = json<{ regrouped: { faces: number }; people: PersonView[] }>('people', '--regroup');
    expect(regrouped.regrouped.faces).toBe(6);
    expect(regrouped.people.map((p) => [p.name, p.faces])).toEqual([['Alice Smith', 6]]);
  });

  it('puts one face in a new person by name, and undoes that, then the merge', () => {
    const face = json<PhotoDetailView>('show', path.join(photos, second[0] as string)).faces[0];
    const placed = json<{ personName: string; assignedBy: string; personId: number }>('people', 'assign', String(face?.id), 'Bob');
    expect(placed).toMatchObject({ personName: 'Bob', assignedBy: 'user' });
    expect(json<SearchPageView>('search', 'person:bob').total).toBe(1);
    expect(json<{ people: PersonView[] }>('people').people.map((p) => [p.name, p.faces])).toEqual([['Alice Smith', 5], ['Bob', 1]]);
    expect(json<{ kind: string }>('people', 'undo')).toMatchObject({ kind: 'assignFace' });
    expect(json<{ kind: string }>('people', 'undo')).toMatchObject({ kind: 'merge' });
    expect(json<{ people: PersonView[] }>('people').people.map((p) => [p.name, p.faces])).toEqual([['Alice Smith', 3], [null, 3]]);
    expect(cli('people', 'undo').stdout).toMatch(/Undone: Named Alice Smith/);
    expect(cli('people', 'undo').stderr).toMatch(/nothing to undo/);
  });

  it('says what to do with a person that does not exist, or an id that is not one', () => {
    const missing = cli('people', 'name', '999', 'Bob');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/No person 999.*phototag people/);
    const bad = cli('people', 'merge', 'x', '1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/the id `phototag people` lists/);
  });
});
