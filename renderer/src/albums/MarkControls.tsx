import type { MarkChange } from './useMarks.js';
import { starsWord } from './useMarks.js';
import './albums.css';

const heart = 'M10 16.5s-6-3.7-6-8.1A3.4 3.4 0 0 1 10 6.2a3.4 3.4 0 0 1 6 2.2c0 4.4-6 8.1-6 8.1z';
const star = 'M10 2.8l2.2 4.6 5 .7-3.6 3.5.9 5-4.5-2.4-4.5 2.4.9-5L2.8 8.1l5-.7z';

export interface MarkControlsProps {
  favorite: boolean;
  rating: number;
  onChange(change: MarkChange): void;
  /** In a grid tile: out of the tab order (the grid's own keys `.` and 0–5 do the same). */
  compact?: boolean;
  /** Names the photo for screen readers in a grid, where many controls share the page. */
  photoName?: string;
}

/** The heart and the five stars: click a star to rate, the same star again to take the rating off. */
export function MarkControls({ favorite, rating, onChange, compact = false, photoName }: MarkControlsProps) {
  const of = photoName ? ` ${photoName}` : '';
  const tabIndex = compact ? -1 : undefined;
  const stop = (event: { stopPropagation(): void }) => event.stopPropagation();
  return (
    <div className={`marks${compact ? ' compact' : ''}`} onClick={stop} onDoubleClick={stop}>
      <button
        type="button"
        className="mark-heart"
        tabIndex={tabIndex}
        aria-pressed={favorite}
        aria-label={`Favourite${of}`}
        title={favorite ? 'Take out of Favourites (.)' : 'Add to Favourites (.)'}
        onClick={() => onChange({ favorite: !favorite })}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d={heart} />
        </svg>
      </button>
      <span className="mark-stars" role="group" aria-label={`Rating${of}: ${starsWord(rating)}`}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            className={n <= rating ? 'mark-star on' : 'mark-star'}
            tabIndex={tabIndex}
            aria-pressed={n === rating}
            aria-label={n === rating ? `${starsWord(n)}: take the rating off` : `Rate ${starsWord(n)}`}
            title={`${starsWord(n)} (${n})`}
            onClick={() => onChange({ rating: n === rating ? 0 : n })}
          >
            <svg viewBox="0 0 20 20" aria-hidden="true">
              <path d={star} />
            </svg>
          </button>
        ))}
      </span>
    </div>
  );
}
