// The learning worker thread: trains heads and scores the library over its own read-only connection, so neither
// blocks the main thread (the UI's API, indexing). The main thread stores what it returns.
import type { Transferable } from 'node:worker_threads';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { serveWorker } from '../../../native-models/pool/serveWorker.js';
import { ControlBlock, computePreview, computeRetrain, computeScores } from './learningComputations.js';
import type { LearningRequest, LearningResponse } from './learningProtocol.js';

serveWorker<LearningRequest, LearningResponse, { ready: true }>(async () => {
  // One read-only connection per library file, kept while the worker lives.
  const connections = new Map<string, LibraryDatabase>();
  const open = (file: string): LibraryDatabase => {
    let library = connections.get(file);
    if (!library) {
      library = LibraryDatabase.open(file, { readonly: true });
      connections.set(file, library);
    }
    return library;
  };
  return {
    info: { ready: true },
    async handle(request) {
      const control = new ControlBlock(request.control);
      const library = open(request.dbFile);
      if (request.type === 'retrain') return { value: computeRetrain(library, request, control) };
      if (request.type === 'preview') return { value: computePreview(library, request, control) };
      const scores = computeScores(library, request, control);
      const transfer: Transferable[] = scores.tags.flatMap((t) => [t.added, t.addedConfidences, t.updated, t.updatedConfidences, t.removed].map((a) => a.buffer as ArrayBuffer));
      return { value: scores, transfer };
    },
  };
});
