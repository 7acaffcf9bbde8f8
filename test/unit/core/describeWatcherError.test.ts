import { describe, expect, it } from 'vitest';
import { describeWatcherError } from '../../../electron/core/watcher/describeWatcherError.js';

const failure = (code: string | undefined, message = 'boom', path?: string) => Object.assign(new Error(message), { code, path });

describe('describeWatcherError', () => {
  it('tells a user who hit the inotify limit how to raise it, and that scans still find their photos', () => {
    const text = describeWatcherError(failure('ENOSPC', 'System limit for number of file watchers reached', '/photos/2019'));
    expect(text).toContain('/photos/2019');
    expect(text).toMatch(/fs\.inotify\.max_user_watches/);
    expect(text).toMatch(/picked up only when the library is scanned/);
  });

  it('names the open-files limit and permissions for those failures, and passes anything else through', () => {
    expect(describeWatcherError(failure('EMFILE'))).toMatch(/ulimit -n/);
    expect(describeWatcherError(failure('EACCES', 'denied', '/photos/private'))).toMatch(/permission denied \(\/photos\/private\).*read access/);
    expect(describeWatcherError(failure(undefined, 'watcher exploded'))).toMatch(/watcher exploded.*next scan/);
  });
});
