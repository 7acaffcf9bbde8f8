/**
 * Indexes a folder of photos with the shipped models into a library, groups the faces, and exits: run in its own
 * Node process by the People tests (`tsx indexFaces.ts <folder> <dataDir>`), because the models' workers need
 * Node's AbortSignal and happy-dom, where the components run, replaces it with its own.
 */
import { createLogger } from '../../../electron/core/logging/logger.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { openModelAnalyzer } from '../../../electron/core/models/openModelAnalyzer.js';

const [folder, dataDir] = process.argv.slice(2);
if (!folder || !dataDir) throw new Error('usage: indexFaces.ts <folder> <dataDir>');
const opened = await openModelAnalyzer({ profile: 'fast', workers: 1, batchSize: 2 });
if (!opened.analyzer) throw new Error(opened.problem ?? 'no models');
const library = LibraryService.open({ dataDir, analyzer: opened.analyzer, logger: createLogger(null) });
try {
  library.addFolder(folder);
  await library.index();
  const regrouped = await library.people.regroup();
  process.stdout.write(JSON.stringify(regrouped) + '\n');
} finally {
  library.close();
  await opened.analyzer.close();
}
