/**
 * What a watcher failure means for the user and what to do about it. The common one on Linux is the inotify
 * limit: a big library has more folders than the system lets one user watch, and chokidar reports ENOSPC.
 * Photos are still found by the next scan (at start, or "Scan now"); only live pick-up of changes is lost.
 */
export function describeWatcherError(error: Error & { code?: string; path?: string }): string {
  const where = error.path ? ` (${error.path})` : '';
  switch (error.code) {
    case 'ENOSPC':
      return (
        `The system's limit on watched folders is reached${where}, so new and changed photos are picked up only when the library is scanned. ` +
        'Raise the limit, e.g. `sudo sysctl fs.inotify.max_user_watches=524288` (add it to /etc/sysctl.conf to keep it), then restart Phototag.'
      );
    case 'EMFILE':
    case 'ENFILE':
      return `Too many files are open to watch every folder${where}; changes are picked up at the next scan. Raise the open-files limit (ulimit -n) and restart Phototag.`;
    case 'EACCES':
    case 'EPERM':
      return `A folder cannot be watched: permission denied${where}. Its photos are indexed when readable; give Phototag read access to follow its changes.`;
    default:
      return `Watching the folders failed${where}: ${error.message}. Changes are picked up at the next scan.`;
  }
}
