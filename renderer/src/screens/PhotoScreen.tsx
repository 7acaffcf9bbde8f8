import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PhotoDetailView, PlaceEstimateView, PlaceView, TagView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { ErrorNotice, Loading } from '../components/States.js';
import { fieldTerm } from '../query.js';
import { TagList } from '../components/TagList.js';
import { TagPrompt } from '../components/TagPrompt.js';
import { bytes, fileName, takenText } from '../format.js';
import { useApi } from '../hooks/useApi.js';
import { useCorrections } from '../hooks/useCorrections.js';
import type { Route } from '../hooks/useHashRoute.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { rememberGridPlace } from '../gridPlace.js';
import { MiniMap } from '../map/MiniMap.js';
import { FaceLayer, FacesPanel } from '../people/PhotoFaces.js';
import { PhotoTextLayer } from '../text/PhotoTextLayer.js';
import { PhotoTextPanel } from '../text/PhotoTextPanel.js';
import { PhotoViewer } from '../viewer/PhotoViewer.js';
import { useFullPicture } from '../viewer/useFullPicture.js';
import { ShortcutSheet } from '../viewer/ShortcutSheet.js';
import { useNeighbours } from '../viewer/useNeighbours.js';
import { useSlideshow, slideshowIntervals } from '../viewer/useSlideshow.js';
import { useZoom } from '../viewer/useZoom.js';
import { zoomPercent } from '../viewer/zoom.js';
import { MarkControls } from '../albums/MarkControls.js';
import { markForKey, useMarks, type MarkChange } from '../albums/useMarks.js';

export interface PhotoScreenProps {
  id: number;
  query: string | null;
  index: number | null;
  navigate(route: Route, options?: { replace?: boolean }): void;
}

type Prompt = { kind: 'add' } | { kind: 'rename'; from: string } | null;

