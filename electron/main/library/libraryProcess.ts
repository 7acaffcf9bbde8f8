/**
 * Entry point of the library's utility process (started by forkLibraryProcess). Indexing — decoding, hashing,
 * the models, SQLite writes — runs here rather than in the main process, so a busy library never freezes the
 * window: main only relays messages.
 */
import { libraryPaths } from '../../core/config/dataDir.js';
import { readLibrarySettings, taggingOf } from '../../core/config/librarySettings.js';
import { gpuBackendAvailable, taggingPlan } from '../../core/models/taggingPlan.js';
import { createLogger, type Logger } from '../../core/logging/logger.js';
import { openTextReader } from '../../core/text/openTextReader.js';
import { parseLibraryProcessInit, type LibraryProcessInit } from './libraryProtocol.js';
import { endpointFromElectronPort } from './messageEndpoint.js';
import { serveLibrary, type LibraryHostSurface } from './serveLibrary.js';

process.parentPort.once('message', (message) => {
  const init = parseLibraryProcessInit(message.data);
  const port = message.ports[0];
  if (init === null || port === undefined) {
    console.error('phototag library process: started without a valid init message; exiting.');
    process.exit(2);
  }
  const logger = createLogger(libraryPaths(init.dataDir).logs).child({ process: 'library' });
  void serveLibrary(endpointFromElectronPort(port), () => openLibrary(init, logger), logger).then(() => process.exit(0));
});

async function openLibrary(init: LibraryProcessInit, logger: Logger): Promise<LibraryHostSurface> {
  // Loaded here, not at the top of the file: a native module built for the wrong runtime then becomes an
  // 'open-failed' message the user can act on, instead of a process that dies at start and is restarted in vain.
  const [{ LibraryRuntime }, { openModelAnalyzer }] = await Promise.all([import('../../core/host/LibraryRuntime.js'), import('../../core/models/openModelAnalyzer.js')]).catch(
    (error: Error) => {
      throw new Error(explainLoadFailure(error));
    },
  );
  const saved = readLibrarySettings(init.dataDir);
  if (saved.problem !== null) logger.warn({ problem: saved.problem }, 'library settings');
  // 'Fast then accurate' (the default): 'fast' indexes, 'accurate' improves while idle; a GPU goes straight to 'accurate'.
  const plan = taggingPlan(taggingOf(saved.settings), gpuBackendAvailable());
  const better = plan.improve;
  const modelDir = init.modelDir !== null ? { modelDir: init.modelDir } : {};
  // The runtime owns the models from here on: it opens others when the user switches, and closes them all.
  return LibraryRuntime.open(
    {
      dataDir: init.dataDir,
      logger,
      watch: true,
      openAnalyzer: (models) =>
        models === 'off' ? Promise.resolve({ analyzer: null, problem: null }) : openModelAnalyzer({ profile: models, workers: init.modelWorkers, logger, ...modelDir }),
      ...(better ? { openImprover: () => openModelAnalyzer({ profile: better, workers: init.modelWorkers, logger, ...modelDir }) } : {}),
      // Text in photos is read while the indexer is idle, if the library's setting says so (default on).
      textReader: openTextReader,
    },
    plan.first,
  );
}

function explainLoadFailure(error: Error): string {
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version/.test(error.message)) {
    return (
      'The library cannot load its database module: better-sqlite3 in node_modules is built for Node.js, not for ' +
      'this Electron. Rebuild it for Electron with `npx electron-builder install-app-deps`, then start again ' +
      '(and run `npm rebuild better-sqlite3` before using the CLI or the tests again). Details: ' +
      error.message
    );
  }
  return `The library could not load: ${error.message}`;
}
