import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePhoto } from '../../../electron/core/imaging/decodePhoto.js';
import { readMetadata } from '../../../electron/core/imaging/readMetadata.js';
import { sniffFormat } from '../../../electron/core/imaging/sniffFormat.js';
import type { DecodedPhoto, PhotoFormat } from '../../../electron/core/imaging/types.js';
import { exifDate, readExifLabels, type ExifLabel } from '../../helpers/exifLabels.js';
import { offsetInZone, zoneAt } from '../../../electron/core/imaging/timeZones.js';
import { sharedData } from '../../helpers/sharedData.js';

const labels = readExifLabels();
const imagesDir = sharedData('exif', 'images');
const names = Object.keys(labels).sort();

const formats: Record<string, PhotoFormat> = { JPEG: 'jpeg', PNG: 'png', TIFF: 'tiff', HEIC: 'heic', AVIF: 'avif', WEBP: 'webp', 'Extended WEBP': 'webp', GIF: 'gif' };

/** What every Make in the labels should be called. */
const brands: Record<string, string> = {
  Canon: 'Canon',
  NIKON: 'Nikon',
  'NIKON CORPORATION': 'Nikon',
  'CASIO COMPUTER CO.,LTD': 'Casio',
  'CASIO COMPUTER CO.,LTD.': 'Casio',
  'Polyphony Digital Inc.': 'Polyphony Digital',
  samsung: 'Samsung',
  'Samsung Techwin': 'Samsung',
  Apple: 'Apple',
  'EASTMAN KODAK COMPANY': 'Kodak',
  'Eastman Kodak Company': 'Kodak',
  'KONICA MINOLTA': 'Konica Minolta',
  'OLYMPUS CORPORATION': 'Olympus',
  'OLYMPUS OPTICAL CO.,LTD': 'Olympus',
  Panasonic: 'Panasonic',
  'PENTAX Corporation': 'Pentax',
  Caplio: 'Ricoh',
  RICOH: 'Ricoh',
  SONY: 'Sony',
  WWL: 'WWL',
  FUJIFILM: 'Fujifilm',
  Jolla: 'Jolla',
  'SANYO Electric Co.,Ltd.': 'Sanyo',
};

/**
 * Where our reading deliberately differs from the labels (exiftool 12.57), and why. Everything not listed here
 * must match the labels exactly.
 */
const knownDifferences: Record<string, { lens?: string; gpsAltitude?: number; why: string }> = {
  '87_OSError.jpg': {
    gpsAltitude: 42.123,
    why: 'the GPS IFD has GPSAltitude (42.123 m) but no GPSAltitudeRef; the labels leave the altitude out, we read it as above sea level',
  },
  'Nikon_D70.jpg': {
    lens: '100.0 mm f/2.8',
    why: 'no EXIF LensModel; the lens comes from XMP aux:Lens, which the labels (EXIF LensModel only) do not record',
  },
};

/**
 * Dates that exist in a file but in places Phototag does not read; the labels agree that there is no EXIF or XMP
 * capture date, so these photos are undated in the library (with their file time only as a hint).
 */
const unreadDates: Record<string, string> = {
  'Reconyx_HC500_Hyperfire.jpg': 'capture date only in Reconyx maker notes',
  'olympus-d320l.jpg': 'capture date only in a 1998 Olympus PictureInfo APP segment, no EXIF block',
  'no_exif.jpg': "only XMP xmp:CreateDate, which is when Photoshop created the document, not when the photo was taken",
  'BlueSquare.jpg': 'only XMP xmp:CreateDate of a Photoshop test document',
  'long_description.jpg': 'only XMP xmp:CreateDate and a date-only photoshop:DateCreated',
};


function expectedDate(label: ExifLabel): { takenAt: string | null; dateSource: 'exif' | 'xmp' | null } {
  const exif = label.datetime_original ?? label.create_date;
  if (exif !== undefined) return { takenAt: exifDate(exif), dateSource: 'exif' };
  if (label.xmp_datetime_original !== undefined) return { takenAt: exifDate(label.xmp_datetime_original), dateSource: 'xmp' };
  return { takenAt: null, dateSource: null };
}

/**
 * Dated GPS photos whose files wrote no offset: the zone where they were taken, by hand from the place (Italy,
 * Madrid, Kenya) and that date's summer-time rules (Italy's ended on 26 October 2008; Kenya keeps none).
 */
