import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import type { ModelAnalyzer } from '../../../electron/core/models/ModelAnalyzer.js';
import { openModelAnalyzer } from '../../../electron/core/models/openModelAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { callError, callOk, waitUntilIndexed } from './hostHelpers.js';

// Faces `dev`: two people, three photos each.
const first = ['img1.jpg', 'img2.jpg', 'img4.jpg'];
const second = ['img29.jpg', 'img30.jpg', 'img31.jpg'];

/** The People screen's methods through the contract, over a library the shipped models indexed. */
describe('people through the API', () => {
  const temp = makeTempDir('phototag-api-');
  const photos = path.join(temp.dir, 'photos');
  let analyzer: ModelAnalyzer;
  let host: LibraryHost;
  const idOf = async (name: string) => (await callOk(host, 'photos.search', { query: `"${name.replace('.jpg', '')}"`, limit: 5 })).results[0]?.id as number;

  beforeAll(async () => {
    copyPhotos(sharedData('faces', 'images'), photos, [...first, ...second]);
    const opened = await openModelAnalyzer({ profile: 'fast', workers: 1, batchSize: 2 });
    if (!opened.analyzer) throw new Error(opened.problem ?? 'no models');
    analyzer = opened.analyzer;
    host = await LibraryHost.open({ dataDir: path.join(temp.dir, 'data'), analyzer });
    await callOk(host, 'folders.add', { path: photos });
    await waitUntilIndexed(host, 6);
  }, 300_000);
  afterAll(async () => {
    await host?.close();
    await analyzer?.close();
    temp.cleanup();
  });

  it('lists, names, merges and takes a face out, and photos.get shows the faces with their person', async () => {
    const regrouped = await callOk(host, 'people.regroup', {});
    expect(regrouped).toMatchObject({ faces: 6, people: 2, ungrouped: 0 });
    const people = await callOk(host, 'people.list', {});
    expect(people.map((p) => p.faces)).toEqual([3, 3]);

    const photo = await callOk(host, 'photos.get', { id: await idOf(first[0] as string) });
    const face = photo.faces[0];
    expect(face).toMatchObject({ personName: null, assignedBy: 'auto', skipped: null });
    const alice = await callOk(host, 'people.name', { id: face?.personId as number, name: '  Alice  ' });
    expect(alice).toMatchObject({ name: 'Alice', faces: 3 });
    expect((await callOk(host, 'photos.search', { query: 'person:alice' })).total).toBe(3);

    const other = people.find((p) => p.id !== alice.id)?.id as number;
    expect(await callOk(host, 'people.merge', { from: other, into: alice.id })).toMatchObject({ id: alice.id, faces: 6 });
    const moved = (await callOk(host, 'photos.get', { id: await idOf(second[0] as string) })).faces[0];
    const after = await callOk(host, 'people.removeFace', { faceId: moved?.id as number });
    expect(after.faces[0]).toMatchObject({ id: moved?.id, personId: null });
    expect((await callOk(host, 'photos.search', { query: 'person:alice' })).total).toBe(5);
  });

  it('moves single faces, asks "Is this Bob?" about a near face, hides, and undoes every decision newest first', async () => {
    const alice = (await callOk(host, 'people.list', {})).find((p) => p.name === 'Alice')?.id as number;
    const faceOf = async (name: string) => (await callOk(host, 'photos.get', { id: await idOf(name) })).faces[0] as { id: number; personId: number | null };
    // Undo takes back the take-out, then the merge.
    expect(await callOk(host, 'people.undo', {})).toMatchObject({ kind: 'removeFace' });
    expect((await faceOf(second[0] as string)).personId).toBe(alice);
    expect(await callOk(host, 'people.undo', {})).toMatchObject({ kind: 'merge' });
    expect((await callOk(host, 'photos.search', { query: 'person:alice' })).total).toBe(3);
    const people = await callOk(host, 'people.list', {});
    expect(people.map((p) => [p.name, p.faces])).toEqual([['Alice', 3], [null, 3]]);
    const other = people[1]?.id as number;

    // One face named on its own: a new person; the group it left keeps the others and never gets it back.
    const [b0, b1, b2] = await Promise.all(second.map((n) => faceOf(n)));
    const named = await callOk(host, 'people.assignFace', { faceId: b0?.id as number, name: 'Bob' });
    expect(named.faces[0]).toMatchObject({ personName: 'Bob', assignedBy: 'user' });
    const bob = named.faces[0]?.personId as number;
    await callOk(host, 'people.assignFace', { faceId: b1?.id as number, personId: bob });
    expect((await callOk(host, 'people.list', {})).map((p) => [p.name, p.faces])).toEqual([['Alice', 3], ['Bob', 2], [null, 1]]);
    expect((await callOk(host, 'photos.search', { query: 'person:bob' })).total).toBe(2);

    // The third face, unnamed, is near Bob: asked about; a No keeps it from being asked again (and can be undone).
    const asked = await callOk(host, 'people.suggestions', {});
    expect(asked[0]).toMatchObject({ faceId: b2?.id, personId: bob, personName: 'Bob' });
    expect(asked.some((s) => s.personId === alice)).toBe(false);
    await callOk(host, 'people.rejectFace', { faceId: b2?.id as number, personId: bob });
    expect((await callOk(host, 'people.suggestions', {})).some((s) => s.faceId === b2?.id)).toBe(false);
    // A regrouping keeps both moves, and the No.
    await callOk(host, 'people.regroup', {});
    expect((await faceOf(second[0] as string)).personId).toBe(bob);
    expect((await faceOf(second[1] as string)).personId).toBe(bob);
    expect((await faceOf(second[2] as string)).personId).not.toBe(bob);
    expect(await callOk(host, 'people.undo', {})).toMatchObject({ kind: 'rejectFace', label: 'Not Bob' });
    expect((await callOk(host, 'people.suggestions', {})).map((s) => [s.faceId, s.personId])).toContainEqual([b2?.id, bob]);

    // Hiding a group marks it; undo shows it again.
    expect(await callOk(host, 'people.hide', { id: bob })).toMatchObject({ id: bob, hidden: true });
    await callOk(host, 'people.undo', {});
    expect((await callOk(host, 'people.list', {})).find((p) => p.id === bob)?.hidden).toBe(false);

    // Undoing the two moves puts both faces back in their group, and Bob is gone.
    expect(await callOk(host, 'people.undo', {})).toMatchObject({ kind: 'assignFace' });
    expect(await callOk(host, 'people.undo', {})).toMatchObject({ kind: 'assignFace', label: 'Named a face Bob' });
    expect((await callOk(host, 'people.list', {})).map((p) => [p.id, p.name, p.faces])).toEqual([[alice, 'Alice', 3], [other, null, 3]]);
    expect((await callOk(host, 'photos.search', { query: 'person:bob' })).total).toBe(0);
    // The person the move created is gone, not left empty.
    expect(await callError(host, 'people.assignFace', { faceId: b0?.id as number, personId: bob })).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/No person/) });
    // Back to the first naming, then nothing left.
    expect(await callOk(host, 'people.undo', {})).toMatchObject({ kind: 'name' });
    expect((await callOk(host, 'people.list', {})).every((p) => p.name === null)).toBe(true);
    expect((await callError(host, 'people.undo', {})).kind).toBe('nothing-to-undo');
  });

  it('has one undo for the user: corrections.undo takes back the newest decision, a person or a tag', async () => {
    const id = await idOf(first[0] as string);
    await callOk(host, 'tags.add', { photoIds: [id], tag: 'holiday' });
    const person = (await callOk(host, 'people.list', {}))[0]?.id as number;
    await callOk(host, 'people.name', { id: person, name: 'Carol' });
    expect(await callOk(host, 'corrections.undo', {})).toMatchObject({ undone: 1, label: 'Named Carol' });
    expect((await callOk(host, 'people.list', {})).every((p) => p.name === null)).toBe(true);
    const tag = await callOk(host, 'corrections.undo', {});
    expect(tag.label).toBeUndefined();
    expect(tag.photos.map((p) => p.id)).toEqual([id]);
    expect((await callOk(host, 'photos.get', { id })).tags.some((t) => t.name === 'holiday')).toBe(false);
    expect((await callError(host, 'corrections.undo', {})).kind).toBe('nothing-to-undo');
  });

  it('refuses an empty name and an unknown person with what to do', async () => {
    expect((await callError(host, 'people.name', { id: 1, name: '   ' })).kind).toBe('bad-request');
    expect(await callError(host, 'people.merge', { from: 998, into: 999 })).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/phototag people/) });
  });
});
