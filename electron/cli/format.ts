import type { TagCountView } from '../contract/views.js';
import type { LibraryStatus } from '../core/library/LibraryService.js';
import type { OnThisDayView, PhotoDetailView, SearchPageView, TagView } from '../contract/views.js';

function tagList(tags: readonly TagView[]): string {
  return tags
    .filter((t) => t.state !== 'rejected')
    .map((t) => (t.confidence !== null && t.source === 'model' && t.state === 'suggested' ? `${t.name} (${Math.round(t.confidence * 100)}%)` : t.name))
    .join(', ');
}

export function printSearch(page: SearchPageView): void {
  if (page.total === 0) {
    console.log(`No photos match ${JSON.stringify(page.query)}.`);
    return;
  }
  const last = page.offset + page.results.length;
  console.log(`${page.total} photo(s) match ${JSON.stringify(page.query)}; showing ${page.offset + 1}–${last}.`);
  for (const photo of page.results) {
    console.log(`  ${photo.path}`);
    const details = [photo.takenAt?.replace('T', ' '), photo.camera, tagList(photo.tags)].filter(Boolean).join(' · ');
    if (details) console.log(`      ${details}`);
    if (photo.caption) console.log(`      “${photo.caption}”`);
  }
  if (last < page.total) console.log(`More with --offset ${last}.`);
}

export function printPhoto(photo: PhotoDetailView): void {
  const rows: [string, string | null][] = [
    ['path', photo.path],
    ['state', photo.state + (photo.errorReason ? ` — ${photo.errorReason}` : '')],
    ['format', photo.format],
    ['size', photo.width !== null ? `${photo.width}×${photo.height} px, ${(photo.size / 1024).toFixed(0)} KB` : `${(photo.size / 1024).toFixed(0)} KB`],
    ['taken', takenLine(photo)],
    ['camera', photo.camera],
    ['lens', photo.lens],
    ['', photo.dateProblem ? `no date: ${photo.dateProblem}` : null],
    ['place', photo.gps ? `${photo.place ? `${photo.place.name} (` : ''}${photo.gps.lat.toFixed(5)}, ${photo.gps.lon.toFixed(5)}${photo.gps.alt !== null ? `, ${photo.gps.alt.toFixed(0)} m` : ''}${photo.place ? ')' : ''}` : null],
    ['', photo.gpsProblem ? `no place: ${photo.gpsProblem}` : null],
    ['place', photo.placeEstimate ? `${photo.placeEstimate.name}, ${photo.placeEstimate.note}` : null],
    ['caption', photo.caption ? `${photo.caption}${photo.captionSource === 'user' ? ' (yours)' : ''}` : null],
    ['tags', photo.tags.length > 0 ? photo.tags.map((t) => `${t.name} [${t.source}/${t.state}${t.confidence !== null ? ` ${t.confidence.toFixed(2)}` : ''}]`).join(', ') : null],
    ['faces', photo.faces.length > 0 ? photo.faces.map((f) => `${f.id}: ${f.personName ?? (f.personId !== null ? `person ${f.personId}` : f.skipped ? `not recognisable (${f.skipped})` : 'ungrouped')}`).join(', ') : null],
    ['text', photo.text ? (photo.text.fullText || '(none found)') : null],
  ];
  for (const [label, value] of rows) if (value) console.log(`${label.padEnd(8)} ${value}`);
}

/**
 * "2019-07-14 10:02:03 +02:00 (from exif)", "… +02:00 (from exif, zone Europe/Rome from GPS)", "… (from exif, time
 * zone unknown)" or "undated (file date …)".
 */
export function takenLine(photo: PhotoDetailView): string {
  if (photo.takenAt === null) return `undated${photo.fileDate ? ` (file date ${photo.fileDate.replace('T', ' ')})` : ''}`;
  const zone = photo.takenTz ? ` ${photo.takenTz}` : '';
  const how = photo.zoneSource === 'gps' ? `, zone ${photo.timeZone ?? ''} from GPS` : photo.zoneSource === 'unknown' ? ', time zone unknown' : '';
  return `${photo.takenAt.replace('T', ' ')}${zone} (from ${photo.dateSource ?? 'the file'}${how})`;
}

export function printOnThisDay(view: OnThisDayView): void {
  if (view.years.length === 0) {
    console.log(`No photos taken on ${view.today.slice(5)} in earlier years.`);
    return;
  }
  for (const year of view.years) {
    console.log(`${year.year} (${year.yearsAgo} year${year.yearsAgo === 1 ? '' : 's'} ago): ${year.total} photo${year.total === 1 ? '' : 's'}`);
    for (const photo of year.photos) console.log(`  ${photo.path}`);
    if (year.total > year.photos.length) console.log(`  … search them all with: phototag search day:${year.year}-${view.today.slice(5)}`);
  }
}

export function printTags(tags: readonly TagCountView[]): void {
  if (tags.length === 0) {
    console.log('No tags yet. Index some photos first: phototag index');
    return;
  }
  const width = Math.max(...tags.map((t) => t.name.length));
  for (const tag of tags) console.log(`${tag.name.padEnd(width)}  ${String(tag.count).padStart(7)}  ${tag.kind}`);
}

export function printStatus(status: LibraryStatus): void {
  const p = status.photos;
  console.log(`Library in ${status.dataDir}`);
  console.log(`Photos: ${p.total} (${p.indexed} indexed, ${p.queued} queued, ${p.failed} failed)${p.missing > 0 ? `; ${p.missing} missing from disk` : ''}`);
  if (status.folders.length === 0) console.log('No folders yet. Add one with: phototag add <folder>');
  for (const folder of status.folders) {
    const when = folder.lastScanAt ? new Date(folder.lastScanAt).toLocaleString() : 'never';
    console.log(`  ${folder.path}  (${folder.photos} photos, last scanned ${when})`);
  }
  if (status.failures.length > 0) {
    console.log('Failed photos:');
    for (const failure of status.failures) console.log(`  ${failure.path}: ${failure.reason ?? failure.kind}`);
  }
}
