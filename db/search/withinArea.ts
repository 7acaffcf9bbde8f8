import { QueryError } from './QueryError.js';
import type { QueryNode } from './queryAst.js';

/** A box of GPS positions, degrees; west > east crosses the 180th meridian. */
export interface GeoBox {
  south: number;
  west: number;
  north: number;
  east: number;
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
  return { rest, box: box ? { south: box.south, west: box.west, north: box.north, east: box.east } : null };
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
  const lon = box.west <= box.east ? 'p.gps_lon BETWEEN @west AND @east' : '(p.gps_lon >= @west OR p.gps_lon <= @east)';
  return { where: `p.gps_lat BETWEEN @south AND @north AND ${lon}`, params: { south: box.south, north: box.north, west: box.west, east: box.east } };
}
