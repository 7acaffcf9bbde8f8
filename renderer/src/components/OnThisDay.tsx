import type { PhotoSummaryView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { count } from '../format.js';
import { useApi } from '../hooks/useApi.js';

export interface OnThisDayProps {
  /** Opens a photo within the search for its day, so the photo view steps through that day's photos. */
  onOpen(photo: PhotoSummaryView, dayQuery: string, index: number): void;
}

/** A strip over the gallery: photos taken on today's date in earlier years. Nothing at all when there are none. */
export function OnThisDay({ onOpen }: OnThisDayProps) {
  const client = useClient();
  const state = useApi('photos.onThisDay', { perYear: 6 }, ['photos']);
  const view = state.value;
  if (!view || view.years.length === 0) return null;
  const monthDay = view.today.slice(5);
  return (
    <section className="on-this-day" aria-label="On this day">
      <h2>On this day</h2>
      <div className="on-this-day-years">
        {view.years.map((year) => {
          const dayQuery = `day:${year.year}-${monthDay}`;
          return (
            <div key={year.year} className="on-this-day-year">
              <h3>
                {count(year.yearsAgo, 'year')} ago · {year.year}
                {year.total > year.photos.length && <span className="muted small"> · {count(year.total, 'photo')}</span>}
              </h3>
              <ul>
                {year.photos.map((photo, index) => (
                  <li key={photo.id}>
                    <button type="button" className="on-this-day-photo" aria-label={`Open ${photo.path.split(/[\\/]/).pop() ?? ''} (${year.year})`} onClick={() => onOpen(photo, dayQuery, index)}>
                      {photo.state === 'indexed' && <img src={client.thumbnailUrl(photo, 256)} alt="" loading="lazy" decoding="async" draggable={false} />}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </section>
  );
}
