import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { searchPhotos } from '../../../db/search/searchPhotos.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { buildHandLibrary } from '../search/handLibrary.js';

/** Words stored for a photo as the text pass stores them (one row per photo and content hash), in a real SQLite file. */
describe('search over text read in photos', () => {
  let library: LibraryDatabase;
  const temp = makeTempDir('phototag-text-');
  let ids: Map<string, number>;
  beforeAll(() => {
    library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    ids = buildHandLibrary(library);
    const store = (file: string, fullText: string, hash?: string) => {
      const id = ids.get(file) as number;
      const contentHash = hash ?? (library.db.prepare('SELECT content_hash FROM photos WHERE id = ?').pluck().get(id) as string);
      const words = fullText.split(' ').map((text) => ({ text, confidence: 90, box: { x: 0.1, y: 0.1, width: 0.1, height: 0.05 } }));
      library.transaction(() => {
        library.db
          .prepare('INSERT INTO photo_text (photo_id, content_hash, reader_version, languages, words, full_text, read_at) VALUES (?, ?, 1, ?, ?, ?, 0)')
          .run(id, contentHash, 'eng', JSON.stringify(words), fullText);
        library.searchIndex.refresh(id);
      });
    };
    store('Pictures/2019/Holidays Spain/sunset.jpg', 'Hotel California wifi password');
    // Read from content the photo no longer has: not what the photo says now.
    store('Pictures/2020/Garden/cat.jpg', 'Hotel receipt', 'hash:older content');
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  const found = (query: string) => searchPhotos(library.db, query).results.map((r) => path.basename(r.path));

  it('finds a photo by a word read in it, by a phrase, and by has:text', () => {
    expect(found('text:password')).toEqual(['sunset.jpg']);
    expect(found('text:"hotel california"')).toEqual(['sunset.jpg']);
    expect(found('text:"california hotel"')).toEqual([]);
    expect(found('has:text')).toEqual(['sunset.jpg']);
  });
});
