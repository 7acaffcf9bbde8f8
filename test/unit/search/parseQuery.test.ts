import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../db/search/parseQuery.js';
import { QueryError } from '../../../db/search/QueryError.js';
import type { QueryNode } from '../../../db/search/queryAst.js';

/** A compact rendering of the tree, so expectations read like the grammar. */
function show(node: QueryNode | null): string {
  if (!node) return 'ALL';
  switch (node.type) {
    case 'and':
    case 'or':
      return `${node.type}(${node.children.map(show).join(', ')})`;
    case 'not':
      return `not(${show(node.child)})`;
    case 'text':
      return `${node.phrase ? `"${node.text}"` : node.text}${node.prefix ? '*' : ''}`;
    case 'tag':
      return `tag:${node.name}`;
    case 'camera':
    case 'lens':
    case 'place':
    case 'country':
    case 'estimate':
    case 'folder':
      return `${node.type}:${node.value}`;
    case 'photoText':
      return `text:${node.value}`;
    case 'date':
      return `date[${node.from ?? ''},${node.to ?? ''})`;
    case 'month':
      return `month:${node.month}`;
    case 'format':
      return `format:${node.format}`;
    case 'has':
      return `has:${node.facet}`;
    case 'is':
      return `is:${node.state}`;
    case 'person':
      return `person:${node.name}`;
    case 'faces':
      return `faces:${node.count}${node.atLeast ? '+' : ''}`;
    case 'within':
      return `within:${node.south},${node.west},${node.north},${node.east}`;
    case 'favorite':
      return 'is:favorite';
    case 'rating':
      return `rating:${node.stars}${node.atLeast ? '+' : ''}`;
    case 'album':
      return `album:${node.name}`;
  }
}

const parse = (text: string) => show(parseQuery(text, { prefixLastWord: false }).root);

