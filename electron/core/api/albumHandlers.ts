import type { ApiMethod, ApiOutputs, ApiParsedInput } from '../../contract/api.js';
import type { AlbumService } from '../albums/AlbumService.js';
import type { PhotoMarkService } from '../albums/PhotoMarkService.js';

type AlbumMethod = Extract<ApiMethod, `albums.${string}` | 'photos.setFavorite' | 'photos.setRating'>;

/** Shaped like ApiHandlers, so spreading these into createApiHandlers type-checks. */
export type AlbumHandlers = { [M in AlbumMethod]: (input: ApiParsedInput<M>) => ApiOutputs[M] };

export interface AlbumHandlerDeps {
  albums: AlbumService;
  marks: PhotoMarkService;
  /** Tells the UI that counts and results may have changed. */
  notifyAlbums(): void;
}

/** Favourites, ratings and albums (electron/core/albums), to spread into createApiHandlers. */
export function createAlbumHandlers(deps: AlbumHandlerDeps): AlbumHandlers {
  const { albums, marks } = deps;
  const changed = <T>(value: T): T => {
    deps.notifyAlbums();
    return value;
  };
  return {
    'photos.setFavorite': (input) => changed({ photos: marks.setFavorite(input.photoIds, input.favorite) }),
    'photos.setRating': (input) => changed({ photos: marks.setRating(input.photoIds, input.rating) }),
    'albums.list': () => albums.list(),
    'albums.get': (input) => albums.get(input.id),
    'albums.create': (input) => changed(albums.create(input.name, input.query, input.photoIds)),
    'albums.rename': (input) => changed(albums.rename(input.id, input.name)),
    'albums.setQuery': (input) => changed(albums.setQuery(input.id, input.query)),
    'albums.delete': (input) => changed(albums.delete(input.id)),
    'albums.addPhotos': (input) => changed(albums.addPhotos(input.id, input.photoIds)),
    'albums.removePhotos': (input) => changed(albums.removePhotos(input.id, input.photoIds)),
  };
}