const gpsZones: Record<string, { zone: string; offset: string }> = {
  ...Object.fromEntries(['DSCN0010', 'DSCN0012', 'DSCN0021', 'DSCN0025', 'DSCN0027', 'DSCN0029', 'DSCN0038', 'DSCN0040', 'DSCN0042'].map((n) => [`${n}.jpg`, { zone: 'Europe/Rome', offset: '+02:00' }])),
  '87_OSError.jpg': { zone: 'Europe/Rome', offset: '+01:00' },
  'iphone_hdr_YES.jpg': { zone: 'Europe/Madrid', offset: '+02:00' },
  'Kodak_CX7530.jpg': { zone: 'Africa/Nairobi', offset: '+03:00' },
};

/** The EXIF offset, else the zone of the XMP date when it shows the same wall-clock time, else the GPS position's. */
function expectedZone(label: ExifLabel, takenAt: string | null, name: string): string | null {
  if (label.offset_time_original) return label.offset_time_original;
  if (gpsZones[name] && takenAt !== null) return gpsZones[name].offset;
  const xmp = label.xmp_datetime_original;
  if (!xmp || takenAt === null || exifDate(xmp) !== takenAt) return null;
  const zone = /(Z|[+-]\d{1,2}:\d{2})$/.exec(xmp)?.[1];
  if (!zone) return null;
  if (zone === 'Z') return '+00:00';
  return zone.replace(/^([+-])(\d):/, '$10$2:');
}

function expectedOrientation(label: ExifLabel): number | null {
  if (label.exif_orientation !== undefined) return label.exif_orientation;
  return typeof label.xmp_orientation === 'number' ? label.xmp_orientation : null;
}

