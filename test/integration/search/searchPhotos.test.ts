import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { QueryError } from '../../../db/search/QueryError.js';
import { searchPhotos, type SearchOptions } from '../../../db/search/searchPhotos.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { buildHandLibrary } from './handLibrary.js';

describe('searchPhotos on a real SQLite library of twenty photos', () => {
  const temp = makeTempDir('phototag-search-');
  let library: LibraryDatabase;
  beforeAll(() => {
    library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    buildHandLibrary(library);
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  const search = (q: string, options: SearchOptions = {}) => searchPhotos(library.db, q, { limit: 100, prefixLastWord: false, ...options });
  /** File names of the results, in result order. */
  const inOrder = (q: string, options: SearchOptions = {}) => search(q, options).results.map((r) => path.basename(r.path));
  /** File names of the results, sorted, for queries whose order is not the point. */
  const found = (q: string, options: SearchOptions = {}) => inOrder(q, options).sort();
  const sorted = (...names: string[]) => [...names].sort();

  const everyPhotoNewestFirst = [
    'dinner.jpg', 'eiffel.jpg', 'IMG_0004.gif', 'IMG_0002.heic', 'IMG_0001.heic', 'sunset_bench.jpg', 'cat_dog.jpg', 'cat.jpg',
    'boat.webp', 'sunset.jpg', 'beach_dog.jpg', 'cake.heic', 'tv.png', 'ski.tif', 'dance.avif', 'toast.jpg',
    // Undated photos last, newest added first.
    'receipt.png', 'screen.png', 'broken.jpg',
  ];

  describe('an empty query', () => {
    it('lists every photo but the missing one, newest first, undated last', () => {
      const page = search('');
      expect(page.total).toBe(19);
      expect(page.results.map((r) => path.basename(r.path))).toEqual(everyPhotoNewestFirst);
      expect(page.results.every((r) => r.rank === 0)).toBe(true);
    });

    it('pages through the same order', () => {
      const pages = [0, 5, 10, 15].map((offset) => search('', { limit: 5, offset }));
      expect(pages.map((p) => p.total)).toEqual([19, 19, 19, 19]);
      expect(pages.flatMap((p) => p.results.map((r) => path.basename(r.path)))).toEqual(everyPhotoNewestFirst);
      expect(search('', { offset: 19 })).toEqual({ total: 19, results: [] });
    });
  });

  describe('tag:', () => {
    it('finds photos carrying the tag, not where the user rejected it, never a missing photo', () => {
      expect(found('tag:dog')).toEqual(sorted('beach_dog.jpg', 'cat_dog.jpg'));
    });

    it('resolves synonyms and ignores case', () => {
      for (const q of ['tag:tv', 'tag:telly', 'tag:TV', 'tag:television']) expect(found(q)).toEqual(['tv.png']);
      expect(found('tag:puppy')).toEqual(sorted('beach_dog.jpg', 'cat_dog.jpg'));
    });

    it('takes multi-word names in quotes, and their synonyms', () => {
      const tables = sorted('cake.heic', 'dinner.jpg');
      expect(found('tag:"dining table"')).toEqual(tables);
      expect(found('tag:table')).toEqual(tables);
      expect(found('tag:desk')).toEqual(tables);
    });

    it('finds tags the user added', () => {
      expect(found('tag:"my favourite"')).toEqual(['IMG_0002.heic']);
    });

    it('finds nothing for a tag that does not exist', () => {
      expect(search('tag:unicorn')).toEqual({ total: 0, results: [] });
    });

    it('orders by date, newest first', () => {
      expect(inOrder('tag:person')).toEqual(['dinner.jpg', 'eiffel.jpg', 'IMG_0001.heic', 'beach_dog.jpg', 'cake.heic', 'ski.tif', 'dance.avif', 'toast.jpg']);
    });
  });

  describe('words and phrases', () => {
    it('match tags (with synonyms), captions, file names and folders', () => {
      expect(found('dog')).toEqual(sorted('beach_dog.jpg', 'cat_dog.jpg'));
      expect(found('puppy')).toEqual(sorted('beach_dog.jpg', 'cat_dog.jpg'));
      expect(found('people')).toEqual(sorted('beach_dog.jpg', 'cake.heic', 'ski.tif', 'toast.jpg', 'dance.avif', 'IMG_0001.heic', 'eiffel.jpg', 'dinner.jpg'));
      expect(found('windowsill')).toEqual(['IMG_0002.heic']);
      expect(found('IMG_0002')).toEqual(['IMG_0002.heic']);
      expect(found('spain')).toEqual(sorted('beach_dog.jpg', 'sunset.jpg', 'boat.webp'));
      expect(found('garden')).toEqual(sorted('cat.jpg', 'cat_dog.jpg', 'sunset_bench.jpg'));
    });

    it('match the camera and lens text too', () => {
      expect(found('nikon')).toEqual(sorted('cat.jpg', 'cat_dog.jpg', 'sunset_bench.jpg'));
    });

    it('match phrases only with their words in order', () => {
      expect(found('"dining table"')).toEqual(sorted('cake.heic', 'dinner.jpg'));
      expect(found('"dog on the beach"')).toEqual(['beach_dog.jpg']);
      expect(found('"beach on the dog"')).toEqual([]);
    });

    it('let the last word match as a prefix while typing, unless asked not to', () => {
      const beach = sorted('beach_dog.jpg', 'sunset.jpg', 'boat.webp');
      expect(found('beac', { prefixLastWord: true })).toEqual(beach);
      expect(found('beac')).toEqual([]);
      expect(found('beac*')).toEqual(beach);
      expect(found('beac ', { prefixLastWord: true })).toEqual([]);
    });

    it('rank photos showing the word above those merely named after it', () => {
      const page = search('sunset');
      expect(page.results.map((r) => path.basename(r.path))).toEqual(['sunset.jpg', 'sunset_bench.jpg']);
      expect(page.results[0]?.rank).toBeGreaterThan(page.results[1]?.rank ?? Infinity);
      expect(page.results.every((r) => r.rank > 0)).toBe(true);
    });

    it('rank a photo whose tags and caption both say it above one whose tags alone do', () => {
      const order = inOrder('dining');
      expect(order).toEqual(['cake.heic', 'dinner.jpg']);
    });
  });

  describe('NOT, OR and parentheses', () => {
    it('subtract negated terms', () => {
      expect(found('tag:cat -tag:dog')).toEqual(sorted('cat.jpg', 'IMG_0002.heic'));
      expect(found('tag:cat NOT tag:dog')).toEqual(sorted('cat.jpg', 'IMG_0002.heic'));
      expect(found('beach -dog')).toEqual(sorted('sunset.jpg', 'boat.webp'));
    });

    it('subtract from every photo when nothing is positive, undated ones included', () => {
      const noPerson = sorted('sunset.jpg', 'boat.webp', 'cat.jpg', 'cat_dog.jpg', 'sunset_bench.jpg', 'tv.png', 'broken.jpg', 'IMG_0002.heic', 'IMG_0004.gif', 'screen.png', 'receipt.png');
      expect(found('-tag:person')).toEqual(noPerson);
      expect(search('-tag:person').total).toBe(11);
      expect(search('-beach').total).toBe(16);
      expect(found('-year:2019')).toHaveLength(15);
    });

    it('unite with OR', () => {
      expect(found('tag:cake OR tag:ski')).toEqual(sorted('cake.heic', 'ski.tif'));
      expect(found('beach OR -tag:person')).toHaveLength(12);
    });

    it('bind AND tighter than OR, and group with parentheses', () => {
      expect(found('tag:cat tag:dog OR tag:ski')).toEqual(sorted('cat_dog.jpg', 'ski.tif'));
      expect(found('tag:cat (tag:dog OR tag:houseplant)')).toEqual(sorted('cat.jpg', 'cat_dog.jpg'));
      expect(found('NOT (tag:cat OR tag:dog) has:gps')).toEqual(sorted('cake.heic', 'IMG_0001.heic', 'eiffel.jpg'));
      expect(found('(beach OR sea) -tag:dog year:2019')).toEqual(sorted('sunset.jpg', 'boat.webp'));
    });
  });

  describe('dates', () => {
    it('year: is the calendar year', () => {
      expect(found('year:2019')).toEqual(sorted('beach_dog.jpg', 'sunset.jpg', 'boat.webp', 'cake.heic'));
      expect(found('year:2018')).toEqual(['tv.png']);
      expect(search('year:2030').total).toBe(0);
    });

    it('after: includes the period it names', () => {
      expect(found('after:2019-07-15')).toEqual(
        sorted('sunset.jpg', 'boat.webp', 'cat.jpg', 'cat_dog.jpg', 'sunset_bench.jpg', 'IMG_0001.heic', 'IMG_0002.heic', 'IMG_0004.gif', 'eiffel.jpg', 'dinner.jpg'),
      );
      expect(found('after:2021')).toEqual(sorted('IMG_0001.heic', 'IMG_0002.heic', 'IMG_0004.gif', 'eiffel.jpg', 'dinner.jpg'));
    });

    it('before: excludes the period it names', () => {
      expect(found('before:2019')).toEqual(sorted('tv.png', 'ski.tif', 'toast.jpg', 'dance.avif'));
      expect(found('before:2021-01-01')).not.toContain('IMG_0001.heic');
      expect(found('before:2021-01-02')).toContain('IMG_0001.heic');
    });

    it('combine into ranges', () => {
      expect(found('after:2019-07 before:2019-08')).toEqual(sorted('beach_dog.jpg', 'sunset.jpg', 'boat.webp'));
      expect(inOrder('after:2022-04-01 before:2022-04-02')).toEqual(['dinner.jpg', 'eiffel.jpg']);
      expect(search('after:2020 before:2019').total).toBe(0);
    });
  });

  describe('facts: has:, is:, format:, folder:, camera:, lens:', () => {
    it('has:', () => {
      expect(found('has:gps')).toEqual(sorted('beach_dog.jpg', 'cake.heic', 'IMG_0001.heic', 'IMG_0002.heic', 'eiffel.jpg'));
      expect(search('has:caption').total).toBe(16);
      expect(found('-has:caption')).toEqual(sorted('broken.jpg', 'screen.png', 'receipt.png'));
      expect(found('-has:tags')).toEqual(sorted('broken.jpg', 'receipt.png'));
      expect(found('-has:date')).toEqual(sorted('broken.jpg', 'screen.png', 'receipt.png'));
      expect(search('has:camera').total).toBe(13);
    });

    it('is:', () => {
      expect(found('is:failed')).toEqual(['broken.jpg']);
      expect(search('is:indexed').total).toBe(18);
    });

    it('format:, with aliases', () => {
      expect(found('format:jpg')).toEqual(sorted('beach_dog.jpg', 'sunset.jpg', 'cat.jpg', 'cat_dog.jpg', 'sunset_bench.jpg', 'toast.jpg', 'eiffel.jpg', 'dinner.jpg'));
      expect(found('format:heif')).toEqual(sorted('cake.heic', 'IMG_0001.heic', 'IMG_0002.heic'));
      expect(found('format:tif')).toEqual(['ski.tif']);
      expect(found('format:png')).toEqual(sorted('tv.png', 'screen.png', 'receipt.png'));
    });

    it('folder: by the words of folder names, the last as a prefix', () => {
      const spain = sorted('beach_dog.jpg', 'sunset.jpg', 'boat.webp');
      expect(found('folder:holidays')).toEqual(spain);
      expect(found('folder:"holidays spa"')).toEqual(spain);
      expect(found('folder:phone')).toEqual(sorted('IMG_0001.heic', 'IMG_0002.heic', 'IMG_0004.gif', 'screen.png', 'receipt.png'));
      expect(found('folder:screen')).toEqual(sorted('screen.png', 'receipt.png'));
      expect(found('folder:2019')).toEqual(sorted('beach_dog.jpg', 'sunset.jpg', 'boat.webp', 'cake.heic'));
      expect(search('folder:pictures').total).toBe(14);
    });

    it('camera: matches the camera, make or model; lens: the lens', () => {
      expect(found('camera:canon')).toEqual(sorted('beach_dog.jpg', 'sunset.jpg', 'toast.jpg', 'dance.avif'));
      expect(found('camera:"eos 5d"')).toEqual(sorted('beach_dog.jpg', 'sunset.jpg'));
      expect(found('camera:NIKON')).toEqual(sorted('cat.jpg', 'cat_dog.jpg', 'sunset_bench.jpg'));
      expect(found('camera:corporation')).toEqual(sorted('cat.jpg', 'cat_dog.jpg', 'sunset_bench.jpg'));
      expect(found('camera:iphone')).toEqual(sorted('cake.heic', 'IMG_0001.heic', 'IMG_0002.heic', 'eiffel.jpg', 'dinner.jpg'));
      expect(found('lens:50mm')).toEqual(sorted('beach_dog.jpg', 'sunset.jpg'));
      expect(found('lens:"28-70"')).toEqual(['ski.tif']);
      expect(search('camera:leica').total).toBe(0);
    });

    it('everything at once', () => {
      expect(found('tag:person has:gps -tag:cake after:2020')).toEqual(sorted('IMG_0001.heic', 'eiffel.jpg'));
      expect(found('camera:iphone format:heic -tag:cat')).toEqual(sorted('cake.heic', 'IMG_0001.heic'));
    });
  });

  describe('paging', () => {
    it('splits any query into pages that join back into the whole', () => {
      for (const q of ['tag:person', '-tag:person', 'beach OR cat', 'people']) {
        const whole = search(q);
        const pages = [0, 3, 6, 9, 12].map((offset) => search(q, { limit: 3, offset }));
        expect(pages.every((p) => p.total === whole.total)).toBe(true);
        expect(pages.flatMap((p) => p.results)).toEqual(whole.results);
      }
    });

    it('rejects a limit or offset that is not a sensible whole number', () => {
      expect(() => search('', { limit: 0 })).toThrow(RangeError);
      expect(() => search('', { limit: 1.5 })).toThrow(RangeError);
      expect(() => search('', { offset: -1 })).toThrow(RangeError);
    });
  });

  describe('malformed queries', () => {
    const error = (q: string): QueryError => {
      try {
        search(q);
      } catch (e) {
        if (e instanceof QueryError) return e;
        throw e;
      }
      throw new Error(`${q} was accepted`);
    };

    it('throw a QueryError that points at the spot', () => {
      expect(error('tag:"dining table')).toMatchObject({ kind: 'query-syntax', position: 4, length: 13, message: 'Unclosed quote at column 5: tag:"dining table (add the closing ")' });
      expect(error('dog year:abc')).toMatchObject({ position: 9, length: 3 });
      expect(error('foo:bar')).toMatchObject({ position: 0, length: 4 });
      expect(error('beach OR')).toMatchObject({ position: 6, length: 2 });
      expect(error('(beach OR sea')).toMatchObject({ position: 0, length: 1 });
      expect(error('tag:')).toMatchObject({ position: 0, length: 4 });
    });

    it('never leak an SQLite error, whatever is typed', () => {
      const pieces = ['"', '(', ')', '-', '*', ':', '^', '+', 'OR', 'AND', 'NOT', 'NEAR', 'tag:', 'year:', 'folder:', 'camera:', '{', '}', "'", ';', '\\', 'é', '😀', 'dog', 'x', ' ', ' ', '2019'];
      let seed = 1;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let i = 0; i < 500; i++) {
        const q = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
        try {
          search(q, { prefixLastWord: true });
        } catch (e) {
          if (!(e instanceof QueryError)) throw new Error(`${JSON.stringify(q)} threw ${(e as Error).message}`);
        }
      }
    });
  });
});
