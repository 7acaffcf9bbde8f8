import { useState, type FormEvent } from 'react';
import type { ImprovingView, IndexProgressView, LibraryStatusView, TaggerChoice, XmpExportView, XmpSettingsView } from '../../../electron/contract/views.js';
import { useClient, useLibraryEvents } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { ErrorNotice, Loading } from '../components/States.js';
import { count, duration } from '../format.js';
import { useApi } from '../hooks/useApi.js';
import { FolderBrowser } from '../library/FolderBrowser.js';
import { ReadingTextLine, TextReadingPanel } from '../text/TextReadingSetting.js';

/** Folders in the library, and what the indexer is doing with them. */
export function LibraryScreen() {
  const client = useClient();
  const { notify } = useNotices();
  const status = useApi('library.status', {}, ['folders', 'photos']);
  const initial = useApi('library.progress', {});
  const [live, setLive] = useState<IndexProgressView | null>(null);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [browsing, setBrowsing] = useState(false);

  useLibraryEvents((event) => {
    if (event.type === 'index-progress') setLive(event.progress);
  });
  const progress = live ?? initial.value ?? null;

  const add = async (path: string) => {
    setBusy(true);
    setAddError(null);
    const result = await client.call('folders.add', { path });
    setBusy(false);
    if (!result.ok) {
      setAddError(result.error.message);
      return;
    }
    setFolder('');
    notify(`Added ${result.value.path}. Indexing starts now.`);
    status.reload();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (folder.trim()) void add(folder.trim());
  };

  const pick = async () => {
    const chosen = await client.pickFolder?.();
    if (chosen) await add(chosen);
  };

  const remove = async (path: string) => {
    setConfirming(null);
    const result = await client.call('folders.remove', { path });
    if (result.ok) notify(`Removed ${path}. The files are untouched; their tags are kept for 30 days in case you add it back.`);
    else notify(result.error.message, { tone: 'error' });
    status.reload();
  };

  return (
    <div className="page library-page">
      <header className="page-header">
        <h1>Library</h1>
        <p className="muted">Phototag watches these folders and keeps them indexed. Your files are only ever read, never changed.</p>
      </header>

      <section className="panel" aria-labelledby="add-folder">
        <h2 id="add-folder">Add a folder</h2>
        <form className="add-folder" onSubmit={onSubmit}>
          <input
            aria-label="Folder path"
            placeholder="/home/you/Pictures"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
          <button type="submit" className="button primary" disabled={busy || !folder.trim()}>
            Add folder
          </button>
          {/* The desktop app's native picker; a browser tab has none that gives a path, so the server lists folders. */}
          {client.pickFolder ? (
            <button type="button" className="button" onClick={() => void pick()} disabled={busy}>
              Choose folder…
            </button>
          ) : (
            <button type="button" className="button" onClick={() => setBrowsing(true)} disabled={busy}>
              Browse…
            </button>
          )}
        </form>
        {client.pathForFile && <p className="muted small">Or drop a folder onto the window.</p>}
        {browsing && (
          <FolderBrowser
            onCancel={() => setBrowsing(false)}
            onChoose={(path) => {
              setBrowsing(false);
              void add(path);
            }}
          />
        )}
        {addError && (
          <p className="field-error" role="alert">
            {addError}
          </p>
        )}
      </section>

      {status.error && <ErrorNotice error={status.error} onRetry={status.reload} />}
      {!status.value && !status.error && <Loading />}
      {status.value && (
        <>
          <IndexingPanel status={status.value} progress={progress} />
          <ModelsPanel />
          <SidecarsPanel />
          <TextReadingPanel />
          <section className="panel" aria-labelledby="folders">
            <h2 id="folders">Folders</h2>
            {status.value.folders.length === 0 ? (
              <p className="muted">No folders yet. Add the folder that holds your photos above; its subfolders are included.</p>
            ) : (
              <ul className="folder-list">
                {status.value.folders.map((f) => (
                  <li key={f.path}>
                    <span className="folder-path">{f.path}</span>
                    <span className="muted">
                      {count(f.photos, 'photo')}
                      {f.lastScanAt ? ` · scanned ${new Date(f.lastScanAt).toLocaleString()}` : ' · not scanned yet'}
                    </span>
                    {confirming === f.path ? (
                      <span className="confirm">
                        Remove from the library?
                        <button type="button" className="button danger" onClick={() => void remove(f.path)}>
                          Remove
                        </button>
                        <button type="button" className="button ghost" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="button ghost" aria-label={`Remove ${f.path}`} onClick={() => setConfirming(f.path)}>
                        Remove
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {status.value.failures.length > 0 && (
            <section className="panel" aria-labelledby="failures">
              <h2 id="failures">Files that could not be read ({status.value.photos.failed.toLocaleString()})</h2>
              <p className="muted">These stay in the list until the file changes; fix or replace them and they are read again.</p>
              <ul className="failure-list">
                {status.value.failures.slice(0, 200).map((f) => (
                  <li key={f.path}>
                    <span className="folder-path">{f.path}</span>
                    <span className="failure-reason">{f.reason ?? f.kind ?? 'unknown problem'}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}

const phaseLabel: Record<IndexProgressView['phase'], string> = { scanning: 'Looking for photos…', analysing: 'Indexing photos…', idle: 'Up to date' };

function IndexingPanel({ status, progress }: { status: LibraryStatusView; progress: IndexProgressView | null }) {
  const { photos, indexer } = status;
  const settled = photos.indexed + photos.failed;
  const phase = progress?.phase ?? (photos.queued > 0 ? 'analysing' : 'idle');
  // While the indexer runs, the live counts (as the sidebar shows them); at rest, the library's own.
  const queued = phase !== 'idle' && progress ? progress.queued : photos.queued;
  const all = settled + queued;
  // An empty library has nothing done: no bar at all rather than a full one.
  const share = all > 0 ? settled / all : 0;
  return (
    <section className="panel indexing" aria-labelledby="indexing" aria-busy={phase !== 'idle'}>
      <div className="indexing-head">
        <h2 id="indexing">{indexer.state === 'blocked' ? 'Indexing is paused' : phaseLabel[phase]}</h2>
        <span className="muted">{indexer.models ? `Tagging with the ${/yolo/i.test(indexer.models) ? 'accurate' : 'fast'} models` : 'Models are off: photos get no tags or captions'}</span>
      </div>
      {indexer.problem && (
        <p className="field-error" role="alert">
          {indexer.problem}
        </p>
      )}
      <ImprovingLine improving={indexer.improving ?? null} />
      <ReadingTextLine reading={indexer.readingText ?? null} />
      {all > 0 ? (
        <div className="progress" role="progressbar" aria-label="Indexed" aria-valuemin={0} aria-valuemax={all} aria-valuenow={settled}>
          <div className="progress-bar" style={{ width: `${(share * 100).toFixed(1)}%` }} />
        </div>
      ) : (
        <p className="muted">No photos yet: add a folder above.</p>
      )}
      <dl className="stats">
        <div>
          <dt>Done</dt>
          <dd data-stat="indexed">{photos.indexed.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Queued</dt>
          <dd data-stat="queued">{queued.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd data-stat="failed" className={photos.failed > 0 ? 'warn' : undefined}>
            {photos.failed.toLocaleString()}
          </dd>
        </div>
        <div>
          <dt>Rate</dt>
          {/* A rate only while photos are being indexed: at rest the last run's figure would be stale. */}
          <dd data-stat="rate">{phase === 'analysing' && progress && progress.rate > 0 ? `${progress.rate.toFixed(1)} photos/s` : '—'}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>{phase === 'analysing' && progress?.etaSeconds != null && queued > 0 ? `about ${duration(progress.etaSeconds)}` : '—'}</dd>
        </div>
      </dl>
      {progress?.phase === 'scanning' && progress.found > 0 && <p className="muted">Found {count(progress.found, 'photo')} so far; checked {progress.scanned.toLocaleString()}.</p>}
    </section>
  );
}

/**
 * 'Fast then accurate' at work: the photos still waiting for the better tags. Nothing while none wait, and nothing
 * in a run that does not improve tags.
 */
export function ImprovingLine({ improving }: { improving: ImprovingView | null }) {
  if (improving === null || improving.remaining === 0) return null;
  return (
    <p className="muted improving" role="status" data-stat="improving">
      <strong>Improving tags: {improving.remaining.toLocaleString()} left.</strong> The accurate models re-tag the newest photos first, whenever
      nothing else is being indexed; every photo is already searchable.
    </p>
  );
}

type TaggingOption = 'fast' | 'fast-then-accurate' | 'accurate';

const taggingOptions: { value: TaggingOption; label: string; detail: string; choice: { tagger: TaggerChoice; improve: boolean } }[] = [
  {
    value: 'fast-then-accurate',
    label: 'Fast, then accurate',
    detail: 'Every photo is tagged by CenterNet first (about 0.2 s each), so it is searchable soon; then, while nothing else is indexing, CenterNet and YOLOv5s tag it again, newest first.',
    choice: { tagger: 'fast', improve: true },
  },
  { value: 'fast', label: 'Fast only', detail: 'CenterNet. About 0.2 s per photo on one CPU core.', choice: { tagger: 'fast', improve: false } },
  {
    value: 'accurate',
    label: 'Accurate only',
    detail: 'CenterNet and YOLOv5s from the start: fewer wrong and missed tags, about four times as long before each photo is searchable.',
    choice: { tagger: 'accurate', improve: true },
  },
];

const taggingOf = (settings: { tagger: TaggerChoice; improve: boolean }): TaggingOption => (settings.tagger === 'accurate' ? 'accurate' : settings.improve ? 'fast-then-accurate' : 'fast');

/**
 * Which tagger indexes the library. The app and `serve` switch to it at once (the running models go on until the
 * new ones are ready); a shell that cannot saves it for the next start.
 */
function ModelsPanel() {
  const client = useClient();
  const { notify } = useNotices();
  // Reloaded after a choice, and when a switch ends (the 'models' event).
  const settings = useApi('settings.models', {}, ['models']);
  const current = settings.value;
  if (settings.error) return <ErrorNotice error={settings.error} onRetry={settings.reload} />;
  if (!current) return null;

  const choose = async (choice: { tagger: TaggerChoice; improve: boolean }) => {
    const result = await client.call('settings.setModels', choice);
    if (result.ok) settings.reload();
    else notify(result.error.message, { tone: 'error' });
  };

  return (
    <section className="panel" aria-labelledby="models-setting">
      <h2 id="models-setting">Tagging models</h2>
      <fieldset className="model-choice">
        <legend className="muted">Switching tags every photo again; your own tags are kept</legend>
        {taggingOptions.map((option) => (
          <label key={option.value}>
            <input type="radio" name="tagger" value={option.value} checked={taggingOf(current) === option.value} onChange={() => void choose(option.choice)} />
            <strong>{option.label}</strong> <span className="muted">{option.detail}</span>
          </label>
        ))}
      </fieldset>
      {current.switching ? (
        <p className="muted" role="status">
          Starting the {current.tagger} models… {current.running === null ? 'Photos are indexed without models' : `The ${current.running} models go on tagging`} until they are ready; then every photo is tagged again.
        </p>
      ) : current.problem !== null ? (
        <p className="muted" role="status">
          The {current.tagger} models could not start: {current.problem}. {current.running === null ? 'This run indexes without models.' : `This run goes on with the ${current.running} models.`} Check them with `phototag doctor`.
        </p>
      ) : current.running !== current.tagger && (
        <p className="muted" role="status">
          {current.running === null ? 'This run indexes without models. ' : `This run tags with the ${current.running} models. `}
          From the next start, the {current.tagger} models tag every photo again. Your accepted, rejected and added tags are kept, and taught tags are retrained for the new models once indexing settles.
        </p>
      )}
    </section>
  );
}


const sidecarOptions: { value: XmpSettingsView['sidecars']; label: string; detail: string }[] = [
  { value: 'off', label: 'Only when asked', detail: 'nothing is written beside your photos until you press the button below' },
  { value: 'photo.ext.xmp', label: 'IMG_1.jpg.xmp', detail: 'as digiKam and darktable name them' },
  { value: 'photo.xmp', label: 'IMG_1.xmp', detail: 'as Lightroom names them' },
];

const photosText = (n: number) => (n === 1 ? '1 photo' : `${n.toLocaleString()} photos`);

/** Keywords that travel: tags, names, captions and places into XMP sidecars other apps read. */
function SidecarsPanel() {
  const client = useClient();
  const { notify } = useNotices();
  const settings = useApi('xmp.settings', {}, []);
  const [writing, setWriting] = useState(false);
  const [last, setLast] = useState<XmpExportView | null>(null);
  const current = settings.value;
  if (settings.error) return <ErrorNotice error={settings.error} onRetry={settings.reload} />;
  if (!current) return null;

  const choose = async (sidecars: XmpSettingsView['sidecars']) => {
    const result = await client.call('xmp.setSettings', { sidecars });
    if (result.ok) settings.reload();
    else notify(result.error.message, { tone: 'error' });
  };
  const writeNow = async () => {
    setWriting(true);
    const result = await client.call('xmp.export', {});
    setWriting(false);
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    setLast(result.value);
  };

  return (
    <section className="panel" aria-labelledby="sidecars-setting">
      <h2 id="sidecars-setting">Keywords in XMP sidecars</h2>
      <p className="muted">
        Your confirmed tags, the people you named, captions and places, written beside each photo in an .xmp file that Lightroom, digiKam, darktable and
        others read. Keywords other apps keep there stay; your photos themselves are never changed.
      </p>
      <fieldset className="model-choice">
        <legend className="muted">Write them after every indexing</legend>
        {sidecarOptions.map((option) => (
          <label key={option.value}>
            <input type="radio" name="xmp-sidecars" value={option.value} checked={current.sidecars === option.value} onChange={() => void choose(option.value)} />
            <strong>{option.label}</strong> <span className="muted">{option.detail}</span>
          </label>
        ))}
      </fieldset>
      <button type="button" className="button small" disabled={writing} onClick={() => void writeNow()}>
        {writing ? 'Writing sidecars…' : 'Write sidecars now'}
      </button>
      {last && (
        <p role="status" className="muted">
          {`Sidecars written for ${photosText(last.written)}; ${photosText(last.unchanged)} already up to date or with nothing to write`}
          {last.failed > 0 ? `; ${photosText(last.failed)} failed (first: ${last.failures[0]?.path ?? ''}: ${last.failures[0]?.reason ?? ''})` : ''}.
        </p>
      )}
    </section>
  );
}
