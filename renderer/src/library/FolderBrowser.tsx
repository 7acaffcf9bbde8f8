import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useApi } from '../hooks/useApi.js';
import { fileName } from '../format.js';
import './folderBrowser.css';

export interface FolderBrowserProps {
  onChoose(path: string): void;
  onCancel(): void;
}

/**
 * Picks a folder in a browser tab, which has no native folder picker that gives a path: the server lists the
 * subfolders of the home folder and of the library's folders (`folders.browse`), and nothing outside them.
 */
export function FolderBrowser({ onChoose, onCancel }: FolderBrowserProps) {
  const [at, setAt] = useState<string | undefined>(undefined);
  const [showHidden, setShowHidden] = useState(false);
  const listing = useApi('folders.browse', at === undefined ? { showHidden } : { path: at, showHidden }, []);
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const current = listing.value;

  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('button, input')?.focus();
  }, [current?.path]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
    // Keys pressed here are not shortcuts for the screen behind.
    event.stopPropagation();
  };

  return (
    <div className="overlay" onMouseDown={onCancel}>
      <div ref={dialog} className="prompt folder-browser" role="dialog" aria-modal="true" aria-labelledby={titleId} onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        <h2 id={titleId}>Choose a folder</h2>
        {current && current.roots.length > 1 && (
          <div className="folder-roots" role="group" aria-label="Places">
            {current.roots.map((root) => (
              <button key={root} type="button" className="button small ghost" onClick={() => setAt(root)} aria-pressed={current.path === root}>
                {fileName(root) || root}
              </button>
            ))}
          </div>
        )}
        <p className="folder-current path" aria-live="polite">
          {current?.path ?? (at ?? 'Your home folder')}
        </p>
        {listing.error && (
          <p className="field-error" role="alert">
            {listing.error.message}
          </p>
        )}
        <ul className="folder-entries" aria-label="Folders">
          {current?.parent && (
            <li>
              <button type="button" className="folder-entry" onClick={() => setAt(current.parent ?? undefined)}>
                ↑ Up to {fileName(current.parent) || current.parent}
              </button>
            </li>
          )}
          {current?.folders.map((folder) => (
            <li key={folder.path + folder.name}>
              <button type="button" className="folder-entry" onClick={() => setAt(folder.path)}>
                {folder.name}
              </button>
            </li>
          ))}
          {current && current.folders.length === 0 && <li className="muted">No folders in here.</li>}
          {current?.truncated && <li className="muted">Only the first {current.folders.length.toLocaleString()} folders are listed.</li>}
        </ul>
        <label className="folder-hidden">
          <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} /> Show hidden folders
        </label>
        <div className="prompt-actions">
          <button type="button" className="button ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={!current} onClick={() => current && onChoose(current.path)}>
            {current ? `Add “${fileName(current.path) || current.path}”` : 'Add this folder'}
          </button>
        </div>
      </div>
    </div>
  );
}
