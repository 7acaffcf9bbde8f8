import { describe, expect, it } from 'vitest';
import { parseExifDateTime, parseOffset, parseXmpDateTime } from '../../../electron/core/imaging/exifDates.js';

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
