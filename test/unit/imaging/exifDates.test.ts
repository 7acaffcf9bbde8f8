import { describe, expect, it } from 'vitest';
import { parseExifDateTime, parseOffset, parseXmpDateTime, readExifDateTime, readXmpDateTime } from '../../../electron/core/imaging/exifDates.js';

describe('parseExifDateTime', () => {
  it.each([
    ['2008:10:22 16:28:39', '2008-10-22T16:28:39'],
    ['2008:10:22 16:28:39\0', '2008-10-22T16:28:39'],
    ['  2008:10:22 16:28:39  ', '2008-10-22T16:28:39'],
    ['2008-10-22 16:28:39', '2008-10-22T16:28:39'],
    ['2008/10/22 16:28:39', '2008-10-22T16:28:39'],
    ['2008:10:22T16:28:39', '2008-10-22T16:28:39'],
    ['2008:10:22 16:28', '2008-10-22T16:28:00'],
    ['2008:1:2 3:04:05', '2008-01-02T03:04:05'],
    ['2024:02:29 12:00:00', '2024-02-29T12:00:00'],
    // Camera defaults and clocks set in the future are still what the file says; they are kept.
    ['1998:01:01 00:00:00', '1998-01-01T00:00:00'],
    ['2026:11:24 14:41:16', '2026-11-24T14:41:16'],
  ])('reads %j as local wall-clock time %s', (input, expected) => {
    expect(parseExifDateTime(input)).toBe(expected);
  });

  it.each([
    ['0000:00:00 00:00:00'],
    ['    :  :     :  :  '],
    [''],
    ['2008:13:01 00:00:00'],
    ['2008:00:10 00:00:00'],
    ['2008:02:30 00:00:00'],
    ['2023:02:29 00:00:00'],
    ['2008:10:22 24:00:00'],
    ['2008:10:22 23:60:00'],
    ['1701:01:01 00:00:00'],
    ['2008:10:22'],
    ['yesterday'],
  ])('rejects %j', (input) => {
    expect(parseExifDateTime(input)).toBeNull();
  });

  it.each([
    ['1900:01:01 00:00:00', 'has the year 1900, which cameras write when their clock was never set'],
    ['2099:12:31 23:59:59', 'has the year 2099, which cameras write when their clock was never set'],
    ['2150:06:01 12:00:00', "has the year 2150, far in the future: the camera's clock was wrong"],
    ['1701:01:01 00:00:00', 'has the year 1701, before photography existed'],
    ['0000:00:00 00:00:00', 'is blank (zeros): the camera did not know the date'],
    ['    :  :     :  :  ', 'is blank (spaces): the camera did not know the date'],
    ['2008:13:01 00:00:00', 'has no month 13'],
    ['2008:02:30 00:00:00', 'has no day 30 in that month'],
    ['2008:10:22 24:00:00', 'has no time 24:00:00'],
    ['yesterday', 'is not a date'],
  ])('says why %j is no capture date', (input, reason) => {
    expect(parseExifDateTime(input)).toBeNull();
    expect(readExifDateTime(input)).toEqual({ problem: `"${input}" ${reason}` });
  });

  it('has nothing to say about a tag that is absent or blank', () => {
    expect(readExifDateTime(undefined)).toBeNull();
    expect(readExifDateTime('  \0')).toBeNull();
    expect(readXmpDateTime(undefined)).toBeNull();
    expect(readXmpDateTime('1900-01-01T00:00:00Z')).toEqual({ problem: '"1900-01-01T00:00:00Z" has the year 1900, which cameras write when their clock was never set' });
  });

  it('ignores values that are not strings (a Date would already have lost the wall clock)', () => {
    expect(parseExifDateTime(new Date())).toBeNull();
    expect(parseExifDateTime(20081022)).toBeNull();
    expect(parseExifDateTime(undefined)).toBeNull();
  });
});

describe('parseXmpDateTime', () => {
  it.each([
    ['2013-07-05T03:18:27Z', { local: '2013-07-05T03:18:27', offset: '+00:00' }],
    ['2004-08-27T13:52:55+02:00', { local: '2004-08-27T13:52:55', offset: '+02:00' }],
    ['2008-03-15T09:52:01-04:00', { local: '2008-03-15T09:52:01', offset: '-04:00' }],
    ['2014-09-21T16:00:56.000000+02:00', { local: '2014-09-21T16:00:56', offset: '+02:00' }],
    ['2008-05-25T19:31:26.0+1:00', { local: '2008-05-25T19:31:26', offset: '+01:00' }],
    ['2016-09-12T10:05:31', { local: '2016-09-12T10:05:31', offset: null }],
    ['2016-09-12T10:05', { local: '2016-09-12T10:05:00', offset: null }],
    ['2003:09:10 16:07:32', { local: '2003-09-10T16:07:32', offset: null }],
  ])('reads %j keeping the written time and its zone', (input, expected) => {
    expect(parseXmpDateTime(input)).toEqual(expected);
  });

  it.each([['2003-08-31'], ['2003'], ['0000-00-00T00:00:00Z'], ['2013-07-05T03:18:27junk']])('rejects %j', (input) => {
    expect(parseXmpDateTime(input)).toBeNull();
  });

  it('keeps the date but drops an impossible zone', () => {
    expect(parseXmpDateTime('2013-07-05T03:18:27+25:00')).toEqual({ local: '2013-07-05T03:18:27', offset: null });
  });
});

describe('parseOffset', () => {
  it.each([
    ['+01:00', '+01:00'],
    ['-05:00', '-05:00'],
    ['+0530', '+05:30'],
    ['+1:00', '+01:00'],
    ['-3', '-03:00'],
    ['Z', '+00:00'],
    ['+05:45\0', '+05:45'],
  ])('normalises %j to %s', (input, expected) => {
    expect(parseOffset(input)).toBe(expected);
  });

  it.each([['   :  '], [''], ['+15:00'], ['+01:75'], ['01:00'], [60]])('rejects %j', (input) => {
    expect(parseOffset(input)).toBeNull();
  });
});
