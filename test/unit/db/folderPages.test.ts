import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

describe('PhotoRepository.pathsInFolderPage', () => {
  const temp = makeTempDir();
  const library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it("walks one folder's present photos in id order, page by page, leaving out tombstones and other folders", () => {
    const mine = library.folders.add('/p', 1);
    const other = library.folders.add('/q', 1);
    const add = (folderId: number, name: string) => library.photos.insert({ path: `/${folderId === mine.id ? 'p' : 'q'}/${name}`, fileName: name, folderId, size: 1, mtimeMs: 1, contentHash: name }, 1);
    const ids = ['a', 'b', 'c', 'd', 'e'].map((n) => add(mine.id, `${n}.jpg`));
    add(other.id, 'x.jpg');
    library.photos.markMissing(ids[2] as number, 2);
    const walked: number[] = [];
    let after = 0;
    for (;;) {
      const page = library.photos.pathsInFolderPage(mine.id, after, 2);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      walked.push(...page.map((p) => p.id));
      after = page[page.length - 1]?.id as number;
    }
    expect(walked).toEqual(ids.filter((_, k) => k !== 2));
    expect(library.photos.pathsInFolderPage(mine.id, 0, 10).map((p) => p.path)).toEqual(['/p/a.jpg', '/p/b.jpg', '/p/d.jpg', '/p/e.jpg']);
  });
});
