import { useEffect, useState } from 'react';
import { useClient } from '../api/ClientContext.js';

/**
 * The URL of the photo at full size: the original where the browser shows its format, else a large JPEG the
 * library makes for it (HEIC, TIFF). The library decides which (`photos.prepareView`); null until it has answered,
 * or when it cannot (the viewer keeps the large thumbnail then).
 */
export function useFullPicture(photoId: number | null): string | null {
  const client = useClient();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    setUrl(null);
    if (photoId === null) return;
    let current = true;
    void client.call('photos.prepareView', { id: photoId }).then((result) => {
      if (current && result.ok) setUrl(client.mediaUrl({ kind: result.value.media, photoId }));
    });
    return () => {
      current = false;
    };
  }, [client, photoId]);
  return url;
}
