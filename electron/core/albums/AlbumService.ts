import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { AlbumRow } from '../../../db/repositories/AlbumRepository.js';
import { parseQuery } from '../../../db/search/parseQuery.js';
import { QueryError } from '../../../db/search/QueryError.js';
import { albumSearchQuery } from '../../contract/api.js';
import type { AlbumListView, AlbumView } from '../../contract/views.js';
import { systemClock, type Clock } from '../adapters/clock.js';
import { LibraryError } from '../library/errors.js';
import { requirePhotos } from './PhotoMarkService.js';

/**
 * Albums: hand-picked collections and smart albums (a saved search query). An album's photos are always what
 * searching album:"<name>" finds, so its count, the sidebar and the album's screen agree, and a smart album
 * follows the library as tags and marks change. Deleting an album never deletes a photo.
 */
export class AlbumService {
  constructor(
    private readonly library: LibraryDatabase,
    private readonly clock: Clock = systemClock,
  ) {}

  list(): AlbumListView {
    return { favorites: this.count('is:favorite'), albums: this.library.albums.list().map((row) => this.view(row)) };
  }

  get(id: number): AlbumView {
    return this.view(this.row(id));
  }

  /** A smart album when `query` is given; else hand-picked, holding `photoIds`. */
  create(name: string, query: string | undefined, photoIds: readonly number[]): AlbumView {
    const id = this.library.transaction(() => {
      this.refuseTakenName(name);
      if (query !== undefined && photoIds.length > 0) throw new LibraryError('bad-request', 'A smart album holds the photos its query finds: give a query or photos, not both.');
      if (query !== undefined) checkQuery(query);
      const created = this.library.albums.create(name, query ?? null, this.clock.now());
      if (query !== undefined) this.checkSmartAlbums(created);
      else this.addTo(created, photoIds);
      return created;
    });
    return this.get(id);
  }

  rename(id: number, name: string): AlbumView {
    this.library.transaction(() => {
      const row = this.row(id);
      if (row.name.toLowerCase() !== name.toLowerCase()) this.refuseTakenName(name);
      this.library.albums.rename(id, name, this.clock.now());
      // Smart albums name others by name: a new name may complete a loop, or break one's reference.
      this.checkSmartAlbums(id);
    });
    return this.get(id);
  }

  setQuery(id: number, query: string): AlbumView {
    this.library.transaction(() => {
      const row = this.row(id);
      if (row.query === null) throw new LibraryError('bad-request', `"${row.name}" is a hand-picked album: it has no query to change.`);
      checkQuery(query);
      this.library.albums.setQuery(id, query, this.clock.now());
      this.checkSmartAlbums(id);
    });
    return this.get(id);
  }

  delete(id: number): { deleted: number; name: string } {
    return this.library.transaction(() => {
      const row = this.row(id);
      const members = this.library.albums.photoIds(id);
      this.library.albums.delete(id);
      // Their search rows still name the album's token.
      for (const photoId of members) this.library.searchIndex.refresh(photoId);
      return { deleted: id, name: row.name };
    });
  }

  addPhotos(id: number, photoIds: readonly number[]): { album: AlbumView; added: number } {
    const added = this.library.transaction(() => this.addTo(id, photoIds));
    return { album: this.get(id), added };
  }

  removePhotos(id: number, photoIds: readonly number[]): { album: AlbumView; removed: number } {
    const removed = this.library.transaction(() => {
      this.handPicked(this.row(id));
      const ids = [...new Set(photoIds)];
      const n = this.library.albums.removePhotos(id, ids);
      for (const photoId of ids) this.library.searchIndex.refresh(photoId);
      return n;
    });
    return { album: this.get(id), removed };
  }

  private addTo(id: number, photoIds: readonly number[]): number {
    this.handPicked(this.row(id));
    const ids = [...new Set(photoIds)];
    requirePhotos(this.library, ids);
    const added = this.library.albums.addPhotos(id, ids, this.clock.now());
    for (const photoId of ids) this.library.searchIndex.refresh(photoId);
    return added;
  }

  private view(row: AlbumRow): AlbumView {
    const page = this.search(albumSearchQuery(row.name), 1);
    const first = page.results[0];
    const cover = first ? this.library.photos.byId(first.photoId) : undefined;
    return {
      id: row.id,
      name: row.name,
      kind: row.query === null ? 'hand-picked' : 'smart',
      query: row.query,
      photos: page.total,
      cover: cover ? { id: cover.id, thumbnailHash: cover.contentHash } : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private count(query: string): number {
    return this.search(query, 1).total;
  }

  /** The search the album's screen runs, so counts agree with what it shows. */
  private search(query: string, limit: number) {
    try {
      return this.library.search(query, { limit, prefixLastWord: false });
    } catch (error) {
      // A smart album whose query stopped working shows as empty here; opening it says why.
      if (error instanceof QueryError) return { total: 0, results: [] };
      throw error;
    }
  }

  /** Every smart album's query must still compile (no album reaching itself): else the change is refused. */
  private checkSmartAlbums(changed: number): void {
    // The album just changed first, so a loop is named from where the user is.
    const albums = this.library.albums.list().sort((x, y) => Number(y.id === changed) - Number(x.id === changed));
    for (const album of albums) {
      if (album.query === null) continue;
      try {
        this.library.search(albumSearchQuery(album.name), { limit: 1, prefixLastWord: false });
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        const message = error.message.replace(/ at column \d+/, '');
        throw new LibraryError('query-syntax', /^(Album "|The query of album)/.test(message) ? message : `Smart album "${album.name}": ${message}`, { album: album.name });
      }
    }
  }

  private refuseTakenName(name: string): void {
    const taken = this.library.albums.byName(name);
    if (taken) throw new LibraryError('bad-request', `There is already an album called "${taken.name}": choose another name.`);
  }

  private handPicked(row: AlbumRow): void {
    if (row.query !== null) throw new LibraryError('bad-request', `"${row.name}" is a smart album: it holds what its query finds (${row.query}), so photos cannot be added or removed by hand.`);
  }

  private row(id: number): AlbumRow {
    const row = this.library.albums.byId(id);
    if (!row) throw new LibraryError('not-found', `No album ${id}: it may have been deleted. Reload the albums.`);
    return row;
  }
}

/** A smart album's query must parse and find something narrower than "every photo". */
function checkQuery(query: string): void {
  let root;
  try {
    root = parseQuery(query, { prefixLastWord: false }).root;
  } catch (error) {
    if (error instanceof QueryError) throw new LibraryError('query-syntax', error.message, { position: error.position, length: error.length });
    throw error;
  }
  if (root === null) throw new LibraryError('query-syntax', 'A smart album needs a search query, e.g. tag:dog rating:4+.');
}
