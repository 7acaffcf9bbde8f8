import { describe, expect, it } from 'vitest';
import { boxBetween, clusterPoints, panBy, project, unproject, withinTerm, worldView, zoomAt } from '../../../renderer/src/map/mapView.js';

describe('the map view: projection, zoom, areas and clusters', () => {
  const view = { lon: 10, lat: 45, scale: 10, width: 400, height: 300 };

  it('projects and unprojects a point to the same place', () => {
    expect(project(view, 10, 45)).toEqual([200, 150]);
    expect(project(view, 12, 44)).toEqual([220, 160]);
    expect(unproject(view, 220, 160)).toEqual([12, 44]);
  });

  it('zooms about the pointer: the point under it stays there', () => {
    const zoomed = zoomAt(view, 4, 300, 100);
    const [lon, lat] = unproject(view, 300, 100);
    const [x, y] = project(zoomed, lon, lat);
    expect(x).toBeCloseTo(300, 6);
    expect(y).toBeCloseTo(100, 6);
    expect(zoomed.scale).toBe(40);
    expect(panBy(view, 20, -10)).toMatchObject({ lon: 8, lat: 44 });
  });

  it('turns a dragged box into a within: term, south-west to north-east', () => {
    const box = boxBetween(view, 300, 250, 100, 50);
    expect(box).toEqual({ south: 35, west: 0, north: 55, east: 20 });
    expect(withinTerm(box)).toBe('within:35,0,55,20');
    expect(withinTerm(box, { estimates: true })).toBe('within:35,0,55,20,estimated');
    expect(worldView(720, 320).scale).toBe(2);
  });

  it('groups the photos on screen by a grid, and a group splits when zoomed in', () => {
    // Two photos 0.5° apart (5 px at this zoom: one cell), one far off, one off screen.
    const points = [1, 45, 10, 2, 45.5, 10.5, 3, 40, 0, 4, -60, 150];
    const world = clusterPoints(view, points);
    expect(world.map((c) => c.count).sort()).toEqual([1, 2]);
    const closer = clusterPoints(zoomAt(view, 20, 200, 150), points);
    expect(closer.map((c) => c.count)).toEqual([1, 1]);
  });
});
