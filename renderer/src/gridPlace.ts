/**
 * Where the user was in a photo list (its scroll offset and the photo in focus), by the list's query, so Back from
 * a photo returns to the same place with the same photo focused. Kept for the tab's life, in memory.
 */
export interface GridPlace {
  scrollTop: number;
  focusIndex: number;
}

const places = new Map<string, GridPlace>();

export function gridPlace(source: string): GridPlace | undefined {
  return places.get(source);
}

export function rememberGridPlace(source: string, place: Partial<GridPlace>): void {
  places.set(source, { scrollTop: 0, focusIndex: 0, ...places.get(source), ...place });
  // A handful of lists is all Back can return to; do not grow with every query typed.
  if (places.size > 50) places.delete(places.keys().next().value as string);
}
