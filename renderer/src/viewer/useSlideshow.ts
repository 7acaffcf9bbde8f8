import { useEffect, useRef, useState } from 'react';

/** The intervals offered, in seconds. */
export const slideshowIntervals = [3, 5, 10, 20] as const;

export interface Slideshow {
  playing: boolean;
  seconds: number;
  setSeconds(seconds: number): void;
  start(): void;
  stop(): void;
}

/**
 * Steps to the next photo every few seconds while playing; stops at the last photo, and on any key (the key does
 * nothing else, so Esc stops the show without leaving the photo).
 */
export function useSlideshow(hasNext: boolean, advance: () => void, showing: unknown): Slideshow {
  const [playing, setPlaying] = useState(false);
  const [seconds, setSeconds] = useState<number>(5);
  const latest = useRef(advance);
  latest.current = advance;

  useEffect(() => {
    if (!playing) return;
    if (!hasNext) {
      setPlaying(false);
      return;
    }
    const timer = window.setTimeout(() => latest.current(), seconds * 1000);
    return () => window.clearTimeout(timer);
    // Armed anew for each photo shown (`showing`), not on every render, which would keep putting the step off.
  }, [playing, hasNext, seconds, showing]);

  useEffect(() => {
    if (!playing) return;
    const onKey = (event: KeyboardEvent) => {
      event.preventDefault();
      event.stopImmediatePropagation();
      setPlaying(false);
    };
    // Capturing on window runs before every other key handler of the page.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [playing]);

  return { playing, seconds, setSeconds, start: () => setPlaying(true), stop: () => setPlaying(false) };
}
