import { describe, expect, it } from 'vitest';
import { compileQuery, type SearchLookups } from '../../../db/search/compileQuery.js';
import { countryToken, dateTokens, estimatedCountryToken, estimatedPlaceToken, formatToken, PLACE_ESTIMATE_TOKEN, placeToken } from '../../../db/search/facetTokens.js';
import { parseQuery } from '../../../db/search/parseQuery.js';

const albums = [
  { id: 1, name: 'Trip', query: null },
  { id: 2, name: 'Best dogs', query: 'tag:dog rating:4+' },
  { id: 3, name: 'Loop A', query: 'album:"Loop B"' },
  { id: 4, name: 'Loop B', query: 'album:"Loop A" OR is:favorite' },
  { id: 5, name: 'Self', query: 'tag:cat OR album:self' },
];

const lookups: SearchLookups = {
  tagIds: (name) => ({ dog: [5], puppy: [5], cat: [7], tv: [9], television: [9] })[name.toLowerCase()] ?? [],
  personIds: (name) => ({ alice: [3], 'alice smith': [4], bob: [8] })[name.toLowerCase()] ?? [],
  values: (kind) =>
    kind === 'camera'
      ? [
          { id: 1, value: 'Canon' },
          { id: 2, value: 'Canon EOS 5D Mark III' },
          { id: 3, value: 'NIKON CORPORATION' },
          { id: 4, value: 'Nikon D750' },
        ]
      : [
          { id: 10, value: 'EF50mm f/1.8 II' },
          { id: 11, value: 'FE 85mm F1.8' },
        ],
  placeNames: () => ['Arezzo', 'Florence', 'San Marino', 'Santa Cruz', 'Jerome', 'Köln', 'Missouri'],
  countries: () => [
    { code: 'IT', name: 'Italy' },
    { code: 'FI', name: 'Finland' },
    { code: 'GB', name: 'United Kingdom' },
  ],
  estimatedPlaceNames: () => ['Florence', 'Siena'],
  estimatedCountries: () => [{ code: 'IT', name: 'Italy' }],
  yearRange: () => ({ first: 2010, last: 2024 }),
  album: (name) => albums.find((a) => a.name.toLowerCase() === name.toLowerCase()),
};

const compile = (text: string) => {
  const root = parseQuery(text, { prefixLastWord: false }).root;
  if (!root) throw new Error('empty query');
  return compileQuery(root, lookups);
};
const match = (text: string) => compile(text).match;

