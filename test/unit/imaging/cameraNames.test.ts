import { describe, expect, it } from 'vitest';
import { cameraDisplayName, cleanExifText, normaliseMake } from '../../../electron/core/imaging/cameraNames.js';

describe('normaliseMake', () => {
  // Every Make string in the shared exif and broken sample sets, plus common spellings seen in real libraries.
  it.each([
    ['Canon', 'Canon'],
    ['NIKON', 'Nikon'],
    ['NIKON CORPORATION', 'Nikon'],
    ['CASIO COMPUTER CO.,LTD', 'Casio'],
    ['CASIO COMPUTER CO.,LTD.', 'Casio'],
    ['EASTMAN KODAK COMPANY', 'Kodak'],
    ['Eastman Kodak Company', 'Kodak'],
    ['OLYMPUS OPTICAL CO.,LTD', 'Olympus'],
    ['OLYMPUS CORPORATION', 'Olympus'],
    ['OLYMPUS IMAGING CORP.  ', 'Olympus'],
    ['OM Digital Solutions', 'OM System'],
    ['samsung', 'Samsung'],
    ['SAMSUNG', 'Samsung'],
    ['Samsung Techwin', 'Samsung'],
    ['Apple', 'Apple'],
    ['SONY', 'Sony'],
    ['FUJIFILM', 'Fujifilm'],
    ['FUJI PHOTO FILM CO., LTD.', 'Fujifilm'],
    ['KONICA MINOLTA', 'Konica Minolta'],
    ['Minolta Co., Ltd.', 'Minolta'],
    ['PENTAX Corporation', 'Pentax'],
    ['Panasonic', 'Panasonic'],
    ['RICOH', 'Ricoh'],
    ['Caplio', 'Ricoh'],
    ['SANYO Electric Co.,Ltd.', 'Sanyo'],
    ['Jolla', 'Jolla'],
    ['HMD Global', 'Nokia'],
    ['LG Electronics', 'LG'],
    ['Nintendo', 'Nintendo'],
    ['Polyphony Digital Inc.', 'Polyphony Digital'],
    ['WWL', 'WWL'],
    ['VIVITAR CORP.', 'Vivitar'],
    ['ZTE', 'ZTE'],
    ['ION230\0garbage', 'ION230'],
  ])('%j -> %j', (make, expected) => {
    expect(normaliseMake(make)).toBe(expected);
  });

  it('has nothing to say about a blank make', () => {
    expect(normaliseMake(null)).toBeNull();
    expect(normaliseMake('   ')).toBeNull();
    expect(normaliseMake('\0\0\0')).toBeNull();
  });
});

describe('cameraDisplayName', () => {
  it.each([
    ['Canon', 'Canon EOS 40D', 'Canon EOS 40D'],
    ['NIKON', 'COOLPIX P6000', 'Nikon COOLPIX P6000'],
    ['NIKON CORPORATION', 'NIKON D70s', 'Nikon D70s'],
    ['EASTMAN KODAK COMPANY', 'KODAK CX7530 ZOOM DIGITAL CAMERA', 'Kodak CX7530 ZOOM DIGITAL CAMERA'],
    ['PENTAX Corporation', 'PENTAX K10D', 'Pentax K10D'],
    ['KONICA MINOLTA', 'DiMAGE Z3', 'Konica Minolta DiMAGE Z3'],
    ['Apple', 'iPhone 13 Pro Max', 'Apple iPhone 13 Pro Max'],
    ['Jolla', 'Jolla', 'Jolla'],
    ['samsung', 'SM-G930F', 'Samsung SM-G930F'],
    ['HMD Global', 'Nokia 8.3 5G', 'Nokia 8.3 5G'],
    ['WWL', 'ION230\0F', 'WWL ION230'],
    ['Polyphony Digital Inc.', 'Gran Turismo 5', 'Polyphony Digital Gran Turismo 5'],
    // A model that merely starts with the same letters as the brand keeps them.
    ['SONY', 'SONYX-1', 'Sony SONYX-1'],
  ])('%j + %j -> %j', (make, model, expected) => {
    expect(cameraDisplayName(make, model)).toBe(expected);
  });

  it('falls back to whichever half is present', () => {
    expect(cameraDisplayName(null, 'E950')).toBe('E950');
    expect(cameraDisplayName('NIKON', null)).toBe('Nikon');
    expect(cameraDisplayName(null, null)).toBeNull();
  });
});

describe('cleanExifText', () => {
  it('cuts a C string at its NUL, collapses spaces and trims', () => {
    expect(cleanExifText('  Canon  PowerShot\tS40 \0\0junk')).toBe('Canon PowerShot S40');
    expect(cleanExifText(42)).toBeNull();
  });
});
