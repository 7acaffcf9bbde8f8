import './duplicates.css';
import type { DuplicateCopyView } from '../../../electron/contract/views.js';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';
import { EmptyState, ErrorNotice, Loading } from '../components/States.js';
import { bytes, count, fileName } from '../format.js';
import { useApi } from '../hooks/useApi.js';
import type { Route } from '../hooks/useHashRoute.js';

const formatNames: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF', tiff: 'TIFF', gif: 'GIF', heic: 'HEIC' };

function copyFacts(copy: DuplicateCopyView): string {
  const size = copy.width !== null && copy.height !== null ? `${copy.width.toLocaleString()} × ${copy.height.toLocaleString()}` : 'size unknown';
  return [size, copy.format ? (formatNames[copy.format] ?? copy.format.toUpperCase()) : null, bytes(copy.size), copy.hasExif ? 'EXIF' : 'no EXIF'].filter(Boolean).join(' · ');
}

/** The last two folders of a copy's path: what tells two copies with the same file name apart (the whole path is its title). */
function folderOf(filePath: string): { shown: string; full: string } {
  const parts = filePath.split(/[\\/]/);
  const folders = parts.slice(0, -1);
  return { shown: folders.filter(Boolean).slice(-2).join('/') || '/', full: folders.join(filePath.includes('\\') ? '\\' : '/') || '/' };
}

/** Duplicates: photos that are copies of one another, the best copy first; keeping one hides the others. */
export function DuplicatesScreen({ navigate }: { navigate(route: Route): void }) {
  const client = useClient();
  const { notify } = useNotices();
  const duplicates = useApi('duplicates.list', {}, ['photos', 'tags']);
  const view = duplicates.value;

  const undo = async () => {
    const result = await client.call('duplicates.undo', {});
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    notify(result.value.shown.length === 0 ? 'Nothing to show again' : `${count(result.value.shown.length, 'photo')} shown again`);
    duplicates.reload();
  };

  const keep = async (copy: DuplicateCopyView) => {
    const result = await client.call('duplicates.keep', { photoId: copy.id });
    if (!result.ok) {
      notify(result.error.message, { tone: 'error' });
      return;
    }
    const hidden = result.value.hidden.length;
    notify(`Kept ${fileName(copy.path)}; ${hidden === 1 ? '1 copy is' : `${hidden.toLocaleString()} copies are`} hidden from your library (the files stay where they are)`, {
      action: { label: 'Undo', run: () => void undo() },
    });
    duplicates.reload();
  };

  return (
    <div className="page duplicates-screen">
      <header className="page-header">
        <h1>Duplicates</h1>
        {view && view.groups.length > 0 && (
          <p className="muted">
            {count(view.groups.length, 'group')} · {view.extraCopies === 1 ? '1 extra copy' : `${view.extraCopies.toLocaleString()} extra copies`}
          </p>
        )}
        {view && view.hidden > 0 && (
          <button type="button" className="button small ghost" onClick={() => navigate({ screen: 'search', query: 'is:hidden' })}>
            Show {count(view.hidden, 'hidden photo')}
          </button>
        )}
      </header>
      {duplicates.error && <ErrorNotice error={duplicates.error} onRetry={duplicates.reload} />}
      {duplicates.loading && !view && <Loading label="Looking for duplicates…" />}
      {view && view.unhashed > 0 && (
        <p className="muted">
          {count(view.unhashed, 'photo')} {view.unhashed === 1 ? 'is' : 'are'} still being compared; {view.unhashed === 1 ? 'its' : 'their'} resized or edited copies show up once the library has been indexed.
        </p>
      )}
      {view && view.groups.length === 0 && (
        <EmptyState title="No duplicates">
          Copies of the same photo (the same file twice, or resized, recompressed, slightly cropped or turned) show up here as your library is indexed.
        </EmptyState>
      )}
      {view && view.groups.length > 0 && (
        <p className="muted duplicates-help">The best copy comes first. “Keep this one” hides the other copies from your library; Phototag never deletes or moves your files.</p>
      )}
      <ul className="duplicate-groups" aria-label="Groups of duplicates">
        {view?.groups.map((group) => (
          <li key={group.id} className="duplicate-group" aria-label={`${count(group.copies.length, 'copy', 'copies')} of ${fileName(group.copies[0]?.path ?? '')}`}>
            <ul className="duplicate-copies">
              {group.copies.map((copy, i) => (
                <li key={copy.id} className={i === 0 ? 'duplicate-copy best' : 'duplicate-copy'}>
                  <button type="button" className="duplicate-thumb" onClick={() => navigate({ screen: 'photo', id: copy.id, query: null, index: null })} aria-label={`Open ${fileName(copy.path)}`}>
                    <img src={client.thumbnailUrl(copy, 256)} alt="" loading="lazy" />
                  </button>
                  <div className="duplicate-facts">
                    <span className="duplicate-name" title={copy.path}>
                      {fileName(copy.path)}
                    </span>
                    <span className="small muted duplicate-folder" title={folderOf(copy.path).full}>
                      in {folderOf(copy.path).shown}
                    </span>
                    <span className="small muted">{copyFacts(copy)}</span>
                    {i === 0 ? (
                      <span className="small duplicate-best">Best: {group.bestBecause.join(', ')}</span>
                    ) : (
                      <span className="small muted">{copy.kind === 'exact' ? 'Identical file' : 'Same picture'}</span>
                    )}
                  </div>
                  <button type="button" className={i === 0 ? 'button small primary' : 'button small'} onClick={() => void keep(copy)}>
                    Keep this one
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