describe('compileQuery', () => {
  it('compiles person: to the tokens of every person of that name and faces: to exact or at-least counts', () => {
    expect(match('person:Alice')).toBe('facets : "xp3"');
    expect(match('person:"Alice Smith"')).toBe('facets : "xp4"');
    expect(match('person:nobody')).toBe('facets : "xnone"');
    expect(match('beach -person:bob')).toBe('("beach") NOT (facets : "xp8")');
    expect(match('faces:2')).toBe('facets : "xfeq2"');
    expect(match('faces:3+')).toBe('facets : "xfge3"');
    expect(match('faces:0+')).toBe('facets : "xall"');
    expect(match('faces:0')).toBe('(facets : "xall") NOT (facets : "xfge1")');
    expect(match('beach faces:0')).toBe('("beach") NOT (facets : "xfge1")');
    expect(match('faces:40+')).toBe('facets : "xfge20"');
    // A typed word that looks like a face token stays out of the facets column.
    expect(match('xp3')).toBe('{tags caption file_name folder camera place text} : "xp3"');
  });

  it('quotes every word, so nothing typed can change the FTS expression', () => {
    expect(match('beach')).toBe('"beach"');
    expect(match('"dining table"')).toBe('"dining table"');
    expect(match('sun*')).toBe('"sun"*');
    expect(match('^beach')).toBe('"^beach"');
    expect(match('{tags}:sea')).toBe('"{tags}:sea"');
    // A quote closes the value; what follows is a phrase in its own quotes, where OR is just a word.
    expect(match('tag:"a"" OR ""b"')).toBe('(facets : "xnone") AND (" OR ") AND ("b")');
    expect(match('NEAR')).toBe('"NEAR"');
    expect(match('o\'brien')).toBe('"o\'brien"');
  });

  it('keeps words out of the facets column only where a facet token could match them', () => {
    expect(match('t5')).toBe('{tags caption file_name folder camera place text} : "t5"');
    expect(match('y2019')).toBe('{tags caption file_name folder camera place text} : "y2019"');
    expect(match('xray')).toBe('{tags caption file_name folder camera place text} : "xray"');
    expect(match('cafe')).toBe('"cafe"');
  });

  it('resolves tags and synonyms to tag tokens, and an unknown tag to a token nothing has', () => {
    expect(match('tag:dog')).toBe('facets : "t5"');
    expect(match('tag:Puppy')).toBe('facets : "t5"');
    expect(match('tag:tv')).toBe('facets : "t9"');
    expect(match('tag:unicorn')).toBe('facets : "xnone"');
  });

  it('matches cameras, makes, models and lenses by case-insensitive substring', () => {
    expect(match('camera:canon')).toBe('facets : ("c1" OR "c2")');
    expect(match('camera:nikon')).toBe('facets : ("c3" OR "c4")');
    expect(match('camera:"eos 5d"')).toBe('facets : "c2"');
    expect(match('lens:50mm')).toBe('facets : "l10"');
    expect(match('camera:leica')).toBe('facets : "xnone"');
  });

  it('matches folders by the words of their names, the last one as a prefix', () => {
    expect(match('folder:holidays')).toBe('folder : "holidays"*');
    expect(match('folder:"holidays spa"')).toBe('folder : "holidays spa"*');
  });

  it('turns formats, has: and is: into flag tokens', () => {
    expect(match('format:jpg')).toBe(`facets : "${formatToken('jpeg')}"`);
    expect(formatToken('jpeg')).toBe('f6a706567');
    expect(match('has:gps')).toBe('facets : "xgps"');
    expect(match('has:tags')).toBe('facets : "xtagged"');
    expect(match('is:failed')).toBe('facets : "xsfailed"');
  });

  it('subtracts negated terms at the nearest AND', () => {
    expect(match('tag:dog -tag:cat')).toBe('(facets : "t5") NOT (facets : "t7")');
    expect(match('beach -tag:cat -sand')).toBe('("beach") NOT ((facets : "t7") OR ("sand"))');
  });

  it('subtracts a query that is only negative from every indexed photo', () => {
    expect(match('-tag:cat')).toBe('(facets : "xall") NOT (facets : "t7")');
    expect(match('-tag:cat -tag:dog')).toBe('(facets : "xall") NOT ((facets : "t7") OR (facets : "t5"))');
    expect(match('NOT (beach OR sea)')).toBe('(facets : "xall") NOT (("beach") OR ("sea"))');
  });

  it('rewrites a union with a complement as a complement', () => {
    // beach OR NOT cat = everything except (cat and not beach)
    expect(match('beach OR -tag:cat')).toBe('(facets : "xall") NOT ((facets : "t7") NOT ("beach"))');
    expect(match('-beach OR -sea')).toBe('(facets : "xall") NOT (("beach") AND ("sea"))');
  });

  it('cancels double negation', () => {
    expect(match('NOT NOT beach')).toBe('"beach"');
    expect(match('-(-tag:dog)')).toBe('facets : "t5"');
  });

  it('asks for relevance ranking only when a word must be present', () => {
    expect(compile('beach tag:dog').ranked).toBe(true);
    expect(compile('tag:dog OR beach').ranked).toBe(true);
    expect(compile('tag:dog -beach').ranked).toBe(false);
    expect(compile('tag:dog year:2019').ranked).toBe(false);
    expect(compile('NOT (NOT beach)').ranked).toBe(true);
  });

  it('merges date terms under one AND into one range, and reports it for paging', () => {
    const both = compile('after:2019-06-15 before:2019-08 tag:dog');
    expect(both.takenBetween).toEqual({ from: '2019-06-15', to: '2019-08-01' });
    expect(both.match).toBe(`(facets : (${[...days('201906', 15, 30), 'ym201907'].map((t) => `"${t}"`).join(' OR ')})) AND (facets : "t5")`);
    expect(compile('year:2019 year:2020').match).toBe('facets : "xnone"');
    expect(compile('tag:dog OR year:2019').takenBetween).toBeNull();
    expect(compile('-year:2019').takenBetween).toBeNull();
  });
});

