import { readJson, sharedData } from './sharedData.js';

/** One file's ground truth in ../shared/data/exif/labels.json (read with exiftool -n; absent keys: the file lacks the tag). */
export interface ExifLabel {
  format: string;
  width: number;
  height: number;
  make?: string;
  model?: string;
  datetime_original?: string;
  create_date?: string;
  xmp_datetime_original?: string;
  offset_time_original?: string;
  exif_orientation?: number;
  xmp_orientation?: number | string;
  gps_latitude?: number;
  gps_longitude?: number;
  gps_altitude_m?: number;
  lens_model?: string;
}

export function readExifLabels(): Record<string, ExifLabel> {
  return readJson<Record<string, ExifLabel>>(sharedData('exif', 'labels.json'));
}

/** exiftool's "YYYY:MM:DD HH:MM:SS" (any zone suffix dropped) as the library stores it: "YYYY-MM-DDTHH:MM:SS". */
export const exifDate = (s: string): string => s.slice(0, 19).replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T');
