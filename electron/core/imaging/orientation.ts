import type { Sharp } from 'sharp';

/** Orientations 5-8 turn the picture on its side, so a viewer shows it with width and height swapped. */
export function swapsDimensions(orientation: number | null): boolean {
  return orientation !== null && orientation >= 5 && orientation <= 8;
}

export function orientedSize(width: number, height: number, orientation: number | null): { width: number; height: number } {
  return swapsDimensions(orientation) ? { width: height, height: width } : { width, height };
}

/**
 * Applies an EXIF orientation that libvips does not know about (it only reads the EXIF block, so an orientation
 * found only in XMP or in an ImageMagick PNG text profile would be ignored). sharp mirrors before it rotates,
 * which is what each entry below assumes.
 */
export function applyOrientation(image: Sharp, orientation: number | null): Sharp {
  switch (orientation) {
    case 2:
      return image.flop();
    case 3:
      return image.rotate(180);
    case 4:
      return image.flip();
    case 5:
      return image.flip().rotate(90);
    case 6:
      return image.rotate(90);
    case 7:
      return image.flop().rotate(90);
    case 8:
      return image.rotate(270);
    default:
      return image;
  }
}
