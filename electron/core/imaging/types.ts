/** Formats are named by what the bytes are, never by the file extension. */
export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'tiff' | 'gif' | 'heic';

/** Upright, sRGB, 8-bit interleaved RGB: what the models and the thumbnail writer consume. */
export interface RawRgbImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3;
}

/** Signed decimal degrees (south and west negative); altitude in metres above sea level. */
export interface GpsPosition {
  lat: number;
  lon: number;
  alt: number | null;
}

export interface PhotoMetadata {
  /** Local wall-clock time 'YYYY-MM-DDTHH:MM:SS' as the camera recorded it; no zone, no conversion. */
  takenAt: string | null;
  /** '+02:00' style offset of takenAt when the file says it. */
  takenTz: string | null;
  dateSource: 'exif' | 'xmp' | null;
  /**
   * Where takenTz came from: 'offset' when the file wrote it (EXIF OffsetTime*, an XMP date's zone); 'gps' when
   * it is the offset of the zone at the photo's GPS position on that date; null when the zone is unknown and
   * takenAt is the camera's local time in some zone.
   */
  takenTzSource: 'offset' | 'gps' | null;
  /** The IANA zone at the GPS position ('Europe/Rome') when takenTz came from it. */
  takenZone: string | null;
  /** Why the file's date tags gave no capture date (a placeholder year, a 31st of April…); null when dated or none. */
  dateProblem: string | null;
  /** Brand as people say it ('Nikon', not 'NIKON CORPORATION'). */
  cameraMake: string | null;
  /** Model exactly as the file has it, trimmed. */
  cameraModel: string | null;
  /** What to show: 'Nikon COOLPIX P6000', 'Canon EOS 40D'. */
  camera: string | null;
  lens: string | null;
  gps: GpsPosition | null;
  /** Why the file's GPS tags gave no position (0, 0, out of range, an altitude alone); null when there is none. */
  gpsProblem: string | null;
  /** EXIF orientation 1..8 as found in the file (EXIF first, else XMP tiff:Orientation). */
  orientation: number | null;
  /** Keywords other apps wrote into the file (XMP dc:subject, lr:hierarchicalSubject, digiKam:TagsList; IPTC), as paths 'A|B|C'. */
  keywords: string[];
}

export interface DecodedPhoto {
  format: PhotoFormat;
  /** Full-resolution size as a viewer shows it, i.e. after the orientation is applied. */
  width: number;
  height: number;
  metadata: PhotoMetadata;
  /** Upright sRGB RGB, long side at most `previewSize`, never upscaled. */
  preview: RawRgbImage;
}

export interface DecodeOptions {
  /** Images with more pixels than this are refused before anything is decompressed. Default 200 million. */
  maxPixels?: number;
  /** Long side of the preview in pixels. Default 1024. */
  previewSize?: number;
}