/** One photo large, with its caption, tags and metadata, and everything to correct them from the keyboard. */
export function PhotoScreen({ id, query, index, navigate }: PhotoScreenProps) {
  const client = useClient();
  const corrections = useCorrections();
  const [focused, setFocused] = useState(0);
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [editing, setEditing] = useState(false);
  const detail = useApi('photos.get', { id }, ['tags', 'photos', 'albums']);
  const marks = useMarks();
  const [activeFace, setActiveFace] = useState<number | null>(null);
  const [sheet, setSheet] = useState(false);
  const image = useRef<HTMLImageElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const photo = detail.value?.id === id ? detail.value : undefined;
  // 100 % is the original's pixel; the size is known from the index, else from the picture once loaded.
  const [loadedSize, setLoadedSize] = useState<{ width: number; height: number } | null>(null);
  const size = photo?.width && photo.height ? { width: photo.width, height: photo.height } : (loadedSize ?? { width: 1024, height: 768 });
  const zoom = useZoom(size, id);
  const full = useFullPicture(photo && photo.state !== 'failed' ? photo.id : null);
  const tags = photo?.tags ?? [];
  const focusedTag: TagView | undefined = tags[Math.min(focused, tags.length - 1)];

  useEffect(() => {
    setFocused(0);
    setEditing(false);
    setActiveFace(null);
  }, [id]);

  const back = () => navigate(query ? { screen: 'search', query } : { screen: 'gallery' });
  const { previous, next } = useNeighbours(id, query, index, (found) => navigate({ screen: 'photo', id, query: query ?? '', index: found }, { replace: true }));
  const step = (target: typeof previous, delta: number) => {
    if (!target || index === null) return;
    // Back returns to the list with this photo in focus.
    rememberGridPlace(query ?? '', { focusIndex: index + delta });
    navigate({ screen: 'photo', id: target.id, query: query ?? '', index: index + delta }, { replace: true });
  };
  const slideshow = useSlideshow(next !== undefined, () => step(next, 1), id);
  const fullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen?.();
    else void stage.current?.requestFullscreen?.().catch(() => undefined);
  };

  const tagAction = (action: 'accept' | 'reject' | 'remove') => (tag: TagView | undefined) => {
    if (tag) void corrections.tag(action, [id], tag.name);
  };
  const accept = tagAction('accept');
  const reject = tagAction('reject');
  const remove = tagAction('remove');
  const mark = (change: MarkChange | null) => {
    if (change) void marks.mark([id], change).then((done) => done && detail.reload());
  };
  const markKey = (key: string) => () => mark(markForKey(key, photo ? [photo] : []));

  useShortcuts(
    {
      a: () => accept(focusedTag),
      r: () => reject(focusedTag),
      t: () => setPrompt({ kind: 'add' }),
      n: () => focusedTag && setPrompt({ kind: 'rename', from: focusedTag.name }),
      delete: () => focusedTag?.source === 'user' && remove(focusedTag),
      c: () => setEditing(true),
      // Zoomed in, the arrows pan the picture; otherwise they move between photos and tags.
      arrowdown: () => (zoom.zoomed ? zoom.pan(0, 1) : setFocused((f) => Math.min(tags.length - 1, f + 1))),
      j: () => setFocused((f) => Math.min(tags.length - 1, f + 1)),
      arrowup: () => (zoom.zoomed ? zoom.pan(0, -1) : setFocused((f) => Math.max(0, f - 1))),
      k: () => setFocused((f) => Math.max(0, f - 1)),
      arrowleft: () => (zoom.zoomed ? zoom.pan(-1, 0) : step(previous, -1)),
      arrowright: () => (zoom.zoomed ? zoom.pan(1, 0) : step(next, 1)),
      '+': zoom.zoomIn,
      '=': zoom.zoomIn,
      '-': zoom.zoomOut,
      // 0–5 are the stars, as in the gallery (and Lightroom); z fits, as Lightroom's zoom key.
      z: zoom.fit,
      f: fullScreen,
      ' ': slideshow.start,
      '?': () => setSheet(true),
      escape: back,
      '.': markKey('.'),
      ...Object.fromEntries(['0', '1', '2', '3', '4', '5'].map((key) => [key, markKey(key)])),
    },
    prompt === null && !editing && !sheet && !slideshow.playing,
  );

  if (detail.error && !photo) {
    return (
      <div className="page">
        <ErrorNotice error={detail.error} onRetry={detail.reload} />
        <button type="button" className="button" onClick={back}>
          Back to the photos
        </button>
      </div>
    );
  }
  if (!photo) return <Loading label="Loading photo…" />;

  return (
    <div className="photo-screen">
      <div className="photo-stage" ref={stage}>
        <div className="stage-bar">
          <button type="button" className="button ghost" onClick={back}>
            ← Back <kbd>Esc</kbd>
          </button>
          <span className="stage-title">{photo.fileName}</span>
          <span className="stage-zoom" aria-live="polite" title="Zoom">
            {zoomPercent(zoom.view)}
          </span>
          <button type="button" className="button ghost" onClick={zoom.zoomOut} aria-label="Zoom out" title="Zoom out (-)">
            −
          </button>
          <button type="button" className="button ghost" onClick={zoom.zoomIn} aria-label="Zoom in" title="Zoom in (+)">
            +
          </button>
          <button type="button" className="button ghost" onClick={fullScreen} aria-label="Full screen" title="Full screen (f)">
            <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" />
            </svg>
          </button>
          <select aria-label="Slideshow interval" value={slideshow.seconds} onChange={(e) => slideshow.setSeconds(Number(e.target.value))}>
            {slideshowIntervals.map((seconds) => (
              <option key={seconds} value={seconds}>
                {seconds} s
              </option>
            ))}
          </select>
          <button type="button" className="button ghost" onClick={slideshow.playing ? slideshow.stop : slideshow.start} aria-pressed={slideshow.playing} disabled={!slideshow.playing && !next}>
            {slideshow.playing ? 'Stop' : 'Slideshow'}
          </button>
          <button type="button" className="button ghost" onClick={() => setSheet(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
            ?
          </button>
          <span className="stage-nav">
            <button type="button" className="button ghost" disabled={!previous} onClick={() => step(previous, -1)} aria-label="Previous photo">
              ‹
            </button>
            <button type="button" className="button ghost" disabled={!next} onClick={() => step(next, 1)} aria-label="Next photo">
              ›
            </button>
          </span>
        </div>
        <div className="stage-image">
          {photo.state === 'failed' ? (
            <div className="empty-state">
              <h2>This file could not be read</h2>
              <p>{photo.errorReason ?? 'The file is damaged or in a format Phototag cannot read.'}</p>
            </div>
          ) : (
            <PhotoViewer
              zoom={zoom}
              image={size}
              imageRef={image}
              preview={client.thumbnailUrl(photo, 1024)}
              full={full}
              alt={photo.caption ?? photo.fileName}
              onSize={setLoadedSize}
            >
              <FaceLayer photo={photo} image={image} active={activeFace} onPick={setActiveFace} />
              <PhotoTextLayer text={photo.text} query={query} image={image} />
            </PhotoViewer>
          )}
        </div>
        {slideshow.playing && (
          <p className="stage-status" role="status">
            Slideshow: a new photo every {slideshow.seconds} s. Press any key to stop.
          </p>
        )}
        {sheet && <ShortcutSheet onClose={() => setSheet(false)} />}
      </div>
      <aside className="photo-info" aria-label="Photo details">
        <section className="photo-marks" aria-label="Favourite and rating">
          <MarkControls favorite={photo.favorite} rating={photo.rating} onChange={mark} />
          <span className="hint">
            <kbd>.</kbd> favourite · <kbd>1</kbd>–<kbd>5</kbd> stars · <kbd>0</kbd> none
          </span>
        </section>
        <Caption photo={photo} editing={editing} setEditing={setEditing} onSave={(text) => corrections.caption(photo.id, text)} />
        <FacesPanel photo={photo} active={activeFace} onPick={setActiveFace} onChanged={detail.reload} />
        <PhotoTextPanel text={photo.text} query={query} />
        <section>
          <div className="section-head">
            <h2>Tags</h2>
            <button type="button" className="button small" onClick={() => setPrompt({ kind: 'add' })}>
              Add tag <kbd>t</kbd>
            </button>
          </div>
          <TagList
            tags={tags}
            focused={focused}
            onFocus={setFocused}
            onAccept={accept}
            onReject={reject}
            onRemove={remove}
            onRename={(tag) => setPrompt({ kind: 'rename', from: tag.name })}
          />
          <p className="hint">
            <kbd>↑</kbd>
            <kbd>↓</kbd> pick a tag · <kbd>a</kbd> confirm · <kbd>r</kbd> reject · <kbd>n</kbd> rename · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo
          </p>
        </section>
        <Metadata photo={photo} originalUrl={client.mediaUrl({ kind: 'original', photoId: photo.id })} />
      </aside>
      {prompt && (
        <TagPrompt
          title={prompt.kind === 'add' ? 'Add a tag' : `Rename “${prompt.from}” to`}
          submitLabel={prompt.kind === 'add' ? 'Add' : 'Rename'}
          initial={prompt.kind === 'rename' ? prompt.from : ''}
          onCancel={() => setPrompt(null)}
          onSubmit={(name) => {
            setPrompt(null);
            if (prompt.kind === 'add') void corrections.tag('add', [id], name);
            else if (name !== prompt.from) void corrections.rename([id], prompt.from, name);
          }}
        />
      )}
    </div>
  );
}

function Caption({ photo, editing, setEditing, onSave }: { photo: PhotoDetailView; editing: boolean; setEditing(on: boolean): void; onSave(text: string): Promise<boolean> }) {
  const [draft, setDraft] = useState(photo.caption ?? '');
  useEffect(() => setDraft(photo.caption ?? ''), [photo.caption, editing]);
  const save = async () => {
    const text = draft.trim();
    if (!text || text === photo.caption) {
      setEditing(false);
      return;
    }
    if (await onSave(text)) setEditing(false);
  };
  if (editing) {
    return (
      <section className="caption editing">
        <textarea
          aria-label="Caption"
          value={draft}
          autoFocus
          maxLength={2000}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void save();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setEditing(false);
            }
          }}
        />
        <div className="prompt-actions">
          <button type="button" className="button ghost" onClick={() => setEditing(false)}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={() => void save()}>
            Save caption
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="caption">
      <p className={photo.caption ? 'caption-text' : 'caption-text muted'}>{photo.caption ?? 'No caption yet.'}</p>
      <button type="button" className="button small ghost" onClick={() => setEditing(true)}>
        {photo.caption ? 'Edit caption' : 'Write a caption'} <kbd>c</kbd>
      </button>
      {photo.captionSource && <span className="muted small">{photo.captionSource === 'user' ? 'written by you' : 'by the model'}</span>}
    </section>
  );
}

