import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facetCounts } from '../../../db/search/facetCounts.js';
import { QueryError } from '../../../db/search/QueryError.js';
import { searchPhotos } from '../../../db/search/searchPhotos.js';
import { LibraryError } from '../../../electron/core/library/errors.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { runCli } from '../../helpers/cli.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { buildHandLibrary } from './handLibrary.js';

/** What the search box may receive that holds nothing to search for, or nests without end. */
const nothingToSearch = ['🐶', '%', '*', '\\', '\u200b', '"🐶"', '""', '🐶 \u200b %'];
const tooDeep: [string, string][] = [
  ['2,000 nested parentheses', `${'('.repeat(2000)}dog${')'.repeat(2000)}`],
  ['2,000 nested negations', `${'-'.repeat(2000)}dog`],
  ['2,000 unclosed parentheses', '('.repeat(2000)],
];

describe('search input that cannot match, or nests too deep, on a real library of twenty photos', () => {
  const temp = makeTempDir('phototag-search-input-');
  let library: LibraryService;
  beforeAll(() => {
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), logger: createLogger(null) });
    buildHandLibrary(library.db);
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  const syntaxError = (query: string): LibraryError => {
    try {
      library.search(query, { limit: 50, offset: 0 });
    } catch (error) {
      if (error instanceof LibraryError) return error;
      throw error;
    }
    throw new Error(`expected ${JSON.stringify(query)} to be refused`);
  };

  it.each(nothingToSearch)('refuses %j with a query-syntax error that says why, rather than listing every photo', (query) => {
    expect(() => searchPhotos(library.db.db, query)).toThrow(QueryError);
    expect(() => facetCounts(library.db.db, query)).toThrow(QueryError);
    const error = syntaxError(query);
    expect(error.kind).toBe('query-syntax');
    expect(error.message).toMatch(/^Nothing to search for at column \d+: .* has no letters or digits/);
    expect(error.details).toMatchObject({ position: 0, length: query.length });
  });

  it('still searches the words beside an emoji or punctuation, and lists every photo for a blank box', () => {
    const dogs = library.search('tag:dog', { limit: 50, offset: 0 });
    expect(dogs.total).toBe(2);
    expect(library.search('tag:dog 🐶 %', { limit: 50, offset: 0 }).results.map((r) => r.id)).toEqual(dogs.results.map((r) => r.id));
    expect(library.search('   ', { limit: 50, offset: 0 }).total).toBe(19);
  });

  it.each(tooDeep)('refuses %s with an error at the first level too deep, not a stack overflow', (_, query) => {
    expect(() => searchPhotos(library.db.db, query)).toThrow(QueryError);
    const error = syntaxError(query);
    expect(error.kind).toBe('query-syntax');
    expect(error.message).toMatch(/^Nested too deeply at column 33: .*at most 32 deep/);
    expect(error.details).toMatchObject({ position: 32, length: 1 });
  });

  it('answers a query nested as deep as allowed', () => {
    const found = library.search(`${'('.repeat(32)}tag:dog${')'.repeat(32)}`, { limit: 50, offset: 0 });
    expect(found.total).toBe(2);
  });
});

describe('the CLI with a query that has nothing to search for, or nests too deep', () => {
  it('exits 2 (bad query) and says why, instead of listing the library', () => {
    const temp = makeTempDir('phototag-search-input-cli-');
    try {
      const emoji = runCli(['--data-dir', temp.dir, 'search', '🐶']);
      expect(emoji.status).toBe(2);
      expect(emoji.stderr).toMatch(/Nothing to search for at column 1: 🐶 has no letters or digits/);
      const deep = runCli(['--data-dir', temp.dir, 'search', `${'('.repeat(2000)}dog${')'.repeat(2000)}`]);
      expect(deep.status).toBe(2);
      expect(deep.stderr).toMatch(/Nested too deeply at column 33/);
    } finally {
      temp.cleanup();
    }
  });
});
