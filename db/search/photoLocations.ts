import type { Db } from '../openDatabase.js';
import { matchScope } from './matchScope.js';

/**
 * Where a query's matching photos were taken, compact for the map: [id, lat, lon, id, lat, lon, …], degrees
 * rounded to 5 decimals (about a metre), so 100,000 photos are ~2.5 MB of JSON. Only photos with a GPS position.
 */
export function photoLocations(db: Db, query: string): number[] {
  const scope = matchScope(db, query);
  const rows = db
    .prepare(`SELECT p.id, p.gps_lat, p.gps_lon FROM photos p WHERE p.gps_lat IS NOT NULL AND p.gps_lon IS NOT NULL AND ${scope.where}`)
    .raw()
    .all(scope.params) as [number, number, number][];
  const flat = new Array<number>(rows.length * 3);
  rows.forEach(([id, lat, lon], i) => {
    flat[i * 3] = id;
    flat[i * 3 + 1] = Math.round(lat * 1e5) / 1e5;
    flat[i * 3 + 2] = Math.round(lon * 1e5) / 1e5;
  });
  return flat;
}

/**
 * Where a query's matching photos without GPS are estimated to have been taken (photo_place_estimates): the
 * position of the located photo each estimate came from, flat as photoLocations' points. For the Map's "Show
 * estimated places", asked for apart so the located photos' path stays as it is; a few thousand at most.
 */
export function estimatedLocations(db: Db, query: string): number[] {
  const scope = matchScope(db, query);
  const rows = db
    .prepare(
      `SELECT p.id, src.gps_lat, src.gps_lon FROM photos p JOIN photo_place_estimates pe ON pe.photo_id = p.id JOIN photos src ON src.id = pe.source_photo_id
       WHERE p.gps_lat IS NULL AND src.gps_lat IS NOT NULL AND src.gps_lon IS NOT NULL AND ${scope.where}`,
    )
    .raw()
    .all(scope.params) as [number, number, number][];
  return rows.flatMap(([id, lat, lon]) => [id, Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5]);
}
