import { useEffect, useRef } from 'react';
import { useClient } from '../api/ClientContext.js';
import { useNotices } from '../components/Notices.js';

/**
 * Folders dropped onto the desktop app's window are added to the library (`then` runs after each one added). Only
 * where the shell can tell a dropped item's path (Electron's preload); a browser tab cannot, so there the browser
 * keeps its own handling of drops.
 */
export function useFolderDrop(then: () => void): void {
  const client = useClient();
  const { notify } = useNotices();
  const after = useRef(then);
  after.current = then;

  useEffect(() => {
    const pathForFile = client.pathForFile;
    if (!pathForFile) return;
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the window would open the dropped item as a page.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const paths = [...(event.dataTransfer?.files ?? [])].map((file) => pathForFile(file)).filter((p): p is string => p !== null);
      if (paths.length === 0) notify('Drop a folder from your file manager to add it.', { tone: 'error' });
      for (const path of paths) {
        void client.call('folders.add', { path }).then((result) => {
          if (!result.ok) notify(result.error.message, { tone: 'error' });
          else {
            notify(`Added ${result.value.path}. Indexing starts now.`);
            after.current();
          }
        });
      }
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [client, notify]);
}
