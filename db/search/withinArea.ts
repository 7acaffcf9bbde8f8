import { QueryError } from './QueryError.js';
import type { QueryNode } from './queryAst.js';

/** A box of GPS positions, degrees; west > east crosses the 180th meridian. */
export interface GeoBox {
  south: number;
  west: number;
  north: number;
  east: number;
  /** Also photos without GPS whose estimated place (its source photo's position) lies in the box. */
  estimates?: boolean;
}

/**
 * Takes `within:` off the top of a parsed query: the box narrows the whole query (it is a range over the photos'
 * GPS columns, not a token of the FTS index, so it cannot sit inside OR or NOT); one per query.
 */
export function splitWithin(root: QueryNode | null): { rest: QueryNode | null; box: GeoBox | null } {
  if (!root) return { rest: null, box: null };
  const boxes: Extract<QueryNode, { type: 'within' }>[] = [];
  let rest: QueryNode | null = root;
  if (root.type === 'within') {
    boxes.push(root);
    rest = null;
  } else if (root.type === 'and') {
    const others = root.children.filter((child) => {
      if (child.type !== 'within') return true;
      boxes.push(child);
      return false;
    });
    rest = others.length === 0 ? null : others.length === 1 ? (others[0] as QueryNode) : { ...root, children: others };
  }
  if (rest) refuseNested(rest);
  const [box, second] = boxes;
  if (second) throw new QueryError(`Only one within: per query, at column ${second.span.position + 1}`, second.span.position, second.span.length);
  return { rest, box: box ? { south: box.south, west: box.west, north: box.north, east: box.east, estimates: box.estimates } : null };
}

function refuseNested(node: QueryNode): void {
  if (node.type === 'within') {
    throw new QueryError(`within: narrows the whole query and cannot go inside OR, NOT or parentheses at column ${node.span.position + 1}`, node.span.position, node.span.length);
  }
  if (node.type === 'and' || node.type === 'or') node.children.forEach(refuseNested);
  if (node.type === 'not') refuseNested(node.child);
}

/** The SQL condition over `p` (photos) for a box, with its parameters. */
export function boxCondition(box: GeoBox): { where: string; params: Record<string, number> } {
  const params = { south: box.south, north: box.north, west: box.west, east: box.east };
  if (!box.estimates) return { where: inBox('p', box), params };
  return { where: `(${inBox('p', box)} OR (p.gps_lat IS NULL AND p.id IN (${ESTIMATED_IN_BOX(box)})))`, params };
}

/** `alias`'s GPS position lies in the box (@south, @north, @west, @east). */
function inBox(alias: string, box: GeoBox): string {
  const lon = box.west <= box.east ? `${alias}.gps_lon BETWEEN @west AND @east` : `(${alias}.gps_lon >= @west OR ${alias}.gps_lon <= @east)`;
  return `${alias}.gps_lat BETWEEN @south AND @north AND ${lon}`;
}

/** The photos whose estimated place lies in the box: where the located photo it came from was taken. */
const ESTIMATED_IN_BOX = (box: GeoBox) =>
  `SELECT pe.photo_id FROM photo_place_estimates pe JOIN photos src ON src.id = pe.source_photo_id WHERE ${inBox('src', box)}`;
