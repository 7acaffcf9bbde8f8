import { render, type RenderResult } from '@testing-library/react';
import path from 'node:path';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../electron/contract/api.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { LibraryRuntime, type LibraryRuntimeOptions } from '../../../electron/core/host/LibraryRuntime.js';
import { PhototagClient } from '../../../renderer/src/api/client.js';
import { ClientProvider } from '../../../renderer/src/api/ClientContext.js';
import { App } from '../../../renderer/src/App.js';
import { populateSyntheticLibrary, type SyntheticLibraryInfo } from '../../bench/syntheticLibrary.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

export interface TestLibrary {
  host: LibraryHost | LibraryRuntime;
  info: SyntheticLibraryInfo | null;
  dataDir: string;
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  close(): Promise<void>;
}

/**
 * A real library for the components to talk to: a synthetic one (real SQLite rows written through the
 * repositories, as the pipeline writes them) or an empty one, behind a real LibraryHost; with `openAnalyzer`, behind
 * a LibraryRuntime that starts without models and opens them with it when the user chooses some.
 */
export async function openTestLibrary(photos: number, openAnalyzer?: LibraryRuntimeOptions['openAnalyzer']): Promise<TestLibrary> {
  const temp = makeTempDir('phototag-ui-');
  const dataDir = path.join(temp.dir, 'data');
  let info: SyntheticLibraryInfo | null = null;
  if (photos > 0) {
    const db = LibraryDatabase.open(path.join(dataDir, 'library.db'));
    try {
      info = populateSyntheticLibrary(db, { photos, seed: 11 });
    } finally {
      db.close();
    }
  }
  // Not watching: the synthetic folders are not on disk, and the components need no indexer.
  const host = openAnalyzer ? await LibraryRuntime.open({ dataDir, watch: false, openAnalyzer }, 'off') : await LibraryHost.open({ dataDir, analyzer: null, watch: false });
  return libraryOverHost(host, dataDir, info, () => temp.cleanup());
}

/** A TestLibrary over a host a test opened on data it prepared itself; closing it closes the host, then `cleanup`. */
export function libraryOverHost(host: LibraryHost | LibraryRuntime, dataDir: string, info: SyntheticLibraryInfo | null = null, cleanup: () => void = () => {}): TestLibrary {
  return {
    host,
    info,
    dataDir,
    async call(method, input) {
      const result = await host.call(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as never;
    },
    async close() {
      await host.close();
      cleanup();
    },
  };
}

/**
 * The app over an in-process transport to the host. Messages go through JSON both ways, as they do over IPC and
 * HTTP, so nothing the UI relies on can be an object identity or a non-JSON value.
 */
export function renderApp(library: TestLibrary, hash = '#/'): RenderResult {
  window.location.hash = hash;
  const roundTrip = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const client = new PhototagClient({
    call: async (method, input) => roundTrip(await library.host.call(method, roundTrip(input ?? {}))),
    subscribe: (listener) => library.host.subscribe((event) => listener(roundTrip(event))),
  });
  return render(
    <ClientProvider client={client}>
      <App />
    </ClientProvider>,
  );
}