function Metadata({ photo, originalUrl }: { photo: PhotoDetailView; originalUrl: string }) {
  const rows: [string, ReactNode][] = [
    ['Taken', takenText(photo)],
    ['Camera', photo.camera ?? ([photo.cameraMake, photo.cameraModel].filter(Boolean).join(' ') || '—')],
    ['Lens', photo.lens ?? '—'],
    ['Place', photo.gps ? <Place gps={photo.gps} place={photo.place} /> : <NoGpsPlace photo={photo} />],
    ['Size', photo.width && photo.height ? `${photo.width} × ${photo.height} · ${bytes(photo.size)}` : bytes(photo.size)],
    ['Format', photo.format ?? '—'],
    ['File', <span className="path">{photo.path}</span>],
  ];
  if (photo.errorReason) rows.push(['Problem', photo.errorReason]);
  return (
    <section>
      <h2>Details</h2>
      <dl className="metadata">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <a className="link-button" href={originalUrl} target="_blank" rel="noreferrer" title={fileName(photo.path)}>
        Open the original
      </a>
    </section>
  );
}

/** A photo without GPS: why, and the estimate from its camera's located photos when there is one, marked as such. */
function NoGpsPlace({ photo }: { photo: PhotoDetailView }) {
  const why = photo.gpsProblem ? `No location: ${photo.gpsProblem}` : 'No location in the file';
  if (!photo.placeEstimate) return <>{why}</>;
  return (
    <span>
      <EstimatedPlace estimate={photo.placeEstimate} />
      <br />
      <span className="muted small">{why}</span>
      {photo.placeEstimate.position && (
        <MiniMap
          lat={photo.placeEstimate.position.lat}
          lon={photo.placeEstimate.position.lon}
          estimated
          label={`Map of the estimated place, where the located photo it comes from was taken: ${formatLatLon(photo.placeEstimate.position)}`}
        />
      )}
    </span>
  );
}