describe('place: and country:', () => {
  const tokens = (...names: string[]) => names.map((n) => `"${n}"`);
  it('match towns and regions by whole-word starts, folding case and accents', () => {
    expect(compile('place:florence').match).toBe(`facets : ${tokens(placeToken('Florence'))[0]}`);
    expect(compile('place:koln').match).toBe(`facets : ${tokens(placeToken('Köln'))[0]}`);
    expect(compile('place:san').match).toBe(`facets : (${tokens(placeToken('San Marino'), placeToken('Santa Cruz')).join(' OR ')})`);
    // "rome" is inside "Jerome" but starts no word of it.
    expect(compile('place:rome').match).toBe('facets : "xnone"');
    expect(compile('place:missouri').match).toBe(`facets : ${tokens(placeToken('Missouri'))[0]}`);
  });

  it('match countries by ISO code or by the start of a word of their name', () => {
    expect(compile('country:it').match).toBe(`facets : "${countryToken('IT')}"`);
    expect(compile('country:ITALY').match).toBe(`facets : "xccit"`);
    expect(compile('country:kingdom').match).toBe(`facets : "xccgb"`);
    expect(compile('country:land').match).toBe('facets : "xnone"');
  });

  it('never match an estimated place; estimate: matches estimates alone, town, region or country', () => {
    expect(compile('place:siena').match).toBe('facets : "xnone"');
    expect(compile('estimate:siena').match).toBe(`facets : "${estimatedPlaceToken('Siena')}"`);
    expect(compile('estimate:it').match).toBe(`facets : "${estimatedCountryToken('IT')}"`);
    expect(compile('estimate:florence').match).not.toContain(placeToken('Florence'));
    expect(compile('place:florence OR estimate:florence').match).toBe(`(facets : "${placeToken('Florence')}") OR (facets : "${estimatedPlaceToken('Florence')}")`);
    expect(compile('has:estimate').match).toBe(`facets : "${PLACE_ESTIMATE_TOKEN}"`);
  });

  it('let free text search the place names too', () => {
    expect(compile('xanadu').match).toBe('{tags caption file_name folder camera place text} : "xanadu"');
  });
});

describe('dateTokens', () => {
  const years = { first: 2010, last: 2024 };
  it('covers a range with the fewest year, month and day tokens', () => {
    expect(dateTokens('2019-01-01', '2020-01-01', years)).toEqual(['y2019']);
    expect(dateTokens('2019-06-01', '2019-07-01', years)).toEqual(['ym201906']);
    expect(dateTokens('2019-12-30', '2020-03-02', years)).toEqual(['ymd20191230', 'ymd20191231', 'ym202001', 'ym202002', 'ymd20200301']);
    expect(dateTokens('2024-02-28', '2024-03-01', years)).toEqual(['ymd20240228', 'ymd20240229']);
  });

  it('stops open ends at the library first and last year', () => {
    expect(dateTokens('2023-11-01', null, years)).toEqual(['ym202311', 'ym202312', 'y2024']);
    expect(dateTokens(null, '2011-02-01', years)).toEqual(['y2010', 'ym201101']);
    expect(dateTokens('1990-01-01', '2000-01-01', years)).toEqual([]);
    expect(dateTokens('2019-01-01', null, null)).toEqual([]);
  });
});

function days(yyyymm: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `ymd${yyyymm}${String(from + i).padStart(2, '0')}`);
}

describe('compileQuery: favourites, ratings and albums', () => {
  it('compiles is:favorite and rating: to the mark tokens; rating:0 is every photo not rated', () => {
    expect(match('is:favourite')).toBe('facets : "xfav"');
    expect(match('rating:3')).toBe('facets : "xr3"');
    expect(match('rating:4+')).toBe('facets : ("xr4" OR "xr5")');
    expect(match('rating:0')).toBe('(facets : "xall") NOT (facets : "xrated")');
    expect(match('rating:0+')).toBe('facets : "xall"');
    expect(match('tag:dog rating:0')).toBe('(facets : "t5") NOT (facets : "xrated")');
  });

  it('compiles a hand-picked album to its token, a smart album to its query, an unknown album to nothing', () => {
    expect(match('album:trip')).toBe('facets : "xa1"');
    expect(match('album:"Best dogs"')).toBe('(facets : "t5") AND (facets : ("xr4" OR "xr5"))');
    expect(match('album:nowhere')).toBe('facets : "xnone"');
    expect(match('-album:"Best dogs"')).toBe('(facets : "xall") NOT ((facets : "t5") AND (facets : ("xr4" OR "xr5")))');
  });

  it('refuses a smart album that refers to itself, directly or through another, naming the loop', () => {
    expect(() => match('album:self')).toThrow(/Album "Self" refers to itself \("Self" → "Self"\)/);
    expect(() => match('dog album:"Loop A"')).toThrow(/"Loop A" → "Loop B" → "Loop A"/);
    try {
      match('dog album:"Loop A"');
    } catch (error) {
      expect(error).toMatchObject({ position: 4, length: 14 });
    }
  });
});

describe('text read in photos', () => {
  it('compiles text: to the text column (a phrase stays a phrase), ranked, and has:text to its facet', () => {
    expect(match('text:password')).toBe('text : "password"');
    expect(match('text:"hotel california"')).toBe('text : "hotel california"');
    expect(compile('text:password').ranked).toBe(true);
    expect(match('has:text')).toBe('facets : "xtext"');
  });
});
