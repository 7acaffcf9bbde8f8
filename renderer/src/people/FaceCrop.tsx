import { useState } from 'react';
import { useClient } from '../api/ClientContext.js';

export interface FaceCropProps {
  photo: { id: number; thumbnailHash: string };
  /** The face as fractions of the photo: [x1, y1, x2, y2]. */
  box: readonly [number, number, number, number];
  alt: string;
}

/**
 * A square cut around one face, from the photo's thumbnail: the image is scaled and shifted in a square frame so
 * the face (with some room around it) fills it. Small faces come from the 1024-px preview so they stay sharp.
 */
export function FaceCrop({ photo, box, alt }: FaceCropProps) {
  const client = useClient();
  // The image's proportions are known once it loads; until then it stays invisible rather than misplaced.
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const [x1, y1, x2, y2] = box;
  const large = x2 - x1 < 0.3 && y2 - y1 < 0.3;
  const w = size?.w ?? 1;
  const h = size?.h ?? 1;
  const side = Math.min(Math.max((x2 - x1) * w, (y2 - y1) * h) * 1.5, w, h);
  const cx = ((x1 + x2) / 2) * w;
  const cy = ((y1 + y2) / 2) * h;
  const left = Math.min(Math.max(cx - side / 2, 0), w - side);
  const top = Math.min(Math.max(cy - side / 2, 0), h - side);
  return (
    <span className="face-crop">
      <img
        src={client.thumbnailUrl(photo, large ? 1024 : 256)}
        alt={alt}
        loading="lazy"
        onLoad={(event) => setSize({ w: event.currentTarget.naturalWidth, h: event.currentTarget.naturalHeight })}
        style={{ width: `${(100 * w) / side}%`, left: `${(-100 * left) / side}%`, top: `${(-100 * top) / side}%`, opacity: size ? 1 : 0 }}
      />
    </span>
  );
}