function failure(text: string): QueryError {
  try {
    parseQuery(text);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseQuery: terms', () => {
  it('reads person: (quoted names too) and faces: with an exact or at-least count', () => {
    expect(show(parseQuery('person:"Alice Smith" -person:bob faces:3+').root)).toBe('and(person:Alice Smith, not(person:bob), faces:3+)');
    expect(show(parseQuery('faces:2').root)).toBe('faces:2');
    expect(() => parseQuery('faces:many')).toThrow(/faces:2 for exactly two/);
  });

  it('reads an empty or blank query as every photo', () => {
    expect(parse('')).toBe('ALL');
    expect(parse('   \t ')).toBe('ALL');
  });

  it('reads bare words and quoted phrases as full-text terms', () => {
    expect(parse('beach')).toBe('beach');
    expect(parse('"dining table"')).toBe('"dining table"');
    expect(parse('sunset "hot dog" DSCN0010.jpg')).toBe('and(sunset, "hot dog", DSCN0010.jpg)');
  });

  it('ignores terms with no letters or digits beside terms that have some', () => {
    expect(parse('cats & dogs')).toBe('and(cats, dogs)');
    expect(parse('a - b')).toBe('and(a, b)');
    expect(parse('dog 🐶')).toBe('dog');
  });

  it('reads tag:, with quoted multi-word names, keeping the case for the resolver', () => {
    expect(parse('tag:dog')).toBe('tag:dog');
    expect(parse('tag:"dining table"')).toBe('tag:dining table');
    expect(parse('TAG:TV')).toBe('tag:TV');
    expect(parse('tag:"  dining   table "')).toBe('tag:dining table');
  });

  it('reads camera:, lens: and folder: values', () => {
    expect(parse('camera:canon lens:50mm folder:holidays')).toBe('and(camera:canon, lens:50mm, folder:holidays)');
    expect(parse('camera:"eos 5d"')).toBe('camera:eos 5d');
  });

  it('reads date: as the year, month or day it names, and day: as one day', () => {
    expect(parse('date:2019')).toBe('date[2019-01-01,2020-01-01)');
    expect(parse('date:2019-07')).toBe('date[2019-07-01,2019-08-01)');
    expect(parse('date:2019-12')).toBe('date[2019-12-01,2020-01-01)');
    expect(parse('date:2019-7-14')).toBe('date[2019-07-14,2019-07-15)');
    expect(parse('day:2019-07-31')).toBe('date[2019-07-31,2019-08-01)');
    expect(parse('day:2020-02-29')).toBe('date[2020-02-29,2020-03-01)');
    expect(parse('day:2019-12-31')).toBe('date[2019-12-31,2020-01-01)');
  });

  it('reads month: as that month of any year, by English name, abbreviation or number', () => {
    for (const text of ['july', 'July', 'JUL', 'jul.', '7', '07']) expect(parse(`month:${text}`)).toBe('month:7');
    expect(parse('month:sept')).toBe('month:9');
    expect(parse('month:sep')).toBe('month:9');
    expect(parse('month:december tag:snow')).toBe('and(month:12, tag:snow)');
    expect(parse('-month:may')).toBe('not(month:5)');
  });

  it('a bad date:, day: or month: value, pointing at the value and saying what to write', () => {
    expect(failure('beach date:2019-13')).toMatchObject({ position: 11, length: 7, message: expect.stringMatching(/^Not a date at column 12: date:2019-13 \(write YYYY, YYYY-MM or YYYY-MM-DD/) });
    expect(failure('date:july').message).toMatch(/e\.g\. date:2019-07/);
    expect(failure('day:2019-07')).toMatchObject({ position: 4, length: 7, message: expect.stringMatching(/^Not a day at column 5: day:2019-07 \(write YYYY-MM-DD.*date:2019-07/) });
    expect(failure('day:2019-02-30').message).toMatch(/^Not a day/);
    expect(failure('dog month:juli')).toMatchObject({ position: 10, length: 4, message: expect.stringMatching(/^Not a month "juli" at column 11: month:juli \(write a month name or number, e\.g\. month:july/) });
    expect(failure('month:13').message).toMatch(/^Not a month "13"/);
    expect(failure('month:ju').message).toMatch(/^Not a month/);
    expect(failure('month:').message).toMatch(/^Nothing after month: .*month:july/);
    expect(failure('when:2019').message).toMatch(/Did you mean date:\?/);
  });

  it('reads year:, after: and before: as half-open ranges of days', () => {
    expect(parse('year:2019')).toBe('date[2019-01-01,2020-01-01)');
    expect(parse('after:2019')).toBe('date[2019-01-01,)');
    expect(parse('after:2019-06')).toBe('date[2019-06-01,)');
    expect(parse('after:2019-06-15')).toBe('date[2019-06-15,)');
    expect(parse('before:2020')).toBe('date[,2020-01-01)');
    expect(parse('before:2020-2-9')).toBe('date[,2020-02-09)');
    expect(parse('after:2024-02-29')).toBe('date[2024-02-29,)');
  });

  it('reads format: with its aliases', () => {
    expect(parse('format:jpg')).toBe('format:jpeg');
    expect(parse('format:JPEG')).toBe('format:jpeg');
    expect(parse('format:tif')).toBe('format:tiff');
    expect(parse('format:heif')).toBe('format:heic');
    expect(parse('format:.png')).toBe('format:png');
  });

  it('reads has: and is:', () => {
    expect(parse('has:gps has:location has:caption has:tags has:date has:camera')).toBe(
      'and(has:gps, has:gps, has:caption, has:tags, has:date, has:camera)',
    );
    expect(parse('is:failed is:queued is:indexed')).toBe('and(is:failed, is:queued, is:indexed)');
  });

  it('keeps times, drive letters and words with inner colons as text', () => {
    expect(parse('12:30')).toBe('12:30');
    expect(parse('C:\\photos')).toBe('C:\\photos');
    expect(parse('"foo:bar"')).toBe('"foo:bar"');
  });
});

describe('parseQuery: operators and precedence', () => {
  it('ANDs terms side by side, and accepts an explicit AND', () => {
    expect(parse('a b c')).toBe('and(a, b, c)');
    expect(parse('a AND b')).toBe('and(a, b)');
  });

  it('negates with -, NOT, and around groups', () => {
    expect(parse('-tag:cat')).toBe('not(tag:cat)');
    expect(parse('NOT beach')).toBe('not(beach)');
    expect(parse('-"hot dog"')).toBe('not("hot dog")');
    expect(parse('-(a OR b)')).toBe('not(or(a, b))');
    expect(parse('NOT NOT a')).toBe('not(not(a))');
    expect(parse('a NOT b')).toBe('and(a, not(b))');
  });

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(parse('a b OR c')).toBe('or(and(a, b), c)');
    expect(parse('a OR b c')).toBe('or(a, and(b, c))');
    expect(parse('NOT a b')).toBe('and(not(a), b)');
    expect(parse('NOT a OR b')).toBe('or(not(a), b)');
    expect(parse('a OR b OR c')).toBe('or(a, b, c)');
  });

  it('groups with parentheses', () => {
    expect(parse('a (b OR c)')).toBe('and(a, or(b, c))');
    expect(parse('(a OR b) (c OR d)')).toBe('and(or(a, b), or(c, d))');
    expect(parse('((a))')).toBe('a');
    expect(parse('tag:dog -(tag:cat OR "hot dog") year:2019')).toBe('and(tag:dog, not(or(tag:cat, "hot dog")), date[2019-01-01,2020-01-01))');
  });

  it('treats lower-case or, and, not as words', () => {
    expect(parse('salt or pepper')).toBe('and(salt, or, pepper)');
    expect(parse('not')).toBe('not');
  });

  it('keeps a hyphen inside a word, and - before a word negates it', () => {
    expect(parse('close-up')).toBe('close-up');
    expect(parse('--a')).toBe('not(not(a))');
  });

  it('records where each term came from', () => {
    const root = parseQuery('beach tag:"dining table"').root;
    expect(root?.type).toBe('and');
    if (root?.type !== 'and') return;
    expect(root.children.map((c) => c.span)).toEqual([
      { position: 0, length: 5 },
      { position: 6, length: 18 },
    ]);
    expect(root.span).toEqual({ position: 0, length: 24 });
  });
});

describe('parseQuery: prefix matching as the user types', () => {
  const last = (text: string, options = {}) => show(parseQuery(text, options).root);

  it('lets the last bare word match longer words while the cursor is on it', () => {
    expect(last('beac')).toBe('beac*');
    expect(last('dog beac')).toBe('and(dog, beac*)');
  });

  it('stops once the word is finished, or too short to say much', () => {
    expect(last('beac ')).toBe('beac');
    expect(last('be')).toBe('be');
    expect(last('"beac"')).toBe('"beac"');
    expect(last('-beac')).toBe('not(beac)');
    expect(last('tag:beac')).toBe('tag:beac');
    expect(last('(beac)')).toBe('beac');
  });

  it('can be turned off, and an explicit * asks for it anywhere', () => {
    expect(last('beac', { prefixLastWord: false })).toBe('beac');
    expect(last('sun* beach', { prefixLastWord: false })).toBe('and(sun*, beach)');
  });
});

describe('parseQuery: errors point at the spot', () => {
  it('an unclosed quote, from the quote to the end', () => {
    const error = failure('tag:dog tag:"dining table');
    expect(error.kind).toBe('query-syntax');
    expect(error.message).toBe('Unclosed quote at column 13: tag:"dining table (add the closing ")');
    expect([error.position, error.length]).toEqual([12, 13]);
    expect(failure('beach "sun').position).toBe(6);
  });

  it('an unclosed or unmatched parenthesis', () => {
    const open = failure('dog (beach OR sea');
    expect(open.message).toMatch(/^Unclosed parenthesis at column 5: \(beach OR sea/);
    expect([open.position, open.length]).toEqual([4, 1]);
    const close = failure('dog beach)');
    expect(close.message).toMatch(/^Unmatched "\)" at column 10/);
    expect([close.position, close.length]).toEqual([9, 1]);
    expect(failure('()').message).toMatch(/^Empty parentheses at column 1/);
  });

  it('a dangling OR, AND, NOT or -', () => {
    expect(failure('beach OR')).toMatchObject({ position: 6, length: 2, message: expect.stringMatching(/^Nothing after OR at column 7/) });
    expect(failure('OR beach')).toMatchObject({ position: 0, length: 2, message: expect.stringMatching(/^Nothing before OR at column 1/) });
    expect(failure('a OR OR b')).toMatchObject({ position: 2 });
    expect(failure('(a OR) b')).toMatchObject({ position: 3 });
    expect(failure('AND b')).toMatchObject({ position: 0, message: expect.stringMatching(/^Nothing before AND/) });
    expect(failure('a AND')).toMatchObject({ position: 2, message: expect.stringMatching(/^Nothing after AND/) });
    expect(failure('a NOT')).toMatchObject({ position: 2, length: 3, message: expect.stringMatching(/^Nothing after NOT/) });
    expect(failure('a -)')).toMatchObject({ position: 3 });
  });

  it('a field with no value', () => {
    expect(failure('dog tag:')).toMatchObject({ position: 4, length: 4, message: expect.stringMatching(/^Nothing after tag: at column 5: tag: \(give a value, e.g. tag:dog\)/) });
    expect(failure('tag:"" dog')).toMatchObject({ position: 0, length: 6 });
    expect(failure('year: 2019')).toMatchObject({ position: 0, length: 5 });
  });

  it('a bad year, date, format, has: or is: value, pointing at the value', () => {
    expect(failure('beach year:abc')).toMatchObject({ position: 11, length: 3, message: expect.stringMatching(/^Not a year at column 12: year:abc/) });
    expect(failure('year:19')).toMatchObject({ position: 5 });
    expect(failure('after:2019-13')).toMatchObject({ position: 6, length: 7, message: expect.stringMatching(/^Not a date/) });
    expect(failure('before:2019-02-30').message).toMatch(/YYYY, YYYY-MM or YYYY-MM-DD/);
    expect(failure('before:yesterday').position).toBe(7);
    expect(failure('format:bmp')).toMatchObject({ position: 7, length: 3, message: expect.stringMatching(/^Unknown format "bmp".*jpeg, heic/) });
    expect(failure('has:wings')).toMatchObject({ position: 4, message: expect.stringMatching(/has:gps/) });
    expect(failure('is:missing').message).toMatch(/missing photos are never in results/);
    expect(failure('folder:/').message).toMatch(/^No folder name/);
  });

  it('an unknown field, suggesting the one meant and listing them all', () => {
    const typo = failure('dog fromat:heic');
    expect([typo.position, typo.length]).toEqual([4, 7]);
    expect(typo.message).toMatch(/^Unknown field "fromat:" at column 5: fromat:heic\. Did you mean format:\?/);
    expect(typo.message).toMatch(/Fields are tag, camera, lens, place, country, estimate, date, day, month, year, after, before, folder, format, has, is, person, faces, within, rating, album, text/);
    expect(typo.message).toMatch(/put it in quotes: "fromat:heic"/);
    expect(failure('tags:dog').message).toMatch(/Did you mean tag:\?/);
    expect(failure('camra:nikon').message).toMatch(/Did you mean camera:\?/);
    expect(failure('fold:x').message).toMatch(/Did you mean folder:\?/);
    expect(failure('ext:png').message).toMatch(/Did you mean format:\?/);
    expect(failure('foo:bar').message).not.toMatch(/Did you mean/);
  });

  it('a query of nothing that can match: emoji, punctuation, invisible characters, an empty phrase', () => {
    for (const text of ['🐶', '%', '*', '\\', '&', '-', '""', '"🐶"', '🐶 %']) {
      expect(failure(text), text).toMatchObject({ position: 0, length: text.length, message: expect.stringMatching(/^Nothing to search for at column 1: .* has no letters or digits/) });
    }
    expect(failure('🐶').message).toMatch(/emoji, punctuation and invisible characters are not indexed; search for words, e.g. dog/);
    // Invisible characters are named, so the message shows what the box holds.
    expect(failure('\u200b')).toMatchObject({ position: 0, length: 1, message: expect.stringMatching(/^Nothing to search for at column 1: U\+200B has no/) });
    expect(failure('  \u200b\u2060 ')).toMatchObject({ position: 2, length: 2, message: expect.stringMatching(/U\+200BU\+2060/) });
  });

  it('parentheses or negations nested deeper than any query needs, at the first level too deep', () => {
    expect(parse(`${'('.repeat(32)}dog${')'.repeat(32)}`)).toBe('dog');
    expect(parse(`${'-'.repeat(32)}dog`)).toMatch(/^not\(/);
    const parens = failure(`${'('.repeat(2000)}dog${')'.repeat(2000)}`);
    expect(parens).toMatchObject({ position: 32, length: 1, message: expect.stringMatching(/^Nested too deeply at column 33: .*at most 32 deep/) });
    expect(failure(`${'('.repeat(100_000)}`)).toMatchObject({ position: 32 });
    expect(failure(`${'-'.repeat(100_000)}dog`)).toMatchObject({ position: 32, message: expect.stringMatching(/^Nested too deeply/) });
    expect(failure(`${'NOT '.repeat(5000)}dog`)).toMatchObject({ position: 128, message: expect.stringMatching(/^Nested too deeply at column 129/) });
    expect(failure(`dog ${'(-'.repeat(17)}cat${')'.repeat(17)}`)).toMatchObject({ position: 4 + 32, length: 1 });
  });

  it('more terms than any query needs', () => {
    const text = Array.from({ length: 65 }, (_, i) => `w${i}`).join(' ');
    expect(failure(text).message).toMatch(/^Too many terms/);
  });
});

describe('parseQuery: favourites, ratings and albums', () => {
  it('reads is:favorite in either spelling, rating: with an exact or at-least count, and album: by name', () => {
    expect(parse('is:favorite')).toBe('is:favorite');
    expect(parse('is:Favourite -is:fav')).toBe('and(is:favorite, not(is:favorite))');
    expect(parse('rating:4+ rating:3 OR rating:0')).toBe('or(and(rating:4+, rating:3), rating:0)');
    expect(parse('album:"Summer Trip" album:dogs')).toBe('and(album:Summer Trip, album:dogs)');
  });

  it('a bad rating or album, pointing at the value; album: is a field of its own now, not folder:', () => {
    expect(failure('rating:6')).toMatchObject({ position: 7, length: 1, message: expect.stringMatching(/^Not a rating at column 8: rating:6 .*rating:4\+ for four or more/) });
    expect(failure('rating:four').message).toMatch(/from 0 to 5/);
    expect(failure('rating:-1').message).toMatch(/^Not a rating/);
    expect(failure('album:""').message).toMatch(/^Nothing after album:/);
    expect(failure('album:"!!"').message).toMatch(/^No album name/);
    expect(failure('is:starred').message).toMatch(/is:favorite/);
    expect(failure('stars:4').message).toMatch(/Did you mean rating:\?/);
    expect(failure('albums:trip').message).toMatch(/Did you mean album:\?/);
    expect(failure('favourite:yes').message).toMatch(/Did you mean is:\?/);
  });
});

describe('text: and has:text', () => {
  it('reads text:word, a quoted phrase, and has:text', () => {
    expect(show(parseQuery('text:password').root)).toBe('text:password');
    expect(show(parseQuery('text:"hotel california"').root)).toBe('text:hotel california');
    expect(show(parseQuery('has:text').root)).toBe('has:text');
  });

  it('says what text: needs when it has no words', () => {
    expect(() => parseQuery('text:"--"')).toThrow(QueryError);
  });
});

describe('estimate: and has:estimate', () => {
  it('reads estimate:name and has:estimate in its spellings', () => {
    expect(show(parseQuery('estimate:florence').root)).toBe('estimate:florence');
    expect(show(parseQuery('place:florence OR estimate:florence').root)).toBe('or(place:florence, estimate:florence)');
    expect(show(parseQuery('has:estimate has:place-estimate has:estimated').root)).toBe('and(has:placeEstimate, has:placeEstimate, has:placeEstimate)');
  });

  it('teaches how to ask for estimates where the user reached for another word', () => {
    expect(failure('estimated:florence').message).toMatch(/Did you mean estimate:\?/);
    expect(failure('estimate:"--"').message).toMatch(/place:florence OR estimate:florence finds both/);
    expect(failure('has:guess').message).toMatch(/has:estimate, the photos with a place estimated from their camera's located photos/);
  });
});
