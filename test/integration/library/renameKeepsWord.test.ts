import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { searchPhotos } from '../../../db/search/searchPhotos.js';
import { CorrectionService } from '../../../electron/core/library/CorrectionService.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { buildHandLibrary } from '../search/handLibrary.js';

describe('the user\'s word wins over a synonym (real SQLite library)', () => {
  const temp = makeTempDir('phototag-rename-');
  let library: LibraryDatabase;
  let ids: Map<string, number>;
  let corrections: CorrectionService;
  beforeAll(() => {
    library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    ids = buildHandLibrary(library);
    corrections = new CorrectionService(library);
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });
  const idOf = (file: string) => [...ids].find(([f]) => path.posix.basename(f) === file)?.[1] as number;
  const names = (file: string) => library.tags.forPhoto(idOf(file)).filter((t) => t.state !== 'rejected').map((t) => t.name);
  const found = (q: string) => searchPhotos(library.db, q, { limit: 100, prefixLastWord: false }).results.map((r) => path.basename(r.path)).sort();

  it('renaming "golden retriever" to "puppy" (a synonym of dog) keeps "puppy", and does not confirm "dog"', () => {
    const id = idOf('IMG_0002.heic');
    corrections.correctTags('add', [id], 'golden retriever');
    expect(names('IMG_0002.heic')).toContain('golden retriever');
    const [photo] = corrections.renameTag([id], 'golden retriever', 'puppy');
    expect(photo?.tags.map((t) => t.name)).toContain('puppy');
    expect(names('IMG_0002.heic')).toContain('puppy');
    expect(names('IMG_0002.heic')).not.toContain('golden retriever');
    expect(names('IMG_0002.heic')).not.toContain('dog');
    // The synonym still widens search: tag:puppy finds the user's puppy and the model's dogs.
    expect(found('tag:puppy')).toEqual(['IMG_0002.heic', 'beach_dog.jpg', 'cat_dog.jpg']);
    expect(found('tag:dog')).toEqual(['beach_dog.jpg', 'cat_dog.jpg']);
  });

  it('a tag added under a synonym keeps the word the user typed', () => {
    const id = idOf('cat.jpg');
    corrections.correctTags('add', [id], 'telly');
    expect(names('cat.jpg')).toContain('telly');
    expect(names('cat.jpg')).not.toContain('television');
  });

  it('accepting or rejecting through a synonym still reaches the tag it stands for', () => {
    const id = idOf('tv.png');
    corrections.correctTags('reject', [id], 'tv');
    expect(library.tags.forPhoto(id).find((t) => t.name === 'television')?.state).toBe('rejected');
  });
});