function EstimatedPlace({ estimate }: { estimate: PlaceEstimateView }) {
  const term = `estimate:${fieldTerm('place', estimate.town ?? estimate.countryCode ?? estimate.name).slice('place:'.length)}`;
  return (
    <span className="place-estimate">
      <a className="place-name" href={`#/search?q=${encodeURIComponent(term)}`} title="Other photos estimated there">
        {estimate.name}
      </a>{' '}
      <span className="muted">
        {/* The note names the source photo; the link opens it. */}
        <a href={`#/photo/${estimate.sourcePhotoId}`} title="The located photo this place comes from">
          {estimate.note}
        </a>
      </span>
    </span>
  );
}

/** "43.76896° N, 11.25581° E". */
function formatLatLon({ lat, lon }: { lat: number; lon: number }): string {
  return `${Math.abs(lat).toFixed(5)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(5)}° ${lon >= 0 ? 'E' : 'W'}`;
}

function Place({ gps, place }: { gps: { lat: number; lon: number; alt: number | null }; place: PlaceView | null }) {
  const position = formatLatLon(gps);
  // The name leads to the other photos taken there: the town, else (in a desert, off a coast) the country.
  const term = place?.town ? fieldTerm('place', place.town) : place?.countryCode ? fieldTerm('country', place.countryCode) : null;
  return (
    <span>
      {place && term && (
        <>
          <a className="place-name" href={`#/search?q=${encodeURIComponent(term)}`} title="Photos taken there">
            {place.name}
          </a>
          <br />
        </>
      )}
      {position}
      {gps.alt !== null ? ` · ${Math.round(gps.alt)} m` : ''}{' '}
      <a href={`https://www.openstreetmap.org/?mlat=${gps.lat}&mlon=${gps.lon}#map=15/${gps.lat}/${gps.lon}`} target="_blank" rel="noreferrer">
        map
      </a>
      <MiniMap lat={gps.lat} lon={gps.lon} label={`Map of where the photo was taken: ${position}`} />
    </span>
  );
}
