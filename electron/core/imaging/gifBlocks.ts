export interface GifScan {
  canvasWidth: number;
  canvasHeight: number;
  /** Position and size of the first frame, the only one Phototag decodes. Null when there is none. */
  firstFrame: { left: number; top: number; width: number; height: number } | null;
}

/**
 * Reads a GIF's logical screen and its first image descriptor without decoding anything. Bombs hide in either:
 * a 44-byte file can place a 65535-pixel-wide frame 65280 rows down, far outside a 32×32 canvas.
 */
export function scanGif(bytes: Buffer): GifScan {
  const scan: GifScan = { canvasWidth: 0, canvasHeight: 0, firstFrame: null };
  if (bytes.length < 13) return scan;
  scan.canvasWidth = bytes.readUInt16LE(6);
  scan.canvasHeight = bytes.readUInt16LE(8);
  const flags = bytes[10] ?? 0;
  let at = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  while (at < bytes.length) {
    const introducer = bytes[at];
    if (introducer === 0x2c) {
      if (at + 10 > bytes.length) break;
      scan.firstFrame = { left: bytes.readUInt16LE(at + 1), top: bytes.readUInt16LE(at + 3), width: bytes.readUInt16LE(at + 5), height: bytes.readUInt16LE(at + 7) };
      break;
    }
    if (introducer !== 0x21) break;
    // Extension: label byte, then data sub-blocks each prefixed by their length, ended by a zero length.
    at += 2;
    while (at < bytes.length) {
      const size = bytes[at] ?? 0;
      at += 1 + size;
      if (size === 0) break;
    }
  }
  return scan;
}
