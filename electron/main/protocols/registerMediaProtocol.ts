import { pathToFileURL } from 'node:url';
import type { Protocol } from 'electron';
import { net } from 'electron';
import type { MediaRequest } from '../../contract/media.js';
import type { MediaReply } from '../library/LibraryClient.js';
import { parseMediaUrl } from './mediaUrl.js';
import { MEDIA_SCHEME } from './schemes.js';

export interface MediaSource {
  media(request: MediaRequest): Promise<MediaReply>;
}

const errorHeaders = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };

/**
 * Serves thumbnails and originals on `phototag-media://`. The URL only names a photo id; the library decides
 * which file that is (and refuses files that lead outside the library folders), and only that file is read.
 */
export function registerMediaProtocol(protocol: Protocol, library: MediaSource): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: errorHeaders });
    const media = parseMediaUrl(request.url);
    if (media === null) return new Response('not a Phototag media URL', { status: 400, headers: errorHeaders });
    const answer = await library.media(media);
    if (!answer.ok) return new Response(answer.reason, { status: answer.status, headers: errorHeaders });
    // net.fetch streams the file (an original can be tens of megabytes) instead of reading it into memory.
    let file: Response;
    try {
      file = await net.fetch(pathToFileURL(answer.file).toString());
    } catch {
      file = Response.error();
    }
    if (!file.ok) return new Response('the picture could not be read', { status: 404, headers: errorHeaders });
    return new Response(file.body, {
      headers: {
        'Content-Type': answer.mime,
        'X-Content-Type-Options': 'nosniff',
        // A photo edited on disk keeps its URL: make the UI revalidate rather than show a stale thumbnail.
        'Cache-Control': 'no-cache',
      },
    });
  });
}
