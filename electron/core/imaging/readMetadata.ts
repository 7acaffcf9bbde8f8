import exifr from 'exifr';
import { cameraDisplayName, cleanExifText, normaliseMake } from './cameraNames.js';
import { isTiffHeader } from './exifBlocks.js';
import { parseOffset, readExifDateTime, readXmpDateTime } from './exifDates.js';
import { readGps, type RawGpsTags } from './gps.js';
import { scanPng, type PngScan } from './pngChunks.js';
import { sniffFormat, sniffHeadBytes } from './sniffFormat.js';
import { offsetInZone, zoneAt } from './timeZones.js';
import type { GpsPosition, PhotoFormat, PhotoMetadata } from './types.js';
import { scanWebp } from './webpChunks.js';
import { readXmp, type XmpFacts } from './xmp.js';
import { readKeywords } from './keywords.js';

/**
 * Only the tags Phototag stores are picked, which keeps parsing to a fraction of a millisecond. Values are not
 * revived: exifr would turn local EXIF dates into Date objects in the machine's zone, losing the wall clock.
 * XMP comes back unparsed because exifr merges XMP properties into the EXIF blocks, and then a date could no
 * longer be told apart from one that came from EXIF.
 */
const exifrOptions = {
  tiff: true,
  ifd0: { pick: ['Make', 'Model', 'Orientation'] },
  exif: { pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTime', 'OffsetTimeOriginal', 'OffsetTimeDigitized', 'LensModel'] },
  gps: { pick: ['GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef', 'GPSAltitude', 'GPSAltitudeRef'] },
  xmp: { parse: false },
  ifd1: false,
  interop: false,
  icc: false,
  iptc: { pick: ['Keywords'] },
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: false,
  mergeOutput: false,
  reviveValues: false,
  translateValues: false,
  sanitize: true,
  silentErrors: true,
};

type Tags = Record<string, unknown>;

/** The raw metadata a file carries, before any interpretation. */
export interface MetadataBlocks {
  ifd0: Tags;
  exif: Tags;
  gps: Tags;
  xmp: string | null;
  /** IPTC Keywords (JPEG, TIFF), as exifr gives them: a string or a list. */
  iptcKeywords?: unknown;
}

const noBlocks: MetadataBlocks = { ifd0: {}, exif: {}, gps: {}, xmp: null };

/**
 * Date, camera, lens, GPS and orientation of a photo. Never throws: a file whose EXIF is damaged or hostile
 * simply has fewer facts, since metadata must never cost the user the picture.
 */
export async function readMetadata(bytes: Buffer): Promise<PhotoMetadata> {
  return metadataOf(bytes, sniffFormat(bytes.subarray(0, sniffHeadBytes)));
}

/** readMetadata for a caller that already sniffed the format (and maybe walked the PNG). Never rejects. */
export async function metadataOf(bytes: Buffer, format: PhotoFormat | null, png?: PngScan): Promise<PhotoMetadata> {
  try {
    return interpretMetadata(await readMetadataBlocks(bytes, format, png));
  } catch {
    return emptyPhotoMetadata();
  }
}

/** What a photo whose metadata cannot be read has: nothing (its keywords a fresh list, for the caller to fill). */
export function emptyPhotoMetadata(): PhotoMetadata {
  return { ...emptyMetadata, keywords: [] };
}

const emptyMetadata: PhotoMetadata = {
  takenAt: null,
  takenTz: null,
  dateSource: null,
  takenTzSource: null,
  takenZone: null,
  dateProblem: null,
  cameraMake: null,
  cameraModel: null,
  camera: null,
  lens: null,
  gps: null,
  gpsProblem: null,
  orientation: null,
  keywords: [],
};

/** Finds the EXIF and XMP blocks. `png` lets a caller that already walked the PNG's chunks skip a second walk. */
export async function readMetadataBlocks(bytes: Buffer, format: PhotoFormat | null, png?: PngScan): Promise<MetadataBlocks> {
  try {
    switch (format) {
      case 'png': {
        const scan = png ?? scanPng(bytes);
        return { ...(await parseExif(scan.exif)), xmp: scan.xmp };
      }
      case 'webp': {
        const found = scanWebp(bytes);
        return { ...(await parseExif(found.exif)), xmp: found.xmp };
      }
      case 'jpeg':
      case 'tiff':
      case 'heic':
      case 'avif': {
        const output = record(await exifr.parse(bytes, exifrOptions));
        return {
          ifd0: record(output.ifd0),
          exif: record(output.exif),
          gps: record(output.gps),
          xmp: typeof output.xmp === 'string' ? output.xmp : null,
          iptcKeywords: record(output.iptc).Keywords ?? null,
        };
      }
      default:
        // GIF metadata (XMP in an application extension) is too rare in photo libraries to be worth a parser.
        return noBlocks;
    }
  } catch {
    return noBlocks;
  }
}

async function parseExif(tiff: Buffer | null): Promise<Omit<MetadataBlocks, 'xmp'>> {
  if (!tiff || !isTiffHeader(tiff)) return noBlocks;
  try {
    const output = record(await exifr.parse(tiff, exifrOptions));
    return { ifd0: record(output.ifd0), exif: record(output.exif), gps: record(output.gps) };
  } catch {
    return noBlocks;
  }
}

export function interpretMetadata(blocks: MetadataBlocks): PhotoMetadata {
  const { ifd0, exif, gps } = blocks;
  const xmp = readXmpSafely(blocks.xmp);
  const rawMake = cleanExifText(ifd0.Make);
  const rawModel = cleanExifText(ifd0.Model);
  const gpsReading = readGps(gps as RawGpsTags);
  return {
    ...zoneFromGps(captureTime(exif, xmp), gpsReading.gps),
    cameraMake: normaliseMake(rawMake),
    cameraModel: rawModel,
    camera: cameraDisplayName(rawMake, rawModel),
    lens: lensName(cleanExifText(exif.LensModel)) ?? lensName(xmp?.lens ?? null),
    gps: gpsReading.gps,
    gpsProblem: gpsReading.problem,
    orientation: orientationValue(ifd0.Orientation) ?? xmp?.orientation ?? null,
    keywords: readKeywordsSafely(blocks.xmp, blocks.iptcKeywords),
  };
}

/** A hostile packet must not cost the photo its other facts. */
function readKeywordsSafely(xmp: string | null, iptc: unknown): string[] {
  try {
    return readKeywords(xmp, iptc);
  } catch {
    return [];
  }
}

/**
 * EXIF DateTimeOriginal, else EXIF CreateDate (DateTimeDigitized), else the same two properties in XMP.
 * XMP's own xmp:CreateDate is deliberately not used: it is when the document was created by an editor, which
 * for an exported or scanned file is not when the photo was taken; the file time is a better guess then.
 */
function captureTime(exif: Tags, xmp: XmpFacts | null): Pick<PhotoMetadata, 'takenAt' | 'takenTz' | 'dateSource' | 'takenTzSource' | 'dateProblem'> {
  const xmpOriginal = readXmpDateTime(xmp?.dateTimeOriginal);
  const xmpDigitized = readXmpDateTime(xmp?.dateTimeDigitized);
  // Editors often copy the EXIF time into XMP with the zone added; when the wall clock agrees, the zone is trusted.
  const zoneFromXmp = (local: string) => {
    for (const d of [xmpOriginal, xmpDigitized]) if (d?.local === local && d.offset !== null) return d.offset;
    return null;
  };
  const dated = (takenAt: string, takenTz: string | null, dateSource: 'exif' | 'xmp') =>
    ({ takenAt, takenTz, dateSource, takenTzSource: takenTz === null ? null : 'offset', dateProblem: null }) as const;

  const original = readExifDateTime(exif.DateTimeOriginal);
  if (original?.local !== undefined) {
    return dated(original.local, parseOffset(exif.OffsetTimeOriginal) ?? parseOffset(exif.OffsetTime) ?? zoneFromXmp(original.local), 'exif');
  }
  const digitized = readExifDateTime(exif.CreateDate);
  if (digitized?.local !== undefined) {
    return dated(digitized.local, parseOffset(exif.OffsetTimeDigitized) ?? parseOffset(exif.OffsetTime) ?? zoneFromXmp(digitized.local), 'exif');
  }
  const fromXmp = xmpOriginal?.local !== undefined ? xmpOriginal : xmpDigitized?.local !== undefined ? xmpDigitized : null;
  if (fromXmp?.local !== undefined) return dated(fromXmp.local, fromXmp.offset, 'xmp');
  // Only the first refused tag is named: it is the one the camera meant as the capture time.
  const refused = [
    ['DateTimeOriginal', original],
    ['CreateDate', digitized],
    ['XMP DateTimeOriginal', xmpOriginal],
    ['XMP DateTimeDigitized', xmpDigitized],
  ].find((entry): entry is [string, { problem: string }] => typeof (entry[1] as { problem?: unknown } | null)?.problem === 'string');
  return { takenAt: null, takenTz: null, dateSource: null, takenTzSource: null, dateProblem: refused ? `${refused[0]} ${refused[1].problem}` : null };
}

type CaptureTime = ReturnType<typeof captureTime>;

/**
 * A date the file wrote no offset for takes the offset of the zone at the photo's GPS position on that date: the
 * camera's clock is set to local time where it is used, and the position says where that was.
 */
function zoneFromGps(time: CaptureTime, gps: GpsPosition | null): CaptureTime & Pick<PhotoMetadata, 'takenZone'> {
  if (time.takenAt === null || time.takenTz !== null || gps === null) return { ...time, takenZone: null };
  const zone = zoneAt(gps.lat, gps.lon);
  const offset = zone === null ? null : offsetInZone(time.takenAt, zone);
  return offset === null ? { ...time, takenZone: null } : { ...time, takenTz: offset, takenTzSource: 'gps', takenZone: zone };
}

function readXmpSafely(packet: string | null): XmpFacts | null {
  if (packet === null) return null;
  try {
    return readXmp(packet);
  } catch {
    return null;
  }
}

function orientationValue(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8 ? value : null;
}

/** Cameras without lens data write placeholders such as '----' or '0.0 mm f/0.0'. */
function lensName(text: string | null): string | null {
  if (text === null || !/[1-9A-Za-z]/.test(text.replace(/\bmm\b|\bf\//g, ''))) return null;
  return text;
}

function record(value: unknown): Tags {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Tags) : {};
}
