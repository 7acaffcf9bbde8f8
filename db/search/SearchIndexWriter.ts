import path from 'node:path';
import type { Db } from '../openDatabase.js';
import { FACETS_SQL, faceCountTokens, markFacets, personToken, placeEstimateFacets, placeFacets, stateToken } from './facetTokens.js';

/**
 * Keeps `photo_search` (FTS5, rowid = photo id) in step with a photo's tags, caption, names, camera, place and the facet
 * tokens that structured filters match (see facetTokens.ts). Called by the writer after every change to those;
 * missing photos leave the index.
 */
export class SearchIndexWriter {
  private readonly photoStmt;
  private readonly tagsStmt;
  private readonly deleteStmt;
  private readonly insertStmt;
  private readonly valuesStmt;
  private readonly placeStmt;
  private readonly estimateStmt;
  private readonly facesStmt;
  private readonly markStmt;
  private readonly albumsStmt;
  private readonly hiddenStmt;
  private readonly textStmt;

  constructor(db: Db) {
    this.photoStmt = db.prepare<[number], {
      path: string; fileName: string; state: string; camera: string | null; make: string | null; model: string | null;
      lens: string | null; caption: string | null; folder: string | null;
    }>(
      `SELECT p.path, p.file_name AS fileName, p.state, p.camera, p.camera_make AS make, p.camera_model AS model, p.lens,
              c.text AS caption, f.path AS folder
       FROM photos p LEFT JOIN captions c ON c.photo_id = p.id LEFT JOIN folders f ON f.id = p.folder_id WHERE p.id = ?`,
    );
    this.tagsStmt = db.prepare<[number], { name: string; aliases: string | null }>(
      `SELECT t.name, (SELECT group_concat(alias, ' ') FROM tag_synonyms s WHERE s.tag_id = t.id) AS aliases
       FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.photo_id = ? AND pt.state != 'rejected'`,
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM photo_search WHERE rowid = ?');
    // Facets are computed in SQL from the rows just written: the expression migration 0002 backfilled with, and
    // then the place tokens (placeFacets), which need JS to fold accents, and the people and face counts (faces).
    this.insertStmt = db.prepare<[string, string, string, string, string, string, string, string, number]>(
      `INSERT INTO photo_search (rowid, tags, caption, file_name, folder, camera, facets, place, text)
       SELECT p.id, ?, ?, ?, ?, ?, ${FACETS_SQL} || ?, ?, ? FROM photos p WHERE p.id = ?`,
    );
    // Text read for the photo's present content only: a row left from older content is not what the photo says.
    this.textStmt = db.prepare<[number], { fullText: string }>(
      `SELECT t.full_text AS fullText FROM photo_text t JOIN photos p ON p.id = t.photo_id AND p.content_hash = t.content_hash WHERE t.photo_id = ?`,
    );
    this.placeStmt = db.prepare<[number], { town: string | null; region: string | null; country: string | null; countryCode: string | null }>(
      `SELECT town, region, country, country_code AS countryCode FROM photo_places WHERE photo_id = ?`,
    );
    this.estimateStmt = db.prepare<[number], { town: string | null; region: string | null; countryCode: string | null }>(
      `SELECT town, region, country_code AS countryCode FROM photo_place_estimates WHERE photo_id = ?`,
    );
    this.facesStmt = db.prepare<[number], { personId: number | null; name: string | null }>(
      'SELECT f.person_id AS personId, pe.name FROM faces f LEFT JOIN people pe ON pe.id = f.person_id WHERE f.photo_id = ?',
    );
    this.markStmt = db.prepare<[number], { favorite: number; rating: number }>('SELECT favorite, rating FROM photo_marks WHERE photo_id = ?');
    this.albumsStmt = db.prepare<[number], number>('SELECT album_id FROM album_photos WHERE photo_id = ? ORDER BY album_id').pluck();
    this.hiddenStmt = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM hidden_photos WHERE photo_id = ?');
    this.valuesStmt = db.prepare<{ id: number }>(
      `INSERT OR IGNORE INTO search_values (kind, value)
       SELECT 'camera', camera FROM photos WHERE id = @id AND camera IS NOT NULL
       UNION ALL SELECT 'camera', camera_make FROM photos WHERE id = @id AND camera_make IS NOT NULL
       UNION ALL SELECT 'camera', camera_model FROM photos WHERE id = @id AND camera_model IS NOT NULL
       UNION ALL SELECT 'lens', lens FROM photos WHERE id = @id AND lens IS NOT NULL`,
    );
  }

  refresh(photoId: number): void {
    this.deleteStmt.run(photoId);
    const photo = this.photoStmt.get(photoId);
    if (!photo || photo.state === 'missing') return;
    const faces = this.facesStmt.all(photoId);
    const personIds = [...new Set(faces.flatMap((f) => (f.personId === null ? [] : [f.personId])))];
    const names = [...new Set(faces.flatMap((f) => (f.name ? [f.name] : [])))];
    // Named people are words of the tags column, so "alice" finds her photos as free text.
    const tags = [...this.tagsStmt.all(photoId).map((t) => (t.aliases ? `${t.name} ${t.aliases}` : t.name)), ...names].join(' ; ');
    const hidden = this.hiddenStmt.get(photoId) ? [stateToken('hidden')] : [];
    const faceFacets = [...faceCountTokens(faces.length), ...personIds.map(personToken), ...hidden].map((t) => ` ${t}`).join('');
    // The folder column holds the photo's directory relative to its library folder, plus that folder's own name.
    const dir = path.dirname(photo.path);
    const folder = photo.folder ? [path.basename(photo.folder), path.relative(photo.folder, dir)].filter(Boolean).join(' ') : dir;
    const camera = [photo.camera, photo.make, photo.model, photo.lens].filter(Boolean).join(' ');
    const stem = photo.fileName.replace(/\.[^.]+$/, '');
    // The facets name cameras and lenses by their search_values ids, so those rows come first.
    this.valuesStmt.run({ id: photoId });
    const place = this.placeStmt.get(photoId);
    // The country code stays out of the text: "it" or "us" typed as a word must not match every photo taken there.
    const placeText = place ? [place.town, place.region, place.country].filter(Boolean).join(' ; ') : '';
    // The user's favourite, rating and hand-picked albums (migration 0011).
    const mark = this.markStmt.get(photoId);
    const userFacets = markFacets({ favorite: mark?.favorite === 1, rating: mark?.rating ?? 0 }, this.albumsStmt.all(photoId));
    const text = this.textStmt.get(photoId)?.fullText ?? '';
    const textFacet = text.trim() === '' ? '' : ' xtext';
    // An estimated place is facet tokens only (estimate:, has:estimate), never words of the place column: free text
    // and place: find measured places alone.
    const estimate = placeEstimateFacets(this.estimateStmt.get(photoId));
    this.insertStmt.run(tags, photo.caption ?? '', `${photo.fileName} ${stem.replace(/[_\-.]+/g, ' ')}`, folder, camera, placeFacets(place) + estimate + faceFacets + userFacets + textFacet, placeText, text, photoId);
  }
}
