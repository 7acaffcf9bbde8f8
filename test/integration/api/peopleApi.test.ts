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

  it('refuses an empty name and an unknown person with what to do', async () => {
    expect((await callError(host, 'people.name', { id: 1, name: '   ' })).kind).toBe('bad-request');
    expect(await callError(host, 'people.merge', { from: 998, into: 999 })).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/phototag people/) });
  });
});
