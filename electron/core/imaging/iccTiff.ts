/**
 * Wraps raw RGB pixels and an ICC profile in a minimal uncompressed TIFF. sharp cannot attach a profile to raw
 * input, but it converts any input with an embedded profile to sRGB, so this is how pixels decoded outside
 * libvips (HEIC, usually Display P3 on iPhones) get the same colour management as everything else.
 */
export function rgbTiffWithIcc(pixels: Buffer, width: number, height: number, icc: Buffer): Buffer {
  const entries: [tag: number, type: number, count: number, value: number][] = [];
  const SHORT = 3;
  const LONG = 4;
  const UNDEFINED = 7;
  const entryCount = 11;
  const ifdOffset = 8;
  const ifdSize = 2 + entryCount * 12 + 4;
  const bitsOffset = ifdOffset + ifdSize;
  const iccOffset = bitsOffset + 6;
  const pixelOffset = iccOffset + icc.length + (icc.length & 1);
  entries.push(
    [256, LONG, 1, width],
    [257, LONG, 1, height],
    [258, SHORT, 3, bitsOffset],
    [259, SHORT, 1, 1], // no compression
    [262, SHORT, 1, 2], // RGB
    [273, LONG, 1, pixelOffset],
    [277, SHORT, 1, 3],
    [278, LONG, 1, height],
    [279, LONG, 1, pixels.length],
    [284, SHORT, 1, 1], // chunky (interleaved)
    [34675, UNDEFINED, icc.length, iccOffset],
  );
  const out = Buffer.alloc(pixelOffset + pixels.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdOffset, 4);
  out.writeUInt16LE(entryCount, ifdOffset);
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    // Values that fit in four bytes sit in the entry, left-justified; SHORTs therefore go in the low half.
    if (type === SHORT && count === 1) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(value, at + 8);
  });
  out.writeUInt32LE(0, ifdOffset + 2 + entryCount * 12);
  for (let i = 0; i < 3; i++) out.writeUInt16LE(8, bitsOffset + i * 2);
  icc.copy(out, iccOffset);
  pixels.copy(out, pixelOffset);
  return out;
}
