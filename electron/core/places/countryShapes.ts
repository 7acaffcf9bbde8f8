import { createRequire } from 'node:module';
import type { CountryShapesView } from '../../contract/views.js';

interface BorderFeature {
  properties: { iso1A2?: string; nameEn?: string };
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] } | null;
}

let cached: CountryShapesView | null = null;

/**
 * The countries' outlines for the map, from the borders country-coder ships (the ones the geocoder names countries
 * by): each ring flat [lon, lat, …] at 0.05° (about 5 km, finer than a whole-world map shows), repeated points
 * dropped. Built once per process (~0.4 MB).
 */
export function countryShapes(): CountryShapesView {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const coder = require('@rapideditor/country-coder') as { borders: { features: BorderFeature[] } };
  const shapes: CountryShapesView['shapes'] = [];
  for (const feature of coder.borders.features) {
    if (!feature.geometry) continue;
    const rings: number[][] = [];
    for (const polygon of feature.geometry.coordinates) {
      for (const ring of polygon) {
        const flat: number[] = [];
        for (const [lon, lat] of ring as [number, number][]) {
          const x = Math.round(lon * 20) / 20;
          const y = Math.round(lat * 20) / 20;
          if (flat.length >= 2 && flat[flat.length - 2] === x && flat[flat.length - 1] === y) continue;
          flat.push(x, y);
        }
        if (flat.length >= 6) rings.push(flat);
      }
    }
    if (rings.length > 0) shapes.push({ code: feature.properties.iso1A2 ?? null, name: feature.properties.nameEn ?? null, rings });
  }
  cached = { shapes };
  return cached;
}
