import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { facetCounts } from '../../../db/search/facetCounts.js';
import { QueryError } from '../../../db/search/QueryError.js';
import { suggestTags } from '../../../db/search/suggestTags.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { buildHandLibrary } from './handLibrary.js';

describe('facet counts and tag suggestions on a real SQLite library', () => {
  const temp = makeTempDir('phototag-facets-');
  let library: LibraryDatabase;
  beforeAll(() => {
    library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    buildHandLibrary(library);
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  describe('facetCounts', () => {
    it('counts tags, years and cameras over the whole library for an empty query, missing and rejected left out', () => {
      const facets = facetCounts(library.db, '');
      expect(facets.approximate).toBe(false);
      expect(facets.tags.slice(0, 3)).toEqual([
        { name: 'person', count: 8 },
        { name: 'beach', count: 3 },
        { name: 'cat', count: 3 },
      ]);
      expect(facets.tags).toContainEqual({ name: 'dog', count: 2 });
      expect(facets.years).toEqual([
        { year: '2019', count: 4 },
        { year: '2020', count: 3 },
        { year: '2021', count: 3 },
        { year: '2016', count: 2 },
        { year: '2022', count: 2 },
        { year: '2017', count: 1 },
        { year: '2018', count: 1 },
      ]);
      expect(facets.cameras).toEqual([
        { camera: 'Apple iPhone 12', count: 5 },
        { camera: 'Nikon D750', count: 3 },
        { camera: 'Canon EOS 5D Mark III', count: 2 },
        { camera: 'Canon PowerShot S95', count: 2 },
        { camera: 'Sony ILCE-7M3', count: 1 },
      ]);
    });

    it('counts only the matching photos', () => {
      expect(facetCounts(library.db, 'tag:dog')).toEqual({
        tags: [
          { name: 'dog', count: 2 },
          { name: 'beach', count: 1 },
          { name: 'cat', count: 1 },
          { name: 'person', count: 1 },
        ],
        years: [
          { year: '2019', count: 1 },
          { year: '2020', count: 1 },
        ],
        undated: 0,
        cameras: [
          { camera: 'Canon EOS 5D Mark III', count: 1 },
          { camera: 'Nikon D750', count: 1 },
        ],
        places: [],
        estimatedPlaces: [],
        approximate: false,
      });
      expect(facetCounts(library.db, 'tag:unicorn')).toEqual({ tags: [], years: [], undated: 0, cameras: [], places: [], estimatedPlaces: [], approximate: false });
    });

    it('keeps the top entries of each', () => {
      const facets = facetCounts(library.db, '', { top: 2 });
      expect(facets.tags).toHaveLength(2);
      expect(facets.years).toHaveLength(2);
      expect(facets.cameras).toHaveLength(2);
    });

    it('rejects a malformed query like searchPhotos does', () => {
      expect(() => facetCounts(library.db, 'year:abc')).toThrow(QueryError);
    });
  });

  describe('suggestTags', () => {
    it('offers tags whose name, a word of it, or a synonym starts with the prefix, most used first', () => {
      expect(suggestTags(library.db, 'd')).toEqual([
        { name: 'dining table', count: 2 },
        { name: 'dog', count: 2 },
        { name: 'document', count: 1 },
      ]);
      // A tag found through a synonym says which one matched ("television — matches tv").
      expect(suggestTags(library.db, 'tv')).toEqual([{ name: 'television', count: 1, matches: 'tv' }]);
      expect(suggestTags(library.db, 'pup')).toEqual([{ name: 'dog', count: 2, matches: 'puppy' }]);
      expect(suggestTags(library.db, 'TAB')).toEqual([{ name: 'dining table', count: 2 }]);
      expect(suggestTags(library.db, 'glass')).toEqual([{ name: 'wine glass', count: 2 }]);
      expect(suggestTags(library.db, 'my f')).toEqual([{ name: 'my favourite', count: 1 }]);
    });

    it('limits the list, and treats LIKE wildcards as text', () => {
      expect(suggestTags(library.db, 'p', 1)).toEqual([{ name: 'person', count: 8 }]);
      expect(suggestTags(library.db, '%')).toEqual([]);
      expect(suggestTags(library.db, '_og')).toEqual([]);
    });
  });
});