describe('decoding the real EXIF sample photos', () => {
  it('names the zone of every dated GPS photo without an offset, and no other', () => {
    const dated = names.filter((n) => {
      const label = labels[n] as ExifLabel;
      return label.gps_latitude !== undefined && (label.datetime_original ?? label.create_date) !== undefined && !label.offset_time_original;
    });
    expect(dated.sort()).toEqual(Object.keys(gpsZones).sort());
  });

  it('would have given the GPS photo that wrote its offset that same offset', () => {
    const both = names.filter((n) => (labels[n] as ExifLabel).gps_latitude !== undefined && (labels[n] as ExifLabel).offset_time_original);
    expect(both).toEqual(['IMG_5195.HEIC']);
    for (const name of both) {
      const label = labels[name] as ExifLabel;
      const zone = zoneAt(label.gps_latitude as number, label.gps_longitude as number);
      expect(zone).toBe('America/Chicago');
      expect(offsetInZone(exifDate(label.datetime_original as string), zone as string)).toBe(label.offset_time_original);
    }
  });

  const decoded = new Map<string, DecodedPhoto>();
  const hashesBefore = new Map<string, string>();
  const sha256 = (name: string) => createHash('sha256').update(fs.readFileSync(path.join(imagesDir, name))).digest('hex');

  beforeAll(async () => {
    for (const name of names) hashesBefore.set(name, sha256(name));
    for (const name of names) decoded.set(name, await decodePhoto(fs.readFileSync(path.join(imagesDir, name))));
  });

  it('has a label for every file in the folder, and the other way round', () => {
    expect(fs.readdirSync(imagesDir).sort()).toEqual(names);
  });

  it.each(names)('%s: format, upright size and preview', (name) => {
    const label = labels[name] as ExifLabel;
    const photo = decoded.get(name) as DecodedPhoto;
    const format = formats[label.format];
    expect(format, `unknown label format ${label.format}`).toBeDefined();
    expect(photo.format).toBe(format);
    expect(sniffFormat(fs.readFileSync(path.join(imagesDir, name)).subarray(0, 64))).toBe(format);

    const turned = (expectedOrientation(label) ?? 1) >= 5;
    expect({ width: photo.width, height: photo.height }).toEqual(turned ? { width: label.height, height: label.width } : { width: label.width, height: label.height });

    const { preview } = photo;
    expect(preview.channels).toBe(3);
    expect(preview.data.length).toBe(preview.width * preview.height * 3);
    expect(Math.max(preview.width, preview.height)).toBe(Math.min(1024, Math.max(photo.width, photo.height)));
    expect(Math.abs(preview.width / preview.height - photo.width / photo.height)).toBeLessThan(0.02 * (photo.width / photo.height));
  });

  it.each(names)('%s: date, zone, camera, lens, GPS and orientation', (name) => {
    const label = labels[name] as ExifLabel;
    const m = (decoded.get(name) as DecodedPhoto).metadata;
    const known = knownDifferences[name];

    const date = expectedDate(label);
    expect({ takenAt: m.takenAt, dateSource: m.dateSource }).toEqual(date);
    expect(m.takenTz).toBe(expectedZone(label, date.takenAt, name));
    expect(m.takenTzSource).toBe(m.takenTz === null ? null : gpsZones[name] ? 'gps' : 'offset');
    expect(m.takenZone).toBe(gpsZones[name]?.zone ?? null);

    if (label.make !== undefined) {
      expect(m.cameraMake).toBe(brands[label.make] ?? `no brand listed for ${label.make}`);
      expect(m.cameraModel).toBe(label.model?.trim() ?? null);
      expect(m.camera?.startsWith(m.cameraMake as string)).toBe(true);
    } else {
      expect([m.cameraMake, m.cameraModel, m.camera]).toEqual([null, null, null]);
    }

    expect(m.lens).toBe(known?.lens ?? label.lens_model ?? null);

    if (label.gps_latitude !== undefined && label.gps_longitude !== undefined) {
      expect(m.gps).not.toBeNull();
      expect(Math.abs((m.gps?.lat ?? NaN) - label.gps_latitude)).toBeLessThan(1e-4);
      expect(Math.abs((m.gps?.lon ?? NaN) - label.gps_longitude)).toBeLessThan(1e-4);
      const alt = label.gps_altitude_m ?? known?.gpsAltitude ?? null;
      if (alt === null) expect(m.gps?.alt).toBeNull();
      else expect(Math.abs((m.gps?.alt ?? NaN) - alt)).toBeLessThan(0.01);
    } else {
      expect(m.gps).toBeNull();
    }

    expect(m.orientation).toBe(expectedOrientation(label));
  });

  it('finds no capture date where the only dates are in places deliberately not read', () => {
    for (const name of Object.keys(unreadDates)) expect(decoded.get(name)?.metadata.takenAt, `${name}: ${unreadDates[name]}`).toBeNull();
  });

  it('keeps dates that are odd but real: a camera default and a clock set in the future', () => {
    expect(decoded.get('sanyo-vpcg250.jpg')?.metadata.takenAt).toBe('1998-01-01T00:00:00');
    expect(decoded.get('WWL_(Polaroid)_ION230.jpg')?.metadata.takenAt).toBe('2026-11-24T14:41:16');
  });

  it('turns every landscape_* and portrait_* upright, pixel for pixel', () => {
    for (const kind of ['landscape', 'portrait'] as const) {
      const reference = decoded.get(`${kind}_1.jpg`) as DecodedPhoto;
      for (let n = 1; n <= 8; n++) {
        const photo = decoded.get(`${kind}_${n}.jpg`) as DecodedPhoto;
        if (kind === 'landscape') expect(photo.width, `${kind}_${n}`).toBeGreaterThan(photo.height);
        else expect(photo.height, `${kind}_${n}`).toBeGreaterThan(photo.width);
        // Each file stores the same picture transformed; upright, they differ only by JPEG re-compression.
        expect(meanAbsDiff(photo.preview.data, reference.preview.data), `${kind}_${n}`).toBeLessThan(10);
      }
      // The comparison can tell: the stored (mirrored) pixels of orientation 2 are far from upright.
      const mirrored = Buffer.from(reference.preview.data);
      const { width, height } = reference.preview;
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) mirrored.set(reference.preview.data.subarray((y * width + width - 1 - x) * 3, (y * width + width - x) * 3), (y * width + x) * 3);
      expect(meanAbsDiff(mirrored, reference.preview.data)).toBeGreaterThan(20);
    }
  });

  it('does not rotate a HEIC twice: libheif applies irot, the EXIF orientation is only reported', () => {
    const photo = decoded.get('iphone_13_pro_max.HEIC') as DecodedPhoto;
    expect(photo.metadata.orientation).toBe(6);
    expect({ width: photo.width, height: photo.height }).toEqual({ width: 3024, height: 4032 });
    expect(photo.preview).toMatchObject({ width: 768, height: 1024 });
  });

  it('reads the same metadata without decoding', async () => {
    for (const name of names) {
      expect(await readMetadata(fs.readFileSync(path.join(imagesDir, name))), name).toEqual(decoded.get(name)?.metadata);
    }
  });

  it('never writes to the originals', () => {
    for (const [name, hash] of hashesBefore) expect(sha256(name), name).toBe(hash);
  });
});

function meanAbsDiff(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}
