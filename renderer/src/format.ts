/** How numbers, times and dates read in the UI. */

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const hours = Math.floor(seconds / 3600);
  return `${hours} h ${Math.round((seconds - hours * 3600) / 60)} min`;
}

/** A photo's date as taken (local time of the camera, as EXIF stores it). */
export function takenDate(takenAt: string | null): string {
  if (!takenAt) return 'No date';
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(takenAt);
  if (!match) return takenAt;
  const [, y, m, d, hh, mm] = match;
  const date = new Date(Number(y), Number(m) - 1, Number(d));
  const day = date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
  return hh !== undefined ? `${day}, ${hh}:${mm}` : day;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function percent(confidence: number | null): string {
  return confidence === null ? '' : `${Math.round(confidence * 100)}%`;
}

export function fileName(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}

/**
 * The photo view's "Taken": the date with its offset, or "time zone unknown" when the file wrote none; an undated
 * photo says so, with the file's own date only as a hint (copies and downloads change it).
 */
export function takenText(photo: {
  takenAt: string | null;
  takenTz: string | null;
  undated: boolean;
  fileDate: string | null;
  dateProblem: string | null;
  timeZone: string | null;
}): string {
  if (photo.takenAt === null || photo.undated) {
    const hint = photo.fileDate ? ` (file date ${takenDate(photo.fileDate)})` : '';
    return `Undated${hint}${photo.dateProblem ? ` · ${photo.dateProblem}` : ''}`;
  }
  if (photo.takenTz === null) return `${takenDate(photo.takenAt)} (time zone unknown)`;
  return `${takenDate(photo.takenAt)} (UTC${photo.takenTz}${photo.timeZone ? `, ${photo.timeZone} from the GPS position` : ''})`;
}
