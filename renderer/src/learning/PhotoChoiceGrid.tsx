import type { PhotoSummaryView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';

export type Choice = 'yes' | 'no';

export interface PhotoChoiceGridProps {
  photos: readonly { photo: PhotoSummaryView; note?: string }[];
  choices: ReadonlyMap<number, Choice>;
  onChoose(photoId: number, choice: Choice | null): void;
  /** Offer "not this" as well as "this" (reviewing suggestions); picking examples needs only "this". */
  allowNo: boolean;
  label: string;
}

/** Thumbnails to pick as examples (click) or to confirm and reject (✓ / ✗), keyboard reachable. */
export function PhotoChoiceGrid({ photos, choices, onChoose, allowNo, label }: PhotoChoiceGridProps) {
  const client = useClient();
  return (
    <ul className="learning-grid" aria-label={label}>
      {photos.map(({ photo, note }) => {
        const choice = choices.get(photo.id) ?? null;
        return (
          <li key={photo.id} className={`learning-tile${choice ? ` chosen-${choice}` : ''}`}>
            <img src={client.thumbnailUrl(photo, 256)} alt={photo.path.split(/[\\/]/).pop() ?? ''} loading="lazy" />
            {note ? <span className="tile-note">{note}</span> : null}
            <div className="learning-tile-actions">
              <button type="button" className="icon-button" aria-pressed={choice === 'yes'} title="Shows the tag" onClick={() => onChoose(photo.id, choice === 'yes' ? null : 'yes')}>
                ✓
              </button>
              {allowNo ? (
                <button type="button" className="icon-button" aria-pressed={choice === 'no'} title="Does not show the tag" onClick={() => onChoose(photo.id, choice === 'no' ? null : 'no')}>
                  ✗
                </button>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
