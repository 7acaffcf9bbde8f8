import { useEffect, useRef } from 'react';
import { useApi } from '../hooks/useApi.js';
import { project, type MapView } from './mapView.js';

const WIDTH = 240;
const HEIGHT = 140;
/** About 12° across: the country and its neighbours around the point. */
const SCALE = 20;

/**
 * A small map of the countries around one photo's position, the point marked; drawn from the shipped borders. An
 * estimated position is a hollow dashed ring, as on the Map screen, so it never reads as a GPS point.
 */
export function MiniMap({ lat, lon, label, estimated = false }: { lat: number; lon: number; label: string; estimated?: boolean }) {
  const countries = useApi('map.countries', {}, []);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = WIDTH * ratio;
    element.height = HEIGHT * ratio;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const style = getComputedStyle(element);
    const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const view: MapView = { lon, lat, scale: SCALE, width: WIDTH, height: HEIGHT };
    context.fillStyle = color('--map-sea', '#0b1a2a');
    context.fillRect(0, 0, WIDTH, HEIGHT);
    context.fillStyle = color('--map-land', '#1f2a36');
    context.strokeStyle = color('--map-border', '#3a4758');
    for (const shape of countries.value?.shapes ?? []) {
      context.beginPath();
      for (const ring of shape.rings) {
        for (let i = 0; i + 1 < ring.length; i += 2) {
          const [x, y] = project(view, ring[i] as number, ring[i + 1] as number);
          if (i === 0) context.moveTo(x, y);
          else context.lineTo(x, y);
        }
        context.closePath();
      }
      context.fill('evenodd');
      context.stroke();
    }
    if (estimated) {
      context.beginPath();
      context.arc(WIDTH / 2, HEIGHT / 2, 9, 0, Math.PI * 2);
      context.lineWidth = 4;
      context.strokeStyle = color('--bg', '#0e1014');
      context.stroke();
      context.setLineDash([4, 3]);
      context.lineWidth = 2;
      context.strokeStyle = color('--accent', '#7ea6ff');
      context.stroke();
      context.setLineDash([]);
      return;
    }
    context.beginPath();
    context.arc(WIDTH / 2, HEIGHT / 2, 5, 0, Math.PI * 2);
    context.fillStyle = color('--accent', '#7ea6ff');
    context.fill();
    context.lineWidth = 2;
    context.strokeStyle = color('--bg', '#0e1014');
    context.stroke();
  }, [lat, lon, estimated, countries.value]);

  return <canvas ref={canvas} className="mini-map map-colors" role="img" aria-label={label} style={{ width: WIDTH, height: HEIGHT }} />;
}
